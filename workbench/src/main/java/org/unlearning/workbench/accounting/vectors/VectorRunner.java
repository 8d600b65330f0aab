package org.unlearning.workbench.accounting.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.unlearning.workbench.accounting.ConversionResult;
import org.unlearning.workbench.accounting.GaussianMechanism;
import org.unlearning.workbench.accounting.Numerics;
import org.unlearning.workbench.accounting.RenyiConversion;
import org.unlearning.workbench.accounting.Require;
import org.unlearning.workbench.accounting.method.VectorInputs;
import org.unlearning.workbench.accounting.method.VectorKind;
import org.unlearning.workbench.accounting.registry.MethodRegistry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates accountant test vectors (theory.md §11): {@code {id, method, inputs, expected,
 * tolerance_rel, note}}. Integers and booleans exactly, null exactly, "inf" = +∞, floats within
 * tolerance_rel relative (absolute when expected = 0), lists element-wise, only expected keys
 * checked; {@code {"error": "invalid_argument"}} requires an {@link IllegalArgumentException}.
 * Used by the JUnit suite and by {@code accountant check}.
 */
public final class VectorRunner {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private VectorRunner() {}

    /** Outcome of one vector. */
    public record Outcome(String id, boolean passed, List<String> mismatches) {}

    /**
     * The vectors of a parsed vector file (a JSON array; read it with a strict reader that refuses
     * duplicate keys, {@code engine.io.StrictMappers.readTree}); {@code source} names it in errors.
     */
    public static List<JsonNode> vectors(JsonNode root, String source) throws IOException {
        if (root == null || !root.isArray()) {
            throw new IOException(source + " must contain a JSON array of test vectors");
        }
        List<JsonNode> out = new ArrayList<>();
        root.forEach(out::add);
        return out;
    }

    /** Runs one vector and compares with its expected values. */
    public static Outcome check(JsonNode vector) {
        String id = vector.path("id").asText("?");
        JsonNode expected = vector.path("expected");
        double tol = vector.path("tolerance_rel").asDouble(0);
        List<String> bad = new ArrayList<>();
        boolean expectError = expected.has("error");
        ObjectNode got;
        try {
            got = evaluate(vector.path("method").asText(), vector.path("inputs"));
        } catch (IllegalArgumentException e) {
            if (expectError) {
                return new Outcome(id, true, List.of());
            }
            return new Outcome(id, false, List.of("unexpected invalid_argument: " + e.getMessage()));
        } catch (RuntimeException e) {
            return new Outcome(id, false, List.of("error: " + e));
        }
        if (expectError) {
            return new Outcome(id, false, List.of("expected error " + expected.get("error").asText()
                    + ", got " + got));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode g = got.get(e.getKey());
            if (g == null) {
                bad.add(e.getKey() + ": expected " + e.getValue() + ", actual <missing>");
            } else if (!matches(e.getValue(), g, tol)) {
                bad.add(e.getKey() + ": expected " + e.getValue() + ", actual " + g);
            }
        }
        return new Outcome(id, bad.isEmpty(), bad);
    }

    static boolean matches(JsonNode exp, JsonNode got, double tol) {
        if (exp.isNull()) {
            return got.isNull();
        }
        if (exp.isBoolean()) {
            return got.isBoolean() && got.booleanValue() == exp.booleanValue();
        }
        if (exp.isTextual()) {
            if (exp.asText().equals("inf")) {
                return (got.isTextual() && got.asText().equals("inf"))
                        || (got.isNumber() && got.doubleValue() == Double.POSITIVE_INFINITY);
            }
            return got.isTextual() && got.asText().equals(exp.asText());
        }
        if (exp.isArray()) {
            if (!got.isArray() || got.size() != exp.size()) {
                return false;
            }
            for (int i = 0; i < exp.size(); i++) {
                if (!matches(exp.get(i), got.get(i), tol)) {
                    return false;
                }
            }
            return true;
        }
        if (exp.isIntegralNumber()) {
            return got.isNumber() && got.doubleValue() == exp.doubleValue()
                    && (got.isIntegralNumber() || got.doubleValue() == Math.rint(got.doubleValue()));
        }
        if (exp.isNumber()) {
            if (!got.isNumber()) {
                return false;
            }
            double e = exp.doubleValue(), g = got.doubleValue();
            if (Double.isNaN(g)) {
                return false;
            }
            return e == 0 ? Math.abs(g) <= tol : Math.abs(g - e) <= tol * Math.abs(e);
        }
        return exp.equals(got);
    }

    // --------------------------------------------------------------- evaluation

    /** Shared math (§2, §3, §6): the kinds no single method owns. */
    private static final Map<String, VectorKind> CORE = core();

    /** Core kinds, then every method's kinds from the registry. */
    private static final Map<String, VectorKind> KINDS = kinds();

    private static Map<String, VectorKind> kinds() {
        Map<String, VectorKind> all = new LinkedHashMap<>(CORE);
        MethodRegistry.vectorKinds().forEach((k, v) -> {
            if (all.put(k, v) != null) {
                throw new IllegalStateException("vector kind " + k + " is defined twice");
            }
        });
        return all;
    }

    private static Map<String, VectorKind> core() {
        Map<String, VectorKind> m = new LinkedHashMap<>();
        m.put("theta", in -> Map.of("theta", Numerics.theta(in.num("eps"), in.num("r"))));
        m.put("rdp_to_dp_code", in -> conversion(RenyiConversion.legacyAuthorsEpsilon(in.num("eps_renyi"),
                in.num("delta"), in.choice(RenyiConversion.LegacyGrid.class, "alpha_grid", "trainer"))));
        m.put("rdp_linear_to_dp", in -> {
            String conv = in.text("conversion", "improved");
            return conversion(switch (conv) {
                case "improved" -> RenyiConversion.improved(in.num("rho"), in.num("delta"));
                case "classic" -> RenyiConversion.classic(in.num("rho"), in.num("delta"));
                default -> throw new IllegalArgumentException("conversion must be improved or classic (got '" + conv + "')");
            });
        });
        m.put("rdp_linear_max_rho", in -> {
            String conv = in.text("conversion", "improved");
            return Map.of("rho", switch (conv) {
                case "improved" -> RenyiConversion.maxRhoImproved(in.num("eps"), in.num("delta"));
                case "classic" -> RenyiConversion.maxRhoClassic(in.num("eps"), in.num("delta"));
                default -> throw new IllegalArgumentException("conversion must be improved or classic (got '" + conv + "')");
            });
        });
        m.put("gaussian_mechanism_sigma", in -> {
            double sigma = GaussianMechanism.classicalSigma(in.num("Delta"), in.num("eps"), in.num("delta"));
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("sigma", sigma);
            o.put("exact_delta", GaussianMechanism.exactDelta(in.num("Delta"), sigma, in.num("eps")));
            o.put("sigma_exact", GaussianMechanism.exactSigma(in.num("Delta"), in.num("eps"), in.num("delta")));
            return o;
        });
        m.put("gaussian_mechanism_eps", in -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("eps_classical", GaussianMechanism.classicalEpsilon(in.num("Delta"), in.num("sigma"), in.num("delta")));
            o.put("eps_exact", GaussianMechanism.exactEpsilon(in.num("Delta"), in.num("sigma"), in.num("delta")));
            return o;
        });
        return m;
    }

    private static Map<String, Object> conversion(ConversionResult r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("eps", r.epsilon());
        o.put("alpha", r.alpha());
        return o;
    }

    /** The vector kinds this runner answers, by name. */
    public static java.util.Set<String> kindNames() {
        return KINDS.keySet();
    }

    /** Evaluates one vector kind on its inputs (keys as in theory.md §11) and returns the outputs. */
    public static ObjectNode evaluate(String method, JsonNode in) {
        VectorKind kind = KINDS.get(method);
        if (kind == null) {
            throw new UnsupportedOperationException("unknown method '" + method + "'");
        }
        ObjectNode o = F.objectNode();
        kind.evaluate(new JsonInputs(in)).forEach((k, v) -> o.set(k, node(v)));
        return o;
    }

    /** JSON of one output value: +∞ (also inside arrays) is the string "inf" (§11). */
    private static JsonNode node(Object v) {
        if (v == null) {
            return F.nullNode();
        }
        if (v instanceof Double d) {
            return d == Double.POSITIVE_INFINITY ? F.textNode("inf") : F.numberNode(d);
        }
        if (v instanceof Long l) {
            return F.numberNode(l);
        }
        if (v instanceof Integer i) {
            return F.numberNode(i);
        }
        if (v instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (v instanceof double[] a) {
            ArrayNode arr = F.arrayNode();
            for (double d : a) {
                arr.add(node(d));
            }
            return arr;
        }
        return F.textNode(v.toString());
    }

    /** A vector's JSON inputs. */
    private record JsonInputs(JsonNode in) implements VectorInputs {
        @Override
        public boolean has(String key) {
            return in.has(key) && !in.get(key).isNull();
        }

        @Override
        public double num(String key) {
            JsonNode n = in.get(key);
            if (n == null || n.isNull()) {
                throw new IllegalArgumentException(key + " is required");
            }
            if (n.isTextual()) {
                String s = n.asText().trim().toLowerCase(Locale.ROOT);
                if (s.equals("inf") || s.equals("infinity")) {
                    return Double.POSITIVE_INFINITY;
                }
                if (s.equals("nan")) {
                    return Double.NaN;
                }
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException(key + " must be a number (got '" + n.asText() + "')");
                }
            }
            if (!n.isNumber()) {
                throw new IllegalArgumentException(key + " must be a number (got " + n + ")");
            }
            return n.doubleValue();
        }

        @Override
        public double num(String key, double dflt) {
            return has(key) ? num(key) : dflt;
        }

        @Override
        public long integer(String key) {
            return Require.integer(key, num(key), Long.MIN_VALUE / 2);
        }

        @Override
        public String text(String key, String dflt) {
            return has(key) ? in.get(key).asText() : dflt;
        }

        @Override
        public boolean flag(String key, boolean dflt) {
            return has(key) ? in.get(key).asBoolean(dflt) : dflt;
        }

        @Override
        public double[] array(String key) {
            return numbers(in.get(key), key);
        }

        @Override
        public double[][] matrix(String key) {
            JsonNode a = in.get(key);
            if (a == null || !a.isArray()) {
                throw new IllegalArgumentException(key + " must be a matrix (array of arrays)");
            }
            double[][] m = new double[a.size()][];
            for (int i = 0; i < m.length; i++) {
                m[i] = numbers(a.get(i), key + "[" + i + "]");
            }
            return m;
        }

        private static double[] numbers(JsonNode n, String key) {
            if (n == null || !n.isArray()) {
                throw new IllegalArgumentException(key + " must be an array of numbers");
            }
            double[] out = new double[n.size()];
            for (int i = 0; i < out.length; i++) {
                if (!n.get(i).isNumber()) {
                    throw new IllegalArgumentException(key + "[" + i + "] must be a number");
                }
                out[i] = n.get(i).doubleValue();
            }
            return out;
        }
    }
}
