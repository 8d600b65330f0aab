package org.unlearning.workbench.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * One axis of a sweep: a key (a method parameter, {@code method}, or a configuration key such as
 * {@code fine_tune.epochs}) and its values, from a list or a range mapping:
 * {@code {linear: {from, to, count}}}, {@code {log: {from, to, count}}} (geometric) or
 * {@code {random: {from, to, count, log: false, seed: 0}}} (uniform or log-uniform draws, seeded).
 * Generated values keep 3 significant digits (so labels read 0.0316, not 0.031622776601683794);
 * {@code integer} axes (e.g. T) are rounded to whole numbers, repeats dropped.
 */
public record SweepAxis(String key, List<JsonNode> values) {
    /** Largest number of values one axis may generate. */
    public static final int MAX_VALUES = 1000;

    public SweepAxis {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("axes." + key + " has no values");
        }
    }

    /** Reads {@code node} (a list or a range mapping) for axis {@code key}. */
    public static SweepAxis of(String key, JsonNode node, boolean integer) {
        String where = "axes." + key;
        List<JsonNode> out = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode v : node) {
                if (!v.isValueNode()) {
                    throw new IllegalArgumentException(where + ": values must be numbers, words or true/false");
                }
                out.add(integer && v.isNumber() ? whole(where, v.doubleValue()) : v);
            }
        } else if (node.isValueNode()) {
            out.add(integer && node.isNumber() ? whole(where, node.doubleValue()) : node);
        } else if (node.isObject() && node.size() == 1) {
            String kind = node.fieldNames().next();
            JsonNode r = node.get(kind);
            switch (kind) {
                case "linear", "log" -> {
                    double from = number(r, "from", where + "." + kind);
                    double to = number(r, "to", where + "." + kind);
                    int count = count(r, where + "." + kind);
                    allowOnly(r, where + "." + kind, "from", "to", "count");
                    if (kind.equals("log") && !(from > 0 && to > 0)) {
                        throw new IllegalArgumentException(where + ".log: from and to must be > 0 (got " + from + ", "
                                + to + ")");
                    }
                    for (int i = 0; i < count; i++) {
                        double f = count == 1 ? 0 : (double) i / (count - 1);
                        double v = kind.equals("log") ? Math.exp(Math.log(from) + f * (Math.log(to) - Math.log(from)))
                                : from + f * (to - from);
                        out.add(integer ? whole(where, v) : new DoubleNode(round(v)));
                    }
                }
                case "random" -> {
                    String w = where + ".random";
                    double from = number(r, "from", w);
                    double to = number(r, "to", w);
                    int count = count(r, w);
                    allowOnly(r, w, "from", "to", "count", "log", "seed");
                    boolean log = r.has("log") && flag(r.get("log"), w + ".log");
                    long seed = r.has("seed") ? longValue(r.get("seed"), w + ".seed") : 0;
                    if (log && !(from > 0 && to > 0)) {
                        throw new IllegalArgumentException(w + ": with log: true, from and to must be > 0");
                    }
                    Random rnd = new Random(seed);
                    for (int i = 0; i < count; i++) {
                        double u = rnd.nextDouble();
                        double v = log ? Math.exp(Math.log(from) + u * (Math.log(to) - Math.log(from)))
                                : from + u * (to - from);
                        out.add(integer ? whole(where, v) : new DoubleNode(round(v)));
                    }
                }
                default -> throw new IllegalArgumentException(where + ": '" + kind
                        + "' is not a range; use a list, linear, log or random");
            }
        } else {
            throw new IllegalArgumentException(where + ": a list of values, or one of {linear: …}, {log: …}, {random: …}");
        }
        Set<String> seen = new LinkedHashSet<>();
        List<JsonNode> distinct = new ArrayList<>();
        for (JsonNode v : out) {
            if (seen.add(label(v))) {
                distinct.add(v);
            }
        }
        return new SweepAxis(key, distinct);
    }

    /** The text of a value in labels and results.csv: numbers in plain form without trailing zeros. */
    public static String label(JsonNode v) {
        if (v.isNumber()) {
            double d = v.doubleValue();
            return v.isIntegralNumber() ? Long.toString(v.longValue())
                    : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return v.asText();
    }

    private static double round(double v) {
        return v == 0 ? 0 : new BigDecimal(v).round(new MathContext(3)).doubleValue();
    }

    private static JsonNode whole(String where, double v) {
        if (!Double.isFinite(v) || Math.abs(v) > 1e15) {
            throw new IllegalArgumentException(where + ": " + v + " is not a whole number");
        }
        return new LongNode(Math.round(v));
    }

    private static double number(JsonNode r, String field, String where) {
        JsonNode n = r == null ? null : r.get(field);
        if (n == null || !n.isNumber()) {
            throw new IllegalArgumentException(where + "." + field + " must be a number");
        }
        return n.doubleValue();
    }

    private static int count(JsonNode r, String where) {
        JsonNode n = r.get("count");
        if (n == null || !n.isIntegralNumber() || n.longValue() < 1 || n.longValue() > MAX_VALUES) {
            throw new IllegalArgumentException(where + ".count must be a whole number in [1, " + MAX_VALUES + "]");
        }
        return n.intValue();
    }

    private static boolean flag(JsonNode n, String where) {
        if (!n.isBoolean()) {
            throw new IllegalArgumentException(where + " must be true or false");
        }
        return n.booleanValue();
    }

    private static long longValue(JsonNode n, String where) {
        if (!n.isIntegralNumber()) {
            throw new IllegalArgumentException(where + " must be a whole number");
        }
        return n.longValue();
    }

    private static void allowOnly(JsonNode r, String where, String... names) {
        List<String> allowed = List.of(names);
        r.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw new IllegalArgumentException(where + ": unknown key '" + f + "' (allowed: "
                        + String.join(", ", allowed) + ")");
            }
        });
    }

    /** The value labels. */
    public List<String> labels() {
        return values.stream().map(SweepAxis::label).toList();
    }
}
