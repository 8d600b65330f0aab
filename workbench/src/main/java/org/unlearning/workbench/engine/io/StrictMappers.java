package org.unlearning.workbench.engine.io;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The one place JSON and YAML readers are made. Every mapper built here is strict:
 * <ul>
 *   <li>a key given twice is an error (a reader must never see {@code epsilon: 1.0} while the run
 *       uses a later {@code epsilon: 100});</li>
 *   <li>no scalar coercions: {@code ""} is not null or a default, {@code "3"} is not a number,
 *       {@code 1} is not {@code true}, {@code 2024} is not text, {@code 1.5} is not a whole number;</li>
 *   <li>booleans are exactly {@code true} or {@code false} (YAML's {@code yes}/{@code on}/{@code True}
 *       are refused), numbers are finite ({@code 1e999} is refused);</li>
 *   <li>unknown keys are errors (a reader may relax this for forward-compatible files);</li>
 *   <li>YAML only: an empty value ({@code epsilon:}) is an error, not "use the default".</li>
 * </ul>
 * Errors become one line {@code file:line:column: key.path: what is wrong (expected type)} via
 * {@link ParseErrors}. Adopting it is one line: {@code StrictMappers.yamlBuilder()…build()} instead of
 * {@code YAMLMapper.builder()…build()}, then {@link #read} (or catch and {@link ParseErrors#describe}).
 */
public final class StrictMappers {
    /** Largest JSON/YAML file read (settings, metadata, configurations, run records). */
    public static final long MAX_TEXT_BYTES = 16L << 20;

    private static final JsonMapper JSON = jsonBuilder().build();
    private static final YAMLMapper YAML = yamlBuilder().build();

    private StrictMappers() {}

    /** A strict JSON mapper (shared, thread-safe; do not reconfigure it). */
    public static JsonMapper json() {
        return JSON;
    }

    /** A strict YAML mapper (shared, thread-safe; do not reconfigure it). */
    public static YAMLMapper yaml() {
        return YAML;
    }

    /** A strict JSON mapper builder, e.g. to add a naming strategy. */
    public static JsonMapper.Builder jsonBuilder() {
        return strict(JsonMapper.builder());
    }

    /** A strict YAML mapper builder; empty values ({@code key:}) are errors. */
    public static YAMLMapper.Builder yamlBuilder() {
        YAMLMapper.Builder b = strict(YAMLMapper.builder());
        b.defaultSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL, Nulls.FAIL));
        return b;
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B strict(B b) {
        b.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfigDefaults(c -> c.setAcceptBlankAsEmpty(false)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, c -> c
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .addModule(strictScalars());
        return b;
    }

    /** Booleans only as the words true/false; floating-point values only finite. */
    private static SimpleModule strictScalars() {
        SimpleModule m = new SimpleModule("strict-scalars");
        JsonDeserializer<Boolean> bool = new JsonDeserializer<>() {
            @Override
            public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                JsonToken t = p.currentToken();
                String text = p.getText();
                if ((t == JsonToken.VALUE_TRUE && "true".equals(text)) || (t == JsonToken.VALUE_FALSE && "false".equals(text))) {
                    return t == JsonToken.VALUE_TRUE;
                }
                return (Boolean) ctxt.handleUnexpectedToken(Boolean.class, t, p,
                        "expected true or false, got %s", shown(t, text));
            }
        };
        m.addDeserializer(Boolean.class, bool);
        m.addDeserializer(boolean.class, bool);
        JsonDeserializer<Double> dbl = new JsonDeserializer<>() {
            @Override
            public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                JsonToken t = p.currentToken();
                if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    double v = p.getDoubleValue();
                    if (Double.isFinite(v)) {
                        return v;
                    }
                    return (Double) ctxt.handleWeirdNumberValue(Double.class, v, "%s is not a finite number", p.getText());
                }
                return (Double) ctxt.handleUnexpectedToken(Double.class, t, p,
                        "expected a number, got %s", shown(t, p.getText()));
            }
        };
        m.addDeserializer(Double.class, dbl);
        m.addDeserializer(double.class, dbl);
        return m;
    }

    /**
     * For values Jackson itself writes as {@code "NaN"} / {@code "Infinity"} (a metric that could not
     * be computed, a window position not yet known): a number, or exactly one of those three words.
     * Use with {@code @JsonDeserialize(using = …)} or {@code contentUsing} on such fields only.
     */
    public static final class NonFiniteAllowed extends JsonDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                return p.getDoubleValue();
            }
            if (t == JsonToken.VALUE_STRING) {
                switch (p.getText()) {
                    case "NaN":
                        return Double.NaN;
                    case "Infinity":
                        return Double.POSITIVE_INFINITY;
                    case "-Infinity":
                        return Double.NEGATIVE_INFINITY;
                    default:
                        break;
                }
            }
            return (Double) ctxt.handleUnexpectedToken(Double.class, t, p,
                    "expected a number (or \"NaN\"), got %s", shown(t, p.getText()));
        }
    }

    /** How a scalar token is shown in a message: text quoted, everything else as written. */
    static String shown(JsonToken t, String text) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case VALUE_STRING -> "\"" + text + "\"";
            case START_OBJECT -> "a mapping";
            case START_ARRAY -> "a list";
            case VALUE_NULL -> "an empty value";
            default -> text;
        };
    }

    /** Reads a JSON ({@code .json}) or YAML (anything else) file into {@code type}; errors name file, line, column and key. */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        return read(file, type, isJson(file) ? JSON : YAML);
    }

    /** Reads {@code file} with {@code mapper} (a strict one from here); errors name file, line, column and key. */
    public static <T> T read(Path file, Class<T> type, ObjectMapper mapper) throws IOException {
        byte[] bytes = InputFiles.readBytes(file, MAX_TEXT_BYTES);
        T value;
        try {
            value = mapper.readValue(bytes, type);
        } catch (JsonProcessingException e) {
            throw ParseErrors.describe(file.toString(), e);
        }
        if (value == null) {
            throw new InputFileException(file + ": empty file (expected " + ParseErrors.expected(type) + ")");
        }
        return value;
    }

    /** Parses text (JSON or YAML by {@code json}) into {@code type}; {@code source} names it in errors. */
    public static <T> T parse(String text, Class<T> type, boolean json, String source) throws IOException {
        try {
            T value = (json ? JSON : YAML).readValue(text, type);
            if (value == null) {
                throw new InputFileException(source + ": empty (expected " + ParseErrors.expected(type) + ")");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw ParseErrors.describe(source, e);
        }
    }

    /** Reads a JSON file as a tree (duplicate keys refused). */
    public static JsonNode readTree(Path file) throws IOException {
        byte[] bytes = InputFiles.readBytes(file, MAX_TEXT_BYTES);
        JsonNode n;
        try {
            n = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ParseErrors.describe(file.toString(), e);
        }
        if (n == null || n.isMissingNode()) {
            throw new InputFileException(file + ": empty file (expected JSON)");
        }
        return n;
    }

    /** Parses JSON text as a tree (duplicate keys refused); {@code source} names it in errors. */
    public static JsonNode parseTree(byte[] json, String source) throws IOException {
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || n.isMissingNode()) {
                throw new InputFileException(source + ": empty (expected JSON)");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw ParseErrors.describe(source, e);
        }
    }

    static boolean isJson(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }
}
