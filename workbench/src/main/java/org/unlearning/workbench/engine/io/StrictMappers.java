package org.unlearning.workbench.engine.io;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
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
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

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
 *   <li>YAML only, when read through {@link #read} / {@link #parse}: an empty value
 *       ({@code epsilon:}) is an error, not "use the default".</li>
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

    /** A strict YAML mapper builder (read with {@link #read} / {@link #parse}: empty values are errors). */
    public static YAMLMapper.Builder yamlBuilder() {
        return strict(YAMLMapper.builder());
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
        m.addDeserializer(Boolean.class, new StrictBoolean(false));
        m.addDeserializer(boolean.class, new StrictBoolean(true));
        m.addDeserializer(Double.class, new FiniteDouble(false));
        m.addDeserializer(double.class, new FiniteDouble(true));
        return m;
    }

    /** A scalar that may be absent (a primitive then takes its default) but, for a primitive, not null. */
    private abstract static class StrictScalar<T> extends JsonDeserializer<T> {
        private final Class<?> primitive;
        private final T absent;

        StrictScalar(Class<?> primitive, T absent) {
            this.primitive = primitive;
            this.absent = absent;
        }

        @Override
        public T getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            return primitive == null ? null : ctxt.reportInputMismatch(primitive, "empty value");
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return primitive == null ? null : absent;
        }
    }

    /** {@code true} or {@code false}, spelt so. */
    private static final class StrictBoolean extends StrictScalar<Boolean> {
        StrictBoolean(boolean primitive) {
            super(primitive ? boolean.class : null, Boolean.FALSE);
        }

        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            String text = p.getText();
            if ((t == JsonToken.VALUE_TRUE && "true".equals(text)) || (t == JsonToken.VALUE_FALSE && "false".equals(text))) {
                return t == JsonToken.VALUE_TRUE;
            }
            return (Boolean) ctxt.handleUnexpectedToken(Boolean.class, t, p, "%s is not a boolean", shown(t, text));
        }
    }

    /** A finite number. */
    private static final class FiniteDouble extends StrictScalar<Double> {
        FiniteDouble(boolean primitive) {
            super(primitive ? double.class : null, 0.0);
        }

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
            return (Double) ctxt.handleUnexpectedToken(Double.class, t, p, "%s is not a number", shown(t, p.getText()));
        }
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
            return (Double) ctxt.handleUnexpectedToken(Double.class, t, p, "%s is not a number (or \"NaN\")",
                    shown(t, p.getText()));
        }

        /** Absent or null: not known. */
        @Override
        public Double getNullValue(DeserializationContext ctxt) {
            return Double.NaN;
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return Double.NaN;
        }
    }

    /** How a scalar token is shown in a message: text quoted, everything else as written. */
    static String shown(JsonToken t, String text) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case VALUE_STRING -> text.isEmpty() ? "an empty text" : "\"" + text + "\"";
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
        return parse(InputFiles.readBytes(file, MAX_TEXT_BYTES), type, mapper, file.toString());
    }

    /** Parses text (JSON or YAML by {@code json}) into {@code type}; {@code source} names it in errors. */
    public static <T> T parse(String text, Class<T> type, boolean json, String source) throws IOException {
        return parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), type, json ? JSON : YAML, source);
    }

    /**
     * Parses JSON or YAML (by the mapper's format) into {@code type}; in YAML an empty value
     * ({@code key:}, {@code ~}, {@code null}) is an error. {@code source} names the text in errors.
     */
    public static <T> T parse(byte[] text, Class<T> type, ObjectMapper mapper, String source) throws IOException {
        T value;
        try (JsonParser p = parser(mapper, text)) {
            value = p.nextToken() == null ? null : mapper.readValue(p, type);
        } catch (JsonProcessingException e) {
            throw ParseErrors.describe(source, e);
        }
        if (value == null) {
            throw new InputFileException(source + ": empty or null (expected " + ParseErrors.expected(type) + ")");
        }
        return value;
    }

    /** Reads a JSON file as a tree (duplicate keys refused). */
    public static JsonNode readTree(Path file) throws IOException {
        return parseTree(InputFiles.readBytes(file, MAX_TEXT_BYTES), JSON, file.toString());
    }

    /** Parses JSON text as a tree (duplicate keys refused); {@code source} names it in errors. */
    public static JsonNode parseTree(byte[] json, String source) throws IOException {
        return parseTree(json, JSON, source);
    }

    /** Parses JSON or YAML (by the mapper's format) as a tree, strictly as {@link #parse}. */
    public static JsonNode parseTree(byte[] text, ObjectMapper mapper, String source) throws IOException {
        JsonNode n;
        try (JsonParser p = parser(mapper, text)) {
            n = p.nextToken() == null ? null : mapper.readTree(p);
        } catch (JsonProcessingException e) {
            throw ParseErrors.describe(source, e);
        }
        if (n == null || n.isMissingNode()) {
            throw new InputFileException(source + ": empty or null (expected a mapping)");
        }
        return n;
    }

    private static JsonParser parser(ObjectMapper mapper, byte[] text) throws IOException {
        JsonParser p = mapper.getFactory().createParser(text);
        return p instanceof YAMLParser ? new YamlEmptyValueGuard(p) : p;
    }

    /** Refuses YAML's null values: {@code epsilon:} must not silently mean "the default". */
    static final class YamlEmptyValueGuard extends JsonParserDelegate {
        YamlEmptyValueGuard(JsonParser p) {
            super(p);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken t = super.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                throw new JsonParseException(this, "empty value (write a value, or leave the key out)");
            }
            return t;
        }

        @Override
        public JsonToken nextValue() throws IOException {
            JsonToken t = nextToken();
            return t == JsonToken.FIELD_NAME ? nextToken() : t;
        }

        @Override
        public String nextTextValue() throws IOException {
            return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
        }

        @Override
        public int nextIntValue(int defaultValue) throws IOException {
            return nextToken() == JsonToken.VALUE_NUMBER_INT ? getIntValue() : defaultValue;
        }

        @Override
        public long nextLongValue(long defaultValue) throws IOException {
            return nextToken() == JsonToken.VALUE_NUMBER_INT ? getLongValue() : defaultValue;
        }

        @Override
        public Boolean nextBooleanValue() throws IOException {
            JsonToken t = nextToken();
            return t == JsonToken.VALUE_TRUE ? Boolean.TRUE : t == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
        }

        @Override
        public boolean nextFieldName(com.fasterxml.jackson.core.SerializableString str) throws IOException {
            return nextToken() == JsonToken.FIELD_NAME && str.getValue().equals(getCurrentName());
        }

        @Override
        public String nextFieldName() throws IOException {
            return nextToken() == JsonToken.FIELD_NAME ? getCurrentName() : null;
        }
    }

    static boolean isJson(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }
}
