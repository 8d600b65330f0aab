package org.unlearning.workbench.engine.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a Jackson error into one line: {@code file:line:column: key.path: what is wrong (expected
 * type)}. YAML syntax errors use SnakeYAML's own mark (the place of the problem, not where the
 * parser gave up).
 */
public final class ParseErrors {
    private static final String DUPLICATE = "Duplicate field '";
    private static final Pattern GOT_VALUE = Pattern.compile(
            "(String|Integer|Floating-point|Boolean) value \\(((?!token ).*?)\\)(?= to | for |$|\\s)");
    private static final Pattern FROM_SHAPE = Pattern.compile("from (Array|Object|String|Integer|Floating-point|Boolean) value");
    private static final Pattern NOT_FINITE = Pattern.compile("(\\S+ is not a finite number)");
    /** Messages of the strict scalar deserializers ({@link StrictMappers}). */
    private static final Pattern OWN = Pattern.compile("^(.+) is not a (boolean|number)( \\(or \"NaN\"\\))?$");

    private ParseErrors() {}

    /** The one-line description of {@code e} in {@code source} (a file name or other label). */
    public static InputFileException describe(String source, JsonProcessingException e) {
        JsonParseException syntax = syntaxCause(e);
        String path;
        String problem;
        if (syntax != null) {
            String orig = syntax.getOriginalMessage() == null ? "" : syntax.getOriginalMessage();
            String context = syntax.getProcessor() == null ? "" : contextPath(syntax.getProcessor().getParsingContext());
            if (orig.startsWith(DUPLICATE)) {
                String key = orig.substring(DUPLICATE.length(), Math.max(DUPLICATE.length(), orig.indexOf('\'', DUPLICATE.length())));
                path = context.equals(key) || context.endsWith("." + key) ? context : join(context, key);
                problem = "duplicate key (each key may appear only once)";
            } else if (orig.startsWith("empty value")) {
                path = context;
                problem = orig;
            } else {
                path = "";
                problem = syntaxProblem(syntax, orig);
            }
        } else {
            path = mappingPath(e);
            if (e instanceof UnrecognizedPropertyException && path.contains(".")) {
                path = path.substring(0, path.lastIndexOf('.'));   // the key is named in the problem
            } else if (e instanceof UnrecognizedPropertyException) {
                path = "";
            }
            problem = problem(e);
        }
        StringBuilder m = new StringBuilder(source);
        int[] lc = lineColumn(syntax != null ? syntax : e);
        if (lc != null) {
            m.append(':').append(lc[0]).append(':').append(lc[1]);
        }
        m.append(": ");
        if (!path.isEmpty()) {
            m.append(path).append(": ");
        }
        m.append(problem);
        return new InputFileException(m.toString().replaceAll("\\s*\\R\\s*", " "), e);
    }

    /** Line and column (1-based) of the problem, or null when unknown. */
    private static int[] lineColumn(JsonProcessingException e) {
        org.yaml.snakeyaml.error.MarkedYAMLException y = yamlCause(e);
        if (y != null && y.getProblemMark() != null) {
            return new int[] {y.getProblemMark().getLine() + 1, y.getProblemMark().getColumn() + 1};
        }
        JsonLocation loc = e.getLocation();
        if (loc == null || loc.getLineNr() < 1) {
            return null;
        }
        return new int[] {loc.getLineNr(), Math.max(1, loc.getColumnNr())};
    }

    /** {@code a.b[2].c}: where in the document a binding problem is. */
    private static String mappingPath(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException jm)) {
            return "";
        }
        StringBuilder p = new StringBuilder();
        for (JsonMappingException.Reference r : jm.getPath()) {
            if (r.getFieldName() != null) {
                if (p.length() > 0) {
                    p.append('.');
                }
                p.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                p.append('[').append(r.getIndex()).append(']');
            }
        }
        return p.toString();
    }

    private static String contextPath(JsonStreamContext c) {
        StringBuilder p = new StringBuilder();
        for (; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject()) {
                p.insert(0, c.getCurrentName() == null ? "" : "." + c.getCurrentName());
            } else {
                p.insert(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        return p.length() > 0 && p.charAt(0) == '.' ? p.substring(1) : p.toString();
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String syntaxProblem(JsonParseException syntax, String orig) {
        org.yaml.snakeyaml.error.MarkedYAMLException y = yamlCause(syntax);
        boolean yaml = y != null || syntax.getProcessor() instanceof YAMLParser
                || syntax.getProcessor() instanceof StrictMappers.YamlEmptyValueGuard;
        if (y != null) {
            String what = y.getProblem() == null ? firstLine(orig) : y.getProblem();
            return "YAML syntax error: " + what + (y.getContext() == null ? "" : " (" + y.getContext() + ")");
        }
        return (yaml ? "YAML" : "JSON") + " syntax error: " + firstLine(orig);
    }

    /** What is wrong with a value, and what was expected. */
    private static String problem(JsonProcessingException e) {
        String orig = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getOriginalMessage());
        if (e instanceof UnrecognizedPropertyException u) {
            Collection<Object> known = u.getKnownPropertyIds();
            String list = known == null ? "" : " (known: " + String.join(", ",
                    new TreeSet<>(known.stream().map(String::valueOf).toList())) + ")";
            return "unknown key '" + u.getPropertyName() + "'" + list;
        }
        if (e instanceof ValueInstantiationException v) {
            Throwable c = v.getCause() == null ? v : v.getCause();
            return firstLine(c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage());
        }
        if (e instanceof InvalidNullException n) {
            return "empty value (expected " + expected(n.getTargetType()) + ")";
        }
        if (!(e instanceof MismatchedInputException mi)) {
            return orig;
        }
        String exp = expected(mi.getTargetType());
        if (orig.startsWith("Trailing token")) {
            return "more content after the end of the document";
        }
        if (orig.startsWith("No content to map")) {
            return "empty (expected " + exp + ")";
        }
        if (orig.equals("empty value")) {
            return "empty value (expected " + exp + ")";
        }
        Matcher own = OWN.matcher(orig);
        if (own.matches()) {
            return own.group(1) + " is not a " + own.group(2) + " (expected " + exp + ")";
        }
        Matcher inf = NOT_FINITE.matcher(orig);
        if (inf.find()) {
            return inf.group(1);
        }
        String got = got(mi, orig);
        if (got != null) {
            return got + " is not " + article(exp) + " (expected " + exp + ")";
        }
        if (orig.contains("out of range")) {
            return orig.replaceAll("\\s*\\(through reference chain.*", "");
        }
        return "wrong type (expected " + exp + ")";
    }

    private static String got(MismatchedInputException mi, String orig) {
        if (mi instanceof InvalidFormatException f && f.getValue() != null) {
            Object v = f.getValue();
            return v instanceof String s ? (s.isEmpty() ? "an empty text" : "\"" + s + "\"") : String.valueOf(v);
        }
        Matcher m = GOT_VALUE.matcher(orig);
        if (m.find()) {
            return m.group(2).isEmpty() || m.group(2).equals("\"\"") ? "an empty text" : m.group(2);
        }
        Matcher s = FROM_SHAPE.matcher(orig);
        if (s.find()) {
            return switch (s.group(1)) {
                case "Array" -> "a list";
                case "Object" -> "a mapping";
                case "Integer" -> "a whole number";
                case "Floating-point" -> "a number";
                case "String" -> "a text";
                default -> "a boolean";
            };
        }
        return null;
    }

    private static String article(String expected) {
        if (expected.startsWith("one of") || expected.startsWith("true or") || expected.equals("text")) {
            return expected;
        }
        return (expected.matches("^[aeiou].*") ? "an " : "a ") + expected;
    }

    /** A reader's name for a Java type: number, whole number, true or false, text, list, mapping. */
    public static String expected(Class<?> c) {
        if (c == null) {
            return "another value";
        }
        if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
            return "number";
        }
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class || c == short.class
                || c == Short.class) {
            return "whole number";
        }
        if (c == boolean.class || c == Boolean.class) {
            return "true or false";
        }
        if (c == String.class || c == char.class || c == Character.class) {
            return "text";
        }
        if (c.isEnum()) {
            return "one of " + Arrays.stream(c.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (c.isArray() || Collection.class.isAssignableFrom(c)) {
            return "list";
        }
        if (Map.class.isAssignableFrom(c) || c.isRecord() || c.getName().startsWith("com.fasterxml.jackson.databind")) {
            return "mapping";
        }
        return c.getSimpleName().toLowerCase(Locale.ROOT);
    }

    static String expected(JavaType t) {
        return t == null ? "another value" : expected(t.getRawClass());
    }

    private static JsonParseException syntaxCause(Throwable e) {
        for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof JsonParseException p) {
                return p;
            }
        }
        return null;
    }

    private static org.yaml.snakeyaml.error.MarkedYAMLException yamlCause(Throwable e) {
        for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof org.yaml.snakeyaml.error.MarkedYAMLException m) {
                return m;
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse(s).trim();
    }
}
