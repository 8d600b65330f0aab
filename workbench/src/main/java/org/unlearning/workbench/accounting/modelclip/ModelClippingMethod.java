package org.unlearning.workbench.accounting.modelclip;

import org.unlearning.workbench.accounting.Require;
import org.unlearning.workbench.accounting.method.Calculation;
import org.unlearning.workbench.accounting.method.Curve;
import org.unlearning.workbench.accounting.method.Figure;
import org.unlearning.workbench.accounting.method.GuaranteeText;
import org.unlearning.workbench.accounting.method.MethodAccountant;
import org.unlearning.workbench.accounting.method.NoiseRange;
import org.unlearning.workbench.accounting.method.ParameterSchema;
import org.unlearning.workbench.accounting.method.VectorInputs;
import org.unlearning.workbench.accounting.method.VectorKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.unlearning.workbench.accounting.method.GuaranteeText.fmt;

/**
 * Model clipping (Paper A eq. 4, theory.md §5) as a method: T = first step with δ_t ≤ δ of the E_γ
 * contraction (or a fixed T), and the running ledger of δ_t.
 */
public final class ModelClippingMethod implements MethodAccountant<ModelClippingParams> {
    private static final ParameterSchema<ModelClippingParams> SCHEMA =
            ParameterSchema.of(ModelClippingParams.class, "model_clipping");
    private static final String SGD_ASSUMPTION = "The noisy phase runs plain SGD without momentum or Adam "
            + "(a fresh optimizer may be used afterwards).";
    private static final String CLIP_ASSUMPTION = "Clipping is global L2 clipping over all parameters "
            + "(every weight and bias flattened into one vector), not per layer.";
    private static final String BATCH_ASSUMPTION = "Mini-batches are drawn from the retained data only; "
            + "fine-tuning after the noisy phase uses only the retained data (free post-processing).";

    @Override
    public String key() {
        return "model_clipping";
    }

    @Override
    public String title() {
        return "Model clipping (noisy projected fine-tuning, Paper A eq. 4)";
    }

    @Override
    public String summary() {
        return "Noisy projected fine-tuning: steps until the Gaussian noise has hidden the start (delta_t <= delta).";
    }

    @Override
    public ParameterSchema<ModelClippingParams> schema() {
        return SCHEMA;
    }

    /** The statement of a model-clipping release: model projection and noise (§5), not gradient clipping. */
    @Override
    public String certificateStatement(double epsilon, double delta, int forgotten) {
        return GuaranteeText.certificateStatement(epsilon, delta, forgotten) + " Mechanism: noisy steps on the "
                + "retained data, each projecting the whole model onto the ball of radius C2 and adding Gaussian noise "
                + "to every parameter; the E_γ contraction of the projected noisy steps bounds δ (theory.md §5.2).";
    }

    @Override
    public String privacyStateLabel() {
        return "δₜ";
    }

    /** The accountant's setting of these parameters (§5.2); C0 and σ0 default to 0. */
    public static ModelClippingAccountant.Setting setting(ModelClippingParams p) {
        boolean before = p.variant() == ModelClippingVariant.BEFORE_PROJECTION;
        if (before) {
            if (p.c1() == null) {
                throw new IllegalArgumentException("C1 (grad_clip) is required for the before_projection variant");
            }
            Require.positive("C1", p.c1());
            Require.positive("eta", p.eta());
        }
        long maxSteps = p.maxSteps() == null ? ModelClippingAccountant.DEFAULT_MAX_STEPS : p.maxSteps();
        if (maxSteps > 100_000_000L) {
            throw new IllegalArgumentException("max_steps must be at most 100000000 (got " + maxSteps + ")");
        }
        double c0 = p.c0() == null ? 0 : p.c0();
        if (p.sigma0() > 0 && !(c0 > 0)) {
            throw new IllegalArgumentException("C0 must be > 0 when sigma0 > 0 (initial noise on the clipped model)");
        }
        return new ModelClippingAccountant.Setting(p.epsilon(), p.delta(), p.sigma(), p.c2(), p.variant(),
                before ? p.c1() : 0, before ? p.eta() : 0, c0, p.sigma0(), maxSteps, p.strictFirstStep());
    }

    @Override
    public ModelClippingLedger ledger(ModelClippingParams p, Calculation plan) {
        return new ModelClippingLedger(setting(p), plan.steps(), plan.deltaT());
    }

    @Override
    public Calculation plan(ModelClippingParams p) {
        return plan(p, true);
    }

    /**
     * The plan with the recursion estimated ({@link ModelClippingEstimate}: bounded work, well under a
     * millisecond for any T) instead of walked step by step: what the live calculator shows at once
     * while the exact {@link #plan} runs off the FX thread. Provisional (says so in its first
     * warning); never used for a run or a certificate.
     */
    public Calculation provisionalPlan(ModelClippingParams p) {
        return plan(p, false);
    }

    /** The cost of the exact plan in evaluations of γ, from the estimated T (the δ_t walk plus the ε(δ) curve). */
    public static long exactCost(Calculation provisional) {
        long t = provisional.steps() == null ? ModelClippingAccountant.DEFAULT_MAX_STEPS : provisional.steps();
        return t + (provisional.feasible() && t * 15 <= 30_000 ? 15 * t : 0);
    }

    private Calculation plan(ModelClippingParams p, boolean exact) {
        boolean before = p.variant() == ModelClippingVariant.BEFORE_PROJECTION;
        Require.atLeast("batch_size", p.batchSize(), 1);
        Require.nonNegative("eta", p.eta());
        ModelClippingAccountant.Setting s = setting(p);
        if (p.steps() != null) {
            Require.atLeast("T", p.steps(), 1);
            if (p.steps() > 10_000_000L) {
                throw new IllegalArgumentException("T must be at most 10000000 (got " + p.steps() + ")");
            }
        }
        List<String> warnings = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("r", "distance / noise ratio r of the contraction", s.r(), false));
        if (s.firstStepUnbounded()) {
            figures.add(new Figure("gamma_0", "contraction of the first step: none, x_0 is unbounded (discrepancy A-13)",
                    1.0, false));
        } else if (s.firstStepSpecial()) {
            figures.add(new Figure("r_first", "r of the first step (strict, discrepancy A-6)", s.rFirst(), false));
        }
        figures.add(new Figure("delta_0", "delta before the first noisy step", s.delta0(), false));
        long t;
        double deltaT;
        boolean feasible;
        String reason = null;
        String binding;
        Curve traceCurve;
        if (p.steps() != null && !exact) {
            t = p.steps();
            ModelClippingEstimate.Estimate at = ModelClippingEstimate.after(s, t);
            ModelClippingEstimate.Estimate full = ModelClippingEstimate.run(s, t);
            traceCurve = deltaTrace(at.t(), at.deltas());
            deltaT = at.deltaT();
            feasible = deltaT <= p.delta();
            binding = "T fixed by you at " + t;
            if (!feasible) {
                reason = "after T = " + t + " noisy steps delta_T ≈ " + fmt(deltaT) + " > delta = " + fmt(p.delta())
                        + "; increase T, increase sigma or decrease C2";
            }
            if (full.feasible() && full.steps() < t) {
                warnings.add("delta is already reached after about " + full.steps() + " noisy steps; the other steps only add noise.");
            }
        } else if (!exact) {
            ModelClippingEstimate.Estimate run = ModelClippingEstimate.run(s);
            traceCurve = deltaTrace(run.t(), run.deltas());
            feasible = run.feasible();
            deltaT = run.deltaT();
            t = feasible ? run.steps() : (long) run.t()[run.t().length - 1];
            reason = run.reason();
            binding = "T = first step with delta_t <= delta (target delta = " + fmt(p.delta()) + ")";
        } else if (p.steps() != null) {
            double[] trace;
            t = p.steps();
            ModelClippingRun full = ModelClippingAccountant.run(new ModelClippingAccountant.Setting(s.epsilon(),
                    s.delta(), s.sigma(), s.c2(), s.variant(), s.c1(), s.eta(), s.c0(), s.sigma0(), t, s.strictFirstStep()), true);
            trace = extend(full.deltas(), t);
            traceCurve = deltaTrace(trace);
            deltaT = trace[trace.length - 1];
            feasible = deltaT <= p.delta();
            binding = "T fixed by you at " + t;
            if (!feasible) {
                reason = "after T = " + t + " noisy steps delta_T = " + fmt(deltaT) + " > delta = " + fmt(p.delta())
                        + "; increase T, increase sigma or decrease C2";
            }
            if (full.feasible() && full.steps() < t) {
                warnings.add("delta is already reached after " + full.steps() + " noisy steps; the other steps only add noise.");
            }
        } else {
            ModelClippingRun run = ModelClippingAccountant.run(s, true);
            double[] trace = run.deltas();
            traceCurve = deltaTrace(trace);
            feasible = run.feasible();
            deltaT = run.deltaT();
            t = feasible ? run.steps() : trace.length - 1;
            reason = run.reason();
            binding = "T = first step with delta_t <= delta (target delta = " + fmt(p.delta()) + ")";
        }
        if (before && s.strictFirstStep() && s.c0() == 0) {
            warnings.add("Give C0 so the strict first step accounts for the initial model radius (discrepancy A-6).");
        }
        if (s.firstStepUnbounded()) {
            warnings.add("Initial noise (sigma0 > 0) before projection leaves x_0 unbounded: the first noisy step "
                    + "contracts nothing and delta_1 = delta_0 (discrepancy A-13).");
        }
        if (before && !s.strictFirstStep()) {
            warnings.add(s.sigma0() > 0
                    ? "strict_first_step is off: the first step uses r = 2(C2 + eta C1)/sigma although x_0 is unbounded "
                    + "(sigma0 > 0, discrepancy A-13); delta_T is understated."
                    : "strict_first_step is off: the first step uses r = 2(C2 + eta C1)/sigma although x_0 lies in "
                    + "the ball of radius C0 (discrepancy A-6); the certificate may be optimistic if C0 > C2.");
        }
        if (feasible && t > 100_000) {
            warnings.add(t + " noisy steps: increase sigma or decrease C2 to shorten the noisy phase.");
        }
        if (!feasible) {
            warnings.add("Increase sigma or decrease C2 (r = 2 C2 / sigma = " + fmt(s.r()) + "; r below about 5 contracts quickly).");
        }
        if (!exact) {
            warnings.add(0, "Provisional: T and delta_T estimated by leaping the recursion; the exact values are "
                    + "being computed.");
        }
        List<Curve> curves = new ArrayList<>();
        curves.add(traceCurve);
        if (feasible && t >= 1 && t * 15 <= 30_000) {
            curves.add(epsilonDelta(s, t, exact));
        }
        return new Calculation(key(), feasible, feasible ? null : reason, feasible || p.steps() != null ? t : null,
                p.sigma(), new NoiseRange(p.sigma(), p.sigma(), p.sigma(), p.sigma()), null,
                feasible ? p.epsilon() : null, feasible ? deltaT : null, null, deltaT, binding, warnings, null, figures,
                feasible ? GuaranteeText.statement(p.epsilon(), deltaT) : GuaranteeText.noGuarantee(reason),
                List.of(SGD_ASSUMPTION, CLIP_ASSUMPTION, BATCH_ASSUMPTION,
                        before ? "Each step clips the update (gradient plus weight decay) to C1, adds N(0, sigma^2) noise, "
                                + "then projects the model onto the ball of radius C2."
                                : "Each step takes an SGD step, projects the model onto the ball of radius C2 = "
                                + fmt(p.c2()) + ", then adds N(0, sigma^2) noise to every parameter.",
                        "Certifying algorithm: the same noisy projected steps on the retained data from a model that "
                                + "never saw the forgotten data; only delta contracts, epsilon stays " + fmt(p.epsilon()) + "."),
                curves, "model clipping: E_γ contraction (theory.md §5.2)").requireFinite();
    }

    /** ε(δ) of the current setting: for ε' around ε, the δ_T reached after the same T steps. */
    private static Curve epsilonDelta(ModelClippingAccountant.Setting s, long t, boolean exact) {
        int n = 15;
        double[] x = new double[n], y = new double[n];
        int k = 0;
        for (int i = n - 1; i >= 0; i--) {
            double e = s.epsilon() * Math.pow(8, (2.0 * i / (n - 1)) - 1);
            ModelClippingAccountant.Setting si = new ModelClippingAccountant.Setting(e, s.delta(), s.sigma(), s.c2(),
                    s.variant(), s.c1(), s.eta(), s.c0(), s.sigma0(), s.maxSteps(), s.strictFirstStep());
            double d = exact ? ModelClippingAccountant.deltaAfter(si, t) : ModelClippingEstimate.after(si, t).deltaT();
            if (d > 0 && d < 1 && (k == 0 || d > x[k - 1])) {
                x[k] = d;
                y[k] = e;
                k++;
            }
        }
        return new Curve("epsilon_delta", "delta after T steps", "epsilon", true, false,
                Arrays.copyOf(x, k), Arrays.copyOf(y, k));
    }

    private static double[] extend(double[] trace, long t) {
        if (trace.length >= t + 1) {
            return trace;
        }
        double[] out = Arrays.copyOf(trace, (int) Math.min(t + 1, Integer.MAX_VALUE - 8));
        Arrays.fill(out, trace.length, out.length, trace[trace.length - 1]);
        return out;
    }

    /** The δ_t curve of an estimate: δ at the steps it evaluated (at most {@link Curve#MAX_POINTS}). */
    private static Curve deltaTrace(double[] steps, double[] deltas) {
        int len = steps.length;
        int n = Math.min(len, Curve.MAX_POINTS);
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            int idx = n == len ? i : (int) Math.round((double) i * (len - 1) / (n - 1));
            x[i] = steps[idx];
            y[i] = Math.max(deltas[idx], Double.MIN_VALUE);
        }
        return new Curve("delta_t", "noisy step t", "delta_t", false, true, x, y);
    }

    private static Curve deltaTrace(double[] trace) {
        int len = trace.length;
        int n = Math.min(len, Curve.MAX_POINTS);
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            int idx = n == len ? i : (int) Math.round((double) i * (len - 1) / (n - 1));
            x[i] = idx;
            y[i] = Math.max(trace[idx], Double.MIN_VALUE);
        }
        return new Curve("delta_t", "noisy step t", "delta_t", false, true, x, y);
    }

    @Override
    public Map<String, VectorKind> vectorKinds() {
        Map<String, VectorKind> m = new LinkedHashMap<>();
        m.put("modelclip_run", in -> {
            ModelClippingVariant v = in.choice(ModelClippingVariant.class, "variant", "after_projection");
            ModelClippingAccountant.Setting s = new ModelClippingAccountant.Setting(in.num("eps"), in.num("delta"),
                    in.num("sigma"), in.num("C2"), v, in.num("C1", 0), in.num("eta", 0), in.num("C0", 0),
                    in.num("sigma0", 0), in.has("max_steps") ? in.integer("max_steps") : ModelClippingAccountant.DEFAULT_MAX_STEPS,
                    in.flag("strict_first_step", true));
            ModelClippingRun r = ModelClippingAccountant.run(s);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("T", r.steps());
            o.put("feasible", r.feasible());
            o.put("delta_0", r.delta0());
            o.put("delta_T", r.deltaT());
            o.put("gamma_1", r.gamma1());
            return o;
        });
        m.put("weak_dobrushin", in -> experimental(in, true));
        m.put("ultra_mixing", in -> experimental(in, false));
        return m;
    }

    private static Map<String, Object> experimental(VectorInputs in, boolean weak) {
        ExperimentalAccountants.Result r = weak
                ? ExperimentalAccountants.weakDobrushin(in.num("eps"), in.num("delta"), in.num("sigma"), in.num("C"),
                in.integer("steps"))
                : ExperimentalAccountants.ultraMixing(in.num("eps"), in.num("delta"), in.num("sigma"), in.num("C"),
                in.integer("steps"));
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("eps", r.epsilon());
        o.put("delta", r.delta());
        o.put("gamma", r.gamma());
        return o;
    }
}
