package org.unlearning.workbench.engine.unlearn;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.unlearning.workbench.accounting.method.MethodAccountant;
import org.unlearning.workbench.accounting.method.ParameterDescription;
import org.unlearning.workbench.accounting.registry.MethodRegistry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code method:} section of a run configuration: the method ({@code type}) and its typed
 * parameter record, read and written through the method's schema (YAML keys as declared on the
 * record, e.g. {@code init_clip} for C0). Immutable.
 *
 * @param method the method's accountant (from the registry)
 * @param params its parameter record
 */
@JsonDeserialize(using = MethodConfig.Reader.class)
public record MethodConfig(MethodAccountant<?> method, Record params) {
    public MethodConfig {
        if (method == null) {
            throw new IllegalArgumentException("method.type is missing");
        }
        if (params == null || params.getClass() != method.schema().type()) {
            throw new IllegalArgumentException("method " + method.key() + " needs a "
                    + method.schema().type().getSimpleName() + " (got " + (params == null ? "none" : params.getClass().getSimpleName()) + ")");
        }
    }

    /** A method with its parameters (the record decides the method). */
    public static MethodConfig of(Record params) {
        return new MethodConfig(MethodRegistry.of(params), params);
    }

    /** The method's defaults. */
    public static MethodConfig defaults(String key) {
        MethodAccountant<?> m = MethodRegistry.get(key);
        return new MethodConfig(m, m.schema().defaults());
    }

    /**
     * Reads a {@code method:} mapping keeping each scalar as written: a YAML {@code yes} stays the text
     * "yes" (which no boolean parameter accepts), numbers stay numbers. Each value is checked on its
     * own first (type and range), so an error points at its line, column and {@code method.key}.
     */
    static final class Reader extends JsonDeserializer<MethodConfig> {
        @Override
        public MethodConfig deserialize(JsonParser p, DeserializationContext ctx) throws java.io.IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw JsonMappingException.from(p, "must be a mapping of keys to values");
            }
            JsonLocation start = p.currentTokenLocation();
            Map<String, Object> raw = new LinkedHashMap<>();
            Map<String, JsonLocation> where = new LinkedHashMap<>();
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                where.put(name, p.currentTokenLocation());
                raw.put(name, switch (v) {
                    case VALUE_NUMBER_INT -> p.getLongValue();
                    case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                    case VALUE_TRUE, VALUE_FALSE -> p.getText().equals("true") || p.getText().equals("false")
                            ? (Object) (v == JsonToken.VALUE_TRUE) : p.getText();
                    case VALUE_NULL -> null;
                    case VALUE_STRING -> p.getText();
                    default -> throw located(p, p.currentTokenLocation(), name, "must be a single value");
                });
            }
            Object type = raw.get("type");
            if (type != null && MethodRegistry.keys().contains(String.valueOf(type))) {
                MethodAccountant<?> m = MethodRegistry.get(String.valueOf(type));
                for (Map.Entry<String, Object> e : raw.entrySet()) {
                    if (e.getKey().equals("type") || m.schema().parameter(e.getKey()).isEmpty()) {
                        continue;
                    }
                    try {
                        m.schema().value(e.getKey(), e.getValue());
                    } catch (IllegalArgumentException ex) {
                        String key = m.schema().parameter(e.getKey()).orElseThrow().key();
                        String msg = ex.getMessage();
                        throw located(p, where.get(e.getKey()), e.getKey(),
                                msg.startsWith(key + " ") ? msg.substring(key.length() + 1) : msg);
                    }
                }
            }
            try {
                return fromMap(raw);
            } catch (IllegalArgumentException ex) {
                String msg = ex.getMessage();
                throw new JsonMappingException(p, msg.startsWith("method: ") ? msg.substring("method: ".length())
                        : msg.startsWith("method.") ? msg.substring("method.".length()) : msg, start);
            }
        }

        /** An error at {@code loc} whose key path ends in {@code key} (Jackson prepends {@code method}). */
        private static JsonMappingException located(JsonParser p, JsonLocation loc, String key, String problem) {
            JsonMappingException e = new JsonMappingException(p, problem, loc);
            e.prependPath(new JsonMappingException.Reference(null, key));
            return e;
        }
    }

    /** Parses a {@code method:} mapping: {@code type} plus parameters by YAML key (or key/alias); missing ones take defaults. */
    public static MethodConfig fromMap(Map<String, Object> raw) {
        if (raw == null || raw.get("type") == null) {
            throw new IllegalArgumentException("method.type is missing (one of " + String.join(", ", MethodRegistry.keys()) + ")");
        }
        MethodAccountant<?> m = MethodRegistry.get(String.valueOf(raw.get("type")));
        Map<String, Object> values = new LinkedHashMap<>(raw);
        values.remove("type");
        try {
            values.keySet().forEach(k -> requireRunInput(m, k));
            return new MethodConfig(m, m.schema().build(values));
        } catch (IllegalArgumentException e) {
            String first = e.getMessage().split(" ")[0];
            throw new IllegalArgumentException((m.schema().parameter(first).isPresent() ? "method." : "method: ")
                    + e.getMessage(), e);
        }
    }

    /** A run takes only parameters the engine reads; calculator inputs (e.g. training-set and forget-set sizes) come from the data. */
    private static void requireRunInput(MethodAccountant<?> m, String name) {
        m.schema().parameter(name).ifPresent(d -> {
            if (!d.runInput()) {
                throw new IllegalArgumentException(d.key() + " is a calculator input; a " + m.key()
                        + " run derives it from the data and the model");
            }
        });
    }

    /**
     * The mapping written to {@code config.json}: {@code type} and every run parameter by YAML key. Calculator
     * inputs (n, k, λ_min, …) are left out: a run derives them from its data and refuses them as input, so the
     * mapping reads back ({@link #fromMap}) — a sweep point or a rerun of {@code config.json}.
     */
    @JsonValue
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", method.key());
        values(method, params, true).forEach((k, v) -> {
            if (method.schema().parameter(k).map(ParameterDescription::runInput).orElse(true)) {
                m.put(k, v);
            }
        });
        return m;
    }

    /** Every parameter by its key (certificate inputs). */
    public Map<String, Object> values() {
        return values(method, params, false);
    }

    /** Method key ({@code gradient_clipping}, …). */
    public String key() {
        return method.key();
    }

    /** A copy with one run parameter changed (typed value or text). */
    public MethodConfig with(String name, Object value) {
        requireRunInput(method, name);
        return new MethodConfig(method, with(method, params, name, value));
    }

    /** The typed value of one parameter. */
    public Object get(String name) {
        return get(method, params, name);
    }

    /** The record, typed by the caller that knows the method. */
    @SuppressWarnings("unchecked")
    public <P extends Record> P paramsAs(Class<P> type) {
        if (params.getClass() != type) {
            throw new IllegalStateException("method " + key() + " has " + params.getClass().getSimpleName() + ", not "
                    + type.getSimpleName());
        }
        return (P) params;
    }

    @SuppressWarnings("unchecked")
    private static <P extends Record> Map<String, Object> values(MethodAccountant<P> m, Record p, boolean yaml) {
        return yaml ? m.schema().yamlValues((P) p) : m.schema().values((P) p);
    }

    @SuppressWarnings("unchecked")
    private static <P extends Record> Record with(MethodAccountant<P> m, Record p, String name, Object value) {
        return m.schema().with((P) p, name, value);
    }

    @SuppressWarnings("unchecked")
    private static <P extends Record> Object get(MethodAccountant<P> m, Record p, String name) {
        return m.schema().get((P) p, name);
    }
}
