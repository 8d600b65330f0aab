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

import java.util.Collection;
import java.util.List;
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
    private static final Pattern GOT_VALUE = Pattern.compile(
            "(String|Integer|Floating-point|Boolean) value \\((.*?)\\)(?= to | for |$|\\s)");
    private static final Pattern FROM_SHAPE = Pattern.compile("from (Array|Object|String|Integer|Floating-point|Boolean) value");

    private ParseErrors() {}

    /** The one-line description of {@code e} in {@code source} (a file name or other label). */
    public static InputFileException describe(String source, JsonProcessingException e) {
        StringBuilder m = new StringBuilder(source);
        int[] lc = lineColumn(e);
        if (lc != null) {
            m.append(':').append(lc[0]).append(':').append(lc[1]);
        }
        m.append(": ");
        String path = path(e);
        String dup = duplicateKey(e);
        if (dup != null && !path.equals(dup) && !path.endsWith("." + dup)) {
            path = path.isEmpty() ? dup : path + "." + dup;
        }
        if (!path.isEmpty()) {
            m.append(path).append(": ");
        }
        m.append(problem(e));
        return new InputFileException(m.toString().replaceAll("\\s*\\R\\s*", " "), e);
    }

    /** Line and column (1-based) of the problem, or null when unknown. */
    static int[] lineColumn(JsonProcessingException e) {
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

    /** {@code a.b[2].c}: where in the document the problem is. */
    static String path(JsonProcessingException e) {
        if (e instanceof JsonMappingException jm && !jm.getPath().isEmpty()) {
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
        if (e instanceof JsonParseException pe && pe.getProcessor() != null) {
            return contextPath(pe.getProcessor().getParsingContext());
        }
        return "";
    }

    private static String contextPath(JsonStreamContext c) {
        StringBuilder p = new StringBuilder();
        for (; c != null && !c.inRoot(); c = c.getParent()) {
            String seg;
            if (c.inObject()) {
                seg = c.getCurrentName() == null ? "" : "." + c.getCurrentName();
            } else {
                seg = "[" + Math.max(0, c.getCurrentIndex()) + "]";
            }
            p.insert(0, seg);
        }
        return p.length() > 0 && p.charAt(0) == '.' ? p.substring(1) : p.toString();
    }

    /** What is wrong, and what was expected. */
    static String problem(JsonProcessingException e) {
        String orig = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        org.yaml.snakeyaml.error.MarkedYAMLException y = yamlCause(e);
        if (y != null) {
            String what = y.getProblem() == null ? firstLine(orig) : y.getProblem();
            String ctx = y.getContext() == null ? "" : " (" + y.getContext() + ")";
            return "YAML syntax error: " + what + ctx;
        }
        if (duplicateKey(e) != null) {
            return "duplicate key (each key may appear only once)";
        }
        if (e instanceof UnrecognizedPropertyException u) {
            Collection<Object> known = u.getKnownPropertyIds();
            String list = known == null ? "" : " (known: " + new TreeSet<>(known.stream().map(String::valueOf).toList())
                    .stream().collect(Collectors.joining(", ")) + ")";
            return "unknown key '" + u.getPropertyName() + "'" + list;
        }
        if (e instanceof ValueInstantiationException v) {
            Throwable c = v.getCause() == null ? v : v.getCause();
            return firstLine(c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage());
        }
        if (e instanceof InvalidNullException n) {
            return "empty value (expected " + expected(n.getTargetType()) + ")";
        }
        if (e instanceof MismatchedInputException mi) {
            String exp = expected(mi.getTargetType());
            String got = got(mi, orig);
            if (orig.startsWith("expected ") || orig.endsWith("is not a finite number")) {
                return firstLine(orig);   // our own strict scalars already say it
            }
            if (got != null) {
                return got + " is not " + article(exp) + " (expected " + exp + ")";
            }
            if (orig.contains("out of range")) {
                return firstLine(orig).replaceAll("\\s*\\(through reference chain.*", "");
            }
            return "wrong type (expected " + exp + ")";
        }
        if (e instanceof JsonParseException) {
            return (e.getClass().getName().contains("yaml") ? "YAML" : "JSON") + " syntax error: " + firstLine(orig);
        }
        return firstLine(orig);
    }

    /** The key a duplicate-key error is about, or null. */
    private static String duplicateKey(JsonProcessingException e) {
        String orig = e.getOriginalMessage();
        if (orig == null || !orig.startsWith("Duplicate field '")) {
            return null;
        }
        int end = orig.indexOf('\'', "Duplicate field '".length());
        return end < 0 ? null : orig.substring("Duplicate field '".length(), end);
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
                default -> "a " + s.group(1).toLowerCase(java.util.Locale.ROOT) + " value";
            };
        }
        return null;
    }

    private static String article(String expected) {
        if (expected.startsWith("one of") || expected.startsWith("true or")) {
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
            Object[] values = c.getEnumConstants();
            return "one of " + java.util.Arrays.stream(values).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (c.isArray() || Collection.class.isAssignableFrom(c) || List.class.isAssignableFrom(c)) {
            return "list";
        }
        if (Map.class.isAssignableFrom(c) || c.isRecord() || c.getName().startsWith("com.fasterxml.jackson.databind.node")) {
            return "mapping";
        }
        return c.getSimpleName();
    }

    static String expected(JavaType t) {
        return t == null ? "another value" : expected(t.getRawClass());
    }

    private static org.yaml.snakeyaml.error.MarkedYAMLException yamlCause(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof org.yaml.snakeyaml.error.MarkedYAMLException m) {
                return m;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse(s).trim();
    }
}
