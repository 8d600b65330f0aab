package org.unlearning.workbench.accounting.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.unlearning.workbench.accounting.ConversionResult;
import org.unlearning.workbench.accounting.DpSgdAccountant;
import org.unlearning.workbench.accounting.ExperimentalAccountants;
import org.unlearning.workbench.accounting.GaussianMechanism;
import org.unlearning.workbench.accounting.GradientClippingAccountant;
import org.unlearning.workbench.accounting.GroupPrivacySplit;
import org.unlearning.workbench.accounting.Lissa;
import org.unlearning.workbench.accounting.ModelClippingAccountant;
import org.unlearning.workbench.accounting.ModelClippingRun;
import org.unlearning.workbench.accounting.ModelClippingVariant;
import org.unlearning.workbench.accounting.NewtonAccountant;
import org.unlearning.workbench.accounting.NoiseSchedule;
import org.unlearning.workbench.accounting.Numerics;
import org.unlearning.workbench.accounting.RdpCoefficient;
import org.unlearning.workbench.accounting.RenyiConversion;
import org.unlearning.workbench.accounting.SigmaFormula;
import org.unlearning.workbench.accounting.StepsRule;
import org.unlearning.workbench.accounting.SubsampledGaussianRdp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
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

    private static double num(JsonNode in, String key) {
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

    private static double num(JsonNode in, String key, double dflt) {
        JsonNode n = in.get(key);
        return n == null || n.isNull() ? dflt : num(in, key);
    }

    private static long integer(JsonNode in, String key) {
        return org.unlearning.workbench.accounting.Require.integer(key, num(in, key), Long.MIN_VALUE / 2);
    }

    private static String text(JsonNode in, String key, String dflt) {
        JsonNode n = in.get(key);
        return n == null || n.isNull() ? dflt : n.asText();
    }

    private static double[] array(JsonNode in, String key) {
        return numbers(in.get(key), key);
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

    private static <E extends Enum<E>> E enumOf(Class<E> type, String key, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException(key + " must be one of " + allowed + " (got '" + value + "')");
        }
    }

    private static ArrayNode arr(double[] v) {
        ArrayNode a = F.arrayNode();
        for (double d : v) {
            a.add(d);
        }
        return a;
    }

    private static void put(ObjectNode o, String k, double v) {
        if (Double.isInfinite(v) && v > 0) {
            o.put(k, "inf");
        } else {
            o.put(k, v);
        }
    }

    /** Evaluates one method on its inputs (keys as in theory.md §11) and returns the outputs. */
    public static ObjectNode evaluate(String method, JsonNode in) {
        ObjectNode o = F.objectNode();
        switch (method) {
            case "theta" -> o.put("theta", Numerics.theta(num(in, "eps"), num(in, "r")));
            case "rdp_to_dp_code" -> {
                ConversionResult r = RenyiConversion.legacyAuthorsEpsilon(num(in, "eps_renyi"), num(in, "delta"),
                        enumOf(RenyiConversion.LegacyGrid.class, "alpha_grid", text(in, "alpha_grid", "trainer")));
                o.put("eps", r.epsilon());
                o.put("alpha", r.alpha());
            }
            case "rdp_linear_to_dp" -> {
                String conv = text(in, "conversion", "improved");
                ConversionResult r = switch (conv) {
                    case "improved" -> RenyiConversion.improved(num(in, "rho"), num(in, "delta"));
                    case "classic" -> RenyiConversion.classic(num(in, "rho"), num(in, "delta"));
                    default -> throw new IllegalArgumentException("conversion must be improved or classic (got '" + conv + "')");
                };
                o.put("eps", r.epsilon());
                o.put("alpha", r.alpha());
            }
            case "rdp_linear_max_rho" -> {
                String conv = text(in, "conversion", "improved");
                double rho = switch (conv) {
                    case "improved" -> RenyiConversion.maxRhoImproved(num(in, "eps"), num(in, "delta"));
                    case "classic" -> RenyiConversion.maxRhoClassic(num(in, "eps"), num(in, "delta"));
                    default -> throw new IllegalArgumentException("conversion must be improved or classic (got '" + conv + "')");
                };
                o.put("rho", rho);
            }
            case "gradclip_T" -> {
                StepsRule r = GradientClippingAccountant.steps(num(in, "C0"), num(in, "C1"), num(in, "eta"), num(in, "lam"));
                o.put("T", r.steps());
                o.put("T_noreg", r.stepsNoReg());
                if (r.stepsReg() == null) {
                    o.putNull("T_reg");
                } else {
                    o.put("T_reg", r.stepsReg());
                }
                o.put("used_reg_shortcut", r.usedRegShortcut());
            }
            case "gradclip_sigma" -> {
                NoiseSchedule sch = enumOf(NoiseSchedule.class, "schedule", text(in, "schedule", "constant"));
                SigmaFormula f = enumOf(SigmaFormula.class, "formula", text(in, "formula", "consistent"));
                long t = integer(in, "T");
                if (sch == NoiseSchedule.CONSTANT) {
                    o.put("sigma", GradientClippingAccountant.sigmaConstant(num(in, "eps_renyi"), num(in, "C0"),
                            num(in, "C1"), num(in, "eta"), num(in, "lam"), t, f));
                } else {
                    o.set("sigmas", arr(GradientClippingAccountant.sigmaDecreasing(num(in, "eps_renyi"), num(in, "C0"),
                            num(in, "C1"), num(in, "eta"), num(in, "lam"), t, f)));
                }
            }
            case "gradclip_rdp_coefficient" -> {
                double[] sig = array(in, "sigmas");
                RdpCoefficient c;
                if (in.has("etas")) {
                    c = GradientClippingAccountant.rdpCoefficient(num(in, "C0"), num(in, "C1"), array(in, "etas"),
                            array(in, "lams"), sig);
                } else {
                    c = GradientClippingAccountant.rdpCoefficient(num(in, "C0"), num(in, "C1"), num(in, "eta"),
                            num(in, "lam"), sig);
                }
                o.put("rho_R", c.rhoR());
                o.put("feasible", c.shiftFeasible());
            }
            case "gradclip_pipeline" -> gradclipPipeline(in, o);
            case "gradclip_sigma_for_eps_delta" -> {
                double eps = num(in, "eps"), delta = num(in, "delta");
                double c0 = num(in, "C0"), c1 = num(in, "C1"), eta = num(in, "eta"), lam = num(in, "lam");
                long t = in.has("T") && !in.get("T").isNull() ? integer(in, "T")
                        : GradientClippingAccountant.steps(c0, c1, eta, lam).steps();
                double rho = RenyiConversion.maxRhoImproved(eps, delta);
                o.put("T", t);
                o.put("rho", rho);
                o.put("sigma", GradientClippingAccountant.sigmaForRho(rho, c0, c1, eta, lam, t));
            }
            case "modelclip_run" -> {
                ModelClippingVariant v = enumOf(ModelClippingVariant.class, "variant", text(in, "variant", "after_projection"));
                JsonNode ms = in.get("max_steps");
                ModelClippingAccountant.Setting s = new ModelClippingAccountant.Setting(num(in, "eps"), num(in, "delta"),
                        num(in, "sigma"), num(in, "C2"), v, num(in, "C1", 0), num(in, "eta", 0), num(in, "C0", 0),
                        num(in, "sigma0", 0), ms == null || ms.isNull() ? ModelClippingAccountant.DEFAULT_MAX_STEPS : integer(in, "max_steps"),
                        !in.has("strict_first_step") || in.get("strict_first_step").asBoolean(true));
                ModelClippingRun r = ModelClippingAccountant.run(s);
                if (r.steps() == null) {
                    o.putNull("T");
                } else {
                    o.put("T", r.steps());
                }
                o.put("feasible", r.feasible());
                o.put("delta_0", r.delta0());
                o.put("delta_T", r.deltaT());
                if (r.gamma1() == null) {
                    o.putNull("gamma_1");
                } else {
                    o.put("gamma_1", r.gamma1());
                }
            }
            case "output_perturbation" -> {
                double sigma = GaussianMechanism.outputPerturbationSigma(num(in, "eps"), num(in, "delta"), num(in, "C0"));
                o.put("sigma", sigma);
                o.put("exact_delta", GaussianMechanism.exactDelta(2 * num(in, "C0"), sigma, num(in, "eps")));
                o.put("sigma_exact", GaussianMechanism.exactSigma(2 * num(in, "C0"), num(in, "eps"), num(in, "delta")));
            }
            case "gaussian_mechanism_sigma" -> {
                double sigma = GaussianMechanism.classicalSigma(num(in, "Delta"), num(in, "eps"), num(in, "delta"));
                o.put("sigma", sigma);
                o.put("exact_delta", GaussianMechanism.exactDelta(num(in, "Delta"), sigma, num(in, "eps")));
                o.put("sigma_exact", GaussianMechanism.exactSigma(num(in, "Delta"), num(in, "eps"), num(in, "delta")));
            }
            case "gaussian_mechanism_eps" -> {
                o.put("eps_classical", GaussianMechanism.classicalEpsilon(num(in, "Delta"), num(in, "sigma"), num(in, "delta")));
                o.put("eps_exact", GaussianMechanism.exactEpsilon(num(in, "Delta"), num(in, "sigma"), num(in, "delta")));
            }
            case "group_privacy_split" -> {
                GroupPrivacySplit g = GroupPrivacySplit.of(num(in, "eps"), num(in, "delta"), integer(in, "k"),
                        enumOf(GroupPrivacySplit.Rule.class, "rule", text(in, "rule", "standard")));
                o.put("eps1", g.eps1());
                o.put("delta1", g.delta1());
                o.put("group_delta_standard", g.groupDeltaStandard());
            }
            case "sgm_rdp" -> {
                double[] r = SubsampledGaussianRdp.rdp(num(in, "q"), num(in, "noise_multiplier"), array(in, "orders"));
                ArrayNode a = F.arrayNode();
                for (double d : r) {
                    if (Double.isInfinite(d)) {
                        a.add("inf");
                    } else {
                        a.add(d);
                    }
                }
                o.set("rdp", a);
            }
            case "dpsgd_epsilon" -> {
                ConversionResult r = DpSgdAccountant.epsilon(num(in, "q"), num(in, "noise_multiplier"),
                        integer(in, "steps"), num(in, "delta"), in.has("orders") ? array(in, "orders") : null);
                put(o, "eps", r.epsilon());
                o.put("alpha", r.alpha());
            }
            case "dpsgd_noise_multiplier" -> {
                var nm = DpSgdAccountant.noiseMultiplier(num(in, "eps"), num(in, "delta"), num(in, "q"), integer(in, "steps"));
                if (nm.isPresent()) {
                    o.put("noise_multiplier", nm.getAsDouble());
                } else {
                    o.putNull("noise_multiplier");
                }
            }
            case "dpsgd_group_pipeline" -> {
                DpSgdAccountant.Sizes sz = DpSgdAccountant.Sizes.of(integer(in, "n_total"), num(in, "val_split"),
                        num(in, "forget_split"), integer(in, "batch_size"), integer(in, "epochs"));
                DpSgdAccountant.Pipeline p = DpSgdAccountant.pipeline(num(in, "eps"), num(in, "delta"), sz,
                        enumOf(GroupPrivacySplit.Rule.class, "rule", text(in, "rule", "standard")));
                o.put("n_train", sz.nTrain());
                o.put("k", sz.k());
                o.put("q", sz.q());
                o.put("steps", sz.steps());
                o.put("eps1", p.split().eps1());
                o.put("delta1", p.split().delta1());
                if (p.noiseMultiplier() == null) {
                    o.putNull("noise_multiplier");
                } else {
                    o.put("noise_multiplier", p.noiseMultiplier());
                }
            }
            case "newton_error_bound" -> {
                NewtonAccountant.ErrorBound b = NewtonAccountant.errorBound(num(in, "C"), num(in, "M"), num(in, "lam"),
                        num(in, "lam_min"));
                put(o, "Delta", b.delta());
                o.put("valid", b.valid());
            }
            case "lissa" -> {
                JsonNode a = in.get("A");
                if (a == null || !a.isArray()) {
                    throw new IllegalArgumentException("A must be a matrix (array of arrays)");
                }
                double[][] m = new double[a.size()][];
                for (int i = 0; i < m.length; i++) {
                    m[i] = numbers(a.get(i), "A[" + i + "]");
                }
                Lissa.Result r = Lissa.run(m, array(in, "v"), num(in, "scale"), (int) integer(in, "depth"));
                o.set("x", arr(r.x()));
                o.put("converges", r.converges());
            }
            case "weak_dobrushin", "ultra_mixing" -> {
                ExperimentalAccountants.Result r = method.equals("weak_dobrushin")
                        ? ExperimentalAccountants.weakDobrushin(num(in, "eps"), num(in, "delta"), num(in, "sigma"),
                        num(in, "C"), integer(in, "steps"))
                        : ExperimentalAccountants.ultraMixing(num(in, "eps"), num(in, "delta"), num(in, "sigma"),
                        num(in, "C"), integer(in, "steps"));
                o.put("eps", r.epsilon());
                o.put("delta", r.delta());
                o.put("gamma", r.gamma());
            }
            default -> throw new UnsupportedOperationException("unknown method '" + method + "'");
        }
        return o;
    }

    private static void gradclipPipeline(JsonNode in, ObjectNode o) {
        double epsR = num(in, "eps_renyi"), delta = num(in, "delta");
        double c0 = num(in, "C0"), c1 = num(in, "C1"), eta = num(in, "eta"), lam = num(in, "lam");
        NoiseSchedule sch = enumOf(NoiseSchedule.class, "schedule", text(in, "schedule", "constant"));
        SigmaFormula f = enumOf(SigmaFormula.class, "formula", text(in, "formula", "consistent"));
        org.unlearning.workbench.accounting.Require.probability("delta", delta);
        long t = GradientClippingAccountant.steps(c0, c1, eta, lam).steps();
        double[] sigmas;
        if (sch == NoiseSchedule.CONSTANT) {
            double s = GradientClippingAccountant.sigmaConstant(epsR, c0, c1, eta, lam, t, f);
            sigmas = new double[(int) t];
            java.util.Arrays.fill(sigmas, s);
            o.put("sigma", s);
        } else {
            // §11: sigma is null for the decreasing schedule (constant values when lambda = 0, as in the code)
            sigmas = GradientClippingAccountant.sigmaDecreasing(epsR, c0, c1, eta, lam, t, f);
            o.putNull("sigma");
        }
        RdpCoefficient c = GradientClippingAccountant.rdpCoefficient(c0, c1, eta, lam, sigmas);
        o.put("T", t);
        o.put("sigma_first", sigmas[0]);
        o.put("sigma_last", sigmas[sigmas.length - 1]);
        o.put("rho_R", c.rhoR());
        o.put("shift_feasible", c.shiftFeasible());
        o.put("eps_code", RenyiConversion.legacyAuthorsEpsilon(epsR, delta, RenyiConversion.LegacyGrid.TRAINER).epsilon());
        o.put("eps_correct", RenyiConversion.improved(c.rhoR(), delta).epsilon());
    }
}
