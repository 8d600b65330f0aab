package org.unlearning.workbench.accounting.calculator;

import org.unlearning.workbench.accounting.ConversionResult;
import org.unlearning.workbench.accounting.DpSgdAccountant;
import org.unlearning.workbench.accounting.GaussianMechanism;
import org.unlearning.workbench.accounting.GradientClippingAccountant;
import org.unlearning.workbench.accounting.GroupPrivacySplit;
import org.unlearning.workbench.accounting.ModelClippingAccountant;
import org.unlearning.workbench.accounting.ModelClippingRun;
import org.unlearning.workbench.accounting.ModelClippingVariant;
import org.unlearning.workbench.accounting.NewtonAccountant;
import org.unlearning.workbench.accounting.NoiseSchedule;
import org.unlearning.workbench.accounting.RdpCoefficient;
import org.unlearning.workbench.accounting.RenyiConversion;
import org.unlearning.workbench.accounting.Require;
import org.unlearning.workbench.accounting.StepsRule;
import org.unlearning.workbench.accounting.RdpCurve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The live calculator of the window (one call per slider move): from a method's parameters to
 * the certified σ / T / achieved (ε, δ), warnings, plain-language statement and curves. The
 * engine's running ledgers use the same accountants, so planned and certified numbers agree.
 * Invalid parameters raise {@link IllegalArgumentException} naming the parameter and its range;
 * valid but infeasible settings return {@code feasible = false} with the reason.
 */
public final class UnlearningCalculator {
    /** Points of the ε(δ) curve (δ from 1e−12 to 1e−1, log-spaced). */
    static final int DELTA_CURVE_POINTS = 23;
    /** Maximum number of points of the σ–T frontier and δ_t curves. */
    static final int MAX_CURVE_POINTS = 400;

    private static final String SGD_ASSUMPTION = "The noisy phase runs plain SGD without momentum or Adam "
            + "(a fresh optimizer may be used afterwards).";
    private static final String CLIP_ASSUMPTION = "Clipping is global L2 clipping over all parameters "
            + "(every weight and bias flattened into one vector), not per layer.";
    private static final String BATCH_ASSUMPTION = "Mini-batches are drawn from the retained data only; "
            + "fine-tuning after the noisy phase uses only the retained data (free post-processing).";

    private UnlearningCalculator() {}

    /** Computes everything the panel shows for these parameters. */
    public static Calculation calculate(MethodParams params) {
        if (params == null) {
            throw new IllegalArgumentException("params must not be null");
        }
        Calculation c = dispatch(params);
        String bad = firstNonFinite(c, "");
        if (bad != null) {
            throw new IllegalArgumentException("parameters must stay within the numerically representable range ("
                    + bad + " would not be finite); use values closer to the defaults");
        }
        return c;
    }

    private static Calculation dispatch(MethodParams params) {
        if (params instanceof GradientClippingParams p) {
            return gradientClipping(p);
        } else if (params instanceof ModelClippingParams p) {
            return modelClipping(p);
        } else if (params instanceof OutputPerturbationParams p) {
            return outputPerturbation(p);
        } else if (params instanceof RetrainParams) {
            return retrain();
        } else if (params instanceof DpSgdParams p) {
            return dpSgd(p);
        } else {
            return newton((NewtonParams) params);
        }
    }

    // ---------------------------------------------------------------- gradient clipping (§4)

    private static Calculation gradientClipping(GradientClippingParams p) {
        Require.positive("epsilon", p.epsilon());
        Require.probability("delta", p.delta());
        Require.positive("C0", p.c0());
        Require.positive("C1", p.c1());
        Require.positive("eta", p.eta());
        Require.nonNegative("lambda", p.lambda());
        if (p.lambda() > 0 && !(p.eta() * p.lambda() < 1)) {
            throw new IllegalArgumentException("eta * lambda must be < 1 for gradient clipping (got "
                    + fmt(p.eta() * p.lambda()) + "); lower eta or lambda");
        }
        if (p.epsilonRenyi() != null) {
            Require.positive("eps_renyi", p.epsilonRenyi());
        }
        if (p.sigma() != null) {
            Require.positive("sigma", p.sigma());
        }
        if (p.steps() != null) {
            Require.atLeast("T", p.steps(), 1);
        }
        List<String> warnings = new ArrayList<>();
        StepsRule rule = GradientClippingAccountant.steps(p.c0(), p.c1(), p.eta(), p.lambda());
        long t = p.steps() != null ? p.steps() : Math.max(1, rule.steps());
        if (t > 10_000_000L) {
            throw new IllegalArgumentException("T must be at most 10000000 noisy steps (got " + t
                    + "); increase C1 or eta, or decrease C0");
        }
        double rhoTarget = p.epsilonRenyi() != null ? p.epsilonRenyi()
                : RenyiConversion.maxRhoImproved(p.epsilon(), p.delta());
        String binding;
        if (p.steps() != null) {
            binding = "T fixed by you at " + t + " (the steps rule would give " + rule.steps() + ")";
        } else if (rule.usedRegShortcut()) {
            binding = "T from the regularised shortcut T' = ceil(ln(2 lambda C0 / C1) / (eta lambda))";
        } else {
            binding = "T = ceil(C0 / (C1 eta)): the gradient drift 2 eta C1 T covers the diameter 2 C0";
        }
        double sigma;
        double[] schedule = null;
        RdpCoefficient coef;
        boolean decreasing = p.schedule() == NoiseSchedule.DECREASING && p.sigma() == null && p.lambda() > 0;
        if (p.sigma() != null) {
            sigma = p.sigma();
            if (p.schedule() == NoiseSchedule.DECREASING) {
                warnings.add("A fixed sigma is used as a constant schedule; clear sigma to use the decreasing schedule.");
            }
            double rho = GradientClippingAccountant.rhoConstant(sigma, p.c0(), p.c1(), p.eta(), p.lambda(), t);
            coef = new RdpCoefficient(rho, true, false, GradientClippingAccountant.shiftTotal(p.c0(), p.c1(),
                    p.eta(), p.lambda(), t), sigma * sigma * GradientClippingAccountant.unitNoiseWeight(p.eta(), p.lambda(), t));
            binding = "sigma fixed by you at " + fmt(sigma) + "; the guarantee follows from it";
        } else if (decreasing) {
            if (t > 1_000_000L) {
                throw new IllegalArgumentException("T must be at most 1000000 for the decreasing schedule (got " + t + ")");
            }
            schedule = p.epsilonRenyi() != null
                    ? GradientClippingAccountant.sigmaDecreasing(rhoTarget, p.c0(), p.c1(), p.eta(), p.lambda(), t, p.formula())
                    : GradientClippingAccountant.sigmasDecreasingForRho(rhoTarget, p.c0(), p.c1(), p.eta(), p.lambda(), t);
            coef = GradientClippingAccountant.rdpCoefficient(p.c0(), p.c1(), p.eta(), p.lambda(), schedule);
            sigma = Double.NaN;
        } else {
            if (p.schedule() == NoiseSchedule.DECREASING) {
                warnings.add("With lambda = 0 the decreasing schedule is constant.");
            }
            sigma = p.epsilonRenyi() != null
                    ? GradientClippingAccountant.sigmaConstant(rhoTarget, p.c0(), p.c1(), p.eta(), p.lambda(), t, p.formula())
                    : GradientClippingAccountant.sigmaForRho(rhoTarget, p.c0(), p.c1(), p.eta(), p.lambda(), t);
            double rho = GradientClippingAccountant.rhoConstant(sigma, p.c0(), p.c1(), p.eta(), p.lambda(), t);
            coef = new RdpCoefficient(rho, true, false, 0, 0);
        }
        ConversionResult correct = RenyiConversion.improved(coef.rhoR(), p.delta());
        double achievedEps = correct.epsilon();
        // Guard: a calibrated run must never exceed its target (numerical safety margin).
        for (int k = 0; k < 60 && p.epsilonRenyi() == null && p.sigma() == null && schedule == null
                && achievedEps > p.epsilon(); k++) {
            rhoTarget *= Math.min(1 - 1e-12, Math.pow(p.epsilon() / achievedEps, 2));
            sigma = GradientClippingAccountant.sigmaForRho(rhoTarget, p.c0(), p.c1(), p.eta(), p.lambda(), t);
            coef = new RdpCoefficient(GradientClippingAccountant.rhoConstant(sigma, p.c0(), p.c1(), p.eta(), p.lambda(), t),
                    true, false, 0, 0);
            correct = RenyiConversion.improved(coef.rhoR(), p.delta());
            achievedEps = correct.epsilon();
        }
        double rhoR = coef.rhoR();
        ConversionResult classic = RenyiConversion.classic(rhoR, p.delta());
        ConversionResult legacy = RenyiConversion.legacyAuthorsEpsilon(rhoR, p.delta(), RenyiConversion.LegacyGrid.TRAINER);
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("optimal_order", "Renyi order alpha attaining epsilon (improved conversion)", correct.alpha(), false));
        figures.add(new Figure("epsilon_classic", "epsilon by the classic conversion (Mironov; valid, looser)", classic.epsilon(), true));
        figures.add(new Figure("steps_rule", "T by the steps rule (section 4.3)", rule.steps(), false));
        if (p.epsilonRenyi() == null && p.sigma() == null) {
            figures.add(new Figure("rho_max", "largest Renyi coefficient allowed by (epsilon, delta)", rhoTarget, false));
        }
        Figure legacyFig = Math.abs(legacy.epsilon() - correct.epsilon()) > 1e-9 * Math.max(1, correct.epsilon())
                ? new Figure("legacy_authors_epsilon", "legacy (authors') epsilon: code conversion without the factor alpha "
                + "(discrepancy A-1), NOT a valid guarantee", legacy.epsilon(), false)
                : null;
        if (p.epsilonRenyi() != null) {
            warnings.add("sigma is calibrated to the Renyi target eps_R = " + fmt(p.epsilonRenyi())
                    + " as in the authors' code; the real guarantee is epsilon = " + fmt(correct.epsilon())
                    + ", not the legacy " + fmt(legacy.epsilon()) + ". Clear eps_renyi to calibrate from (epsilon, delta).");
            if (p.lambda() == 0 && p.formula() == org.unlearning.workbench.accounting.SigmaFormula.CODE) {
                warnings.add("The code formula for lambda = 0 achieves rho_R = 2 eps_R (discrepancy A-2); use the consistent formula.");
            }
        }
        if (t > 100_000) {
            warnings.add("T = " + t + " noisy steps is very long; increase C1 or eta to shorten the noisy phase.");
        }
        if (p.steps() == null && rule.steps() == 0) {
            warnings.add("The steps rule gives T = 0; one noisy step is used.");
        }
        boolean feasible = coef.shiftFeasible();
        String reason = null;
        if (!feasible) {
            reason = "the decreasing schedule's optimal shift allocation is infeasible (some z_t < 0, discrepancy A-7), "
                    + "so the accountant cannot certify it; use the constant schedule";
            warnings.add("Switch to the constant noise schedule: the decreasing one cannot be certified here.");
        }
        NoiseRange range = schedule != null ? NoiseRange.of(schedule) : new NoiseRange(sigma, sigma, sigma, sigma);
        List<Curve> curves = new ArrayList<>();
        curves.add(gradientClippingFrontier(p, t, rhoR));
        curves.add(epsilonDeltaCurve(d -> RenyiConversion.improved(rhoR, d).epsilon()));
        Double eps = feasible ? achievedEps : null;
        Double del = feasible ? p.delta() : null;
        return new Calculation(Method.GRADIENT_CLIPPING, feasible, reason, t, schedule == null ? sigma : null, range,
                schedule, eps, del, rhoR, null, binding, warnings, legacyFig, figures,
                feasible ? statement(achievedEps, p.delta()) : noGuarantee(reason),
                List.of(SGD_ASSUMPTION, CLIP_ASSUMPTION, BATCH_ASSUMPTION,
                        "The initial model is clipped to radius C0 = " + fmt(p.c0()) + " before the noisy phase; "
                                + "each step clips the mini-batch gradient to C1 = " + fmt(p.c1())
                                + " and then adds the weight-decay term lambda x.",
                        "Certifying algorithm: the same " + t + " noisy steps on the retained data, started from any "
                                + "model inside the ball of radius C0 that never saw the forgotten data."),
                curves);
    }

    /** σ–T frontier: σ needed for the same Rényi coefficient as T varies (constant schedule). */
    private static Curve gradientClippingFrontier(GradientClippingParams p, long t, double rhoR) {
        long tMax = Math.max(20, Math.min(2 * t, 1_000_000L));
        int n = (int) Math.min(tMax, MAX_CURVE_POINTS);
        double[] x = new double[n], y = new double[n];
        long prev = 0;
        int k = 0;
        for (int i = 0; i < n; i++) {
            long ti = n == tMax ? i + 1 : Math.max(1, Math.round(Math.exp(Math.log(tMax) * i / (n - 1))));
            if (ti <= prev) {
                continue;
            }
            prev = ti;
            x[k] = ti;
            y[k] = GradientClippingAccountant.sigmaForRho(rhoR, p.c0(), p.c1(), p.eta(), p.lambda(), ti);
            k++;
        }
        return new Curve("sigma_T_frontier", "noisy steps T", "noise std sigma", n != tMax, true,
                java.util.Arrays.copyOf(x, k), java.util.Arrays.copyOf(y, k));
    }

    // ---------------------------------------------------------------- model clipping (§5)

    private static Calculation modelClipping(ModelClippingParams p) {
        boolean before = p.variant() == ModelClippingVariant.BEFORE_PROJECTION;
        if (before) {
            if (p.c1() == null || p.eta() == null) {
                throw new IllegalArgumentException("C1 and eta are required for the before_projection variant");
            }
            Require.positive("C1", p.c1());
            Require.positive("eta", p.eta());
        }
        long maxSteps = p.maxSteps() == null ? ModelClippingAccountant.DEFAULT_MAX_STEPS : p.maxSteps();
        if (maxSteps > 100_000_000L) {
            throw new IllegalArgumentException("max_steps must be at most 100000000 (got " + maxSteps + ")");
        }
        ModelClippingAccountant.Setting s = new ModelClippingAccountant.Setting(p.epsilon(), p.delta(), p.sigma(),
                p.c2(), p.variant(), before ? p.c1() : 0, before ? p.eta() : 0, p.c0() == null ? 0 : p.c0(),
                p.sigma0() == null ? 0 : p.sigma0(), maxSteps, p.strictFirstStep() == null || p.strictFirstStep());
        if (p.sigma0() != null && p.sigma0() > 0 && (p.c0() == null || p.c0() <= 0)) {
            throw new IllegalArgumentException("C0 must be > 0 when sigma0 > 0 (initial noise on the clipped model)");
        }
        if (p.steps() != null) {
            Require.atLeast("T", p.steps(), 1);
            if (p.steps() > 10_000_000L) {
                throw new IllegalArgumentException("T must be at most 10000000 (got " + p.steps() + ")");
            }
        }
        List<String> warnings = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("r", "distance / noise ratio r of the contraction", s.r(), false));
        if (s.rFirst() != s.r()) {
            figures.add(new Figure("r_first", "r of the first step (strict, discrepancy A-6)", s.rFirst(), false));
        }
        figures.add(new Figure("delta_0", "delta before the first noisy step", s.delta0(), false));
        ModelClippingRun run;
        long t;
        double deltaT;
        boolean feasible;
        String reason = null, binding;
        double[] trace;
        if (p.steps() != null) {
            t = p.steps();
            ModelClippingRun full = ModelClippingAccountant.run(new ModelClippingAccountant.Setting(s.epsilon(),
                    s.delta(), s.sigma(), s.c2(), s.variant(), s.c1(), s.eta(), s.c0(), s.sigma0(), t, s.strictFirstStep()), true);
            trace = extend(full.deltas(), t);
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
            run = ModelClippingAccountant.run(s, true);
            trace = run.deltas();
            feasible = run.feasible();
            deltaT = run.deltaT();
            t = feasible ? run.steps() : trace.length - 1;
            reason = run.reason();
            binding = "T = first step with delta_t <= delta (target delta = " + fmt(p.delta()) + ")";
        }
        if (before && s.strictFirstStep() && s.c0() == 0) {
            warnings.add("Give C0 so the strict first step accounts for the initial model radius (discrepancy A-6).");
        }
        if (before && !s.strictFirstStep()) {
            warnings.add("strict_first_step is off: the first step uses r = 2(C2 + eta C1)/sigma although x_0 lies in "
                    + "the ball of radius C0 (discrepancy A-6); the certificate may be optimistic if C0 > C2.");
        }
        if (feasible && t > 100_000) {
            warnings.add(t + " noisy steps: increase sigma or decrease C2 to shorten the noisy phase.");
        }
        if (!feasible) {
            warnings.add("Increase sigma or decrease C2 (r = 2 C2 / sigma = " + fmt(s.r()) + "; r below about 5 contracts quickly).");
        }
        List<Curve> curves = new ArrayList<>();
        curves.add(deltaTrace(trace));
        if (feasible && t >= 1 && t * 15 <= 30_000) {
            curves.add(modelClippingEpsilonDelta(s, t));
        }
        return new Calculation(Method.MODEL_CLIPPING, feasible, feasible ? null : reason, feasible || p.steps() != null ? t : null,
                p.sigma(), new NoiseRange(p.sigma(), p.sigma(), p.sigma(), p.sigma()), null,
                feasible ? p.epsilon() : null, feasible ? deltaT : null, null, deltaT, binding, warnings, null, figures,
                feasible ? statement(p.epsilon(), deltaT) : noGuarantee(reason),
                List.of(SGD_ASSUMPTION, CLIP_ASSUMPTION, BATCH_ASSUMPTION,
                        before ? "Each step clips the update (gradient plus weight decay) to C1, adds N(0, sigma^2) noise, "
                                + "then projects the model onto the ball of radius C2."
                                : "Each step takes an SGD step, projects the model onto the ball of radius C2 = "
                                + fmt(p.c2()) + ", then adds N(0, sigma^2) noise to every parameter.",
                        "Certifying algorithm: the same noisy projected steps on the retained data from a model that "
                                + "never saw the forgotten data; only delta contracts, epsilon stays " + fmt(p.epsilon()) + "."),
                curves);
    }

    /** ε(δ) of the current setting: for ε' around ε, the δ_T reached after the same T steps. */
    private static Curve modelClippingEpsilonDelta(ModelClippingAccountant.Setting s, long t) {
        int n = 15;
        double[] x = new double[n], y = new double[n];
        int k = 0;
        for (int i = n - 1; i >= 0; i--) {
            double e = s.epsilon() * Math.pow(8, (2.0 * i / (n - 1)) - 1);
            ModelClippingAccountant.Setting si = new ModelClippingAccountant.Setting(e, s.delta(), s.sigma(), s.c2(),
                    s.variant(), s.c1(), s.eta(), s.c0(), s.sigma0(), s.maxSteps(), s.strictFirstStep());
            double d = ModelClippingAccountant.deltaAfter(si, t);
            if (d > 0 && d < 1 && (k == 0 || d > x[k - 1])) {
                x[k] = d;
                y[k] = e;
                k++;
            }
        }
        return new Curve("epsilon_delta", "delta after T steps", "epsilon", true, false,
                java.util.Arrays.copyOf(x, k), java.util.Arrays.copyOf(y, k));
    }

    private static double[] extend(double[] trace, long t) {
        if (trace.length >= t + 1) {
            return trace;
        }
        double[] out = java.util.Arrays.copyOf(trace, (int) Math.min(t + 1, Integer.MAX_VALUE - 8));
        java.util.Arrays.fill(out, trace.length, out.length, trace[trace.length - 1]);
        return out;
    }

    private static Curve deltaTrace(double[] trace) {
        int len = trace.length;
        int n = Math.min(len, MAX_CURVE_POINTS);
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            int idx = n == len ? i : (int) Math.round((double) i * (len - 1) / (n - 1));
            x[i] = idx;
            y[i] = Math.max(trace[idx], Double.MIN_VALUE);
        }
        return new Curve("delta_t", "noisy step t", "delta_t", false, true, x, y);
    }

    // ---------------------------------------------------------------- output perturbation (§6)

    private static Calculation outputPerturbation(OutputPerturbationParams p) {
        Require.positive("epsilon", p.epsilon());
        Require.probability("delta", p.delta());
        Require.positive("C0", p.c0());
        double sens = 2 * p.c0();
        List<String> warnings = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        double classical = GaussianMechanism.classicalSigma(sens, p.epsilon(), p.delta());
        double sigma, eps;
        String binding;
        if (p.sigma() != null) {
            Require.positive("sigma", p.sigma());
            sigma = p.sigma();
            eps = GaussianMechanism.exactEpsilon(sens, sigma, p.delta());
            binding = "sigma fixed by you; epsilon is the exact epsilon of the Gaussian mechanism at this delta";
        } else {
            sigma = GaussianMechanism.exactSigma(sens, p.epsilon(), p.delta());
            eps = p.epsilon();
            binding = "sensitivity 2 C0 = " + fmt(sens) + " (the diameter of the clipping ball)";
        }
        figures.add(new Figure("sigma_classical", "classical sigma 2 C0 sqrt(2 ln(1.25/delta)) / epsilon (authors' code"
                + (p.epsilon() < 1 ? ")" : "; the classical theorem needs epsilon < 1)"), classical, p.epsilon() < 1));
        figures.add(new Figure("exact_delta_classical", "exact delta of the classical sigma",
                GaussianMechanism.exactDelta(sens, classical, p.epsilon()), false));
        double achievedDelta = Math.min(p.delta(), GaussianMechanism.exactDelta(sens, sigma, eps));
        final double s = sigma;
        return new Calculation(Method.OUTPUT_PERTURBATION, true, null, null, sigma,
                new NoiseRange(sigma, sigma, sigma, sigma), null, eps, p.delta(), null, null, binding, warnings, null,
                figures, statement(eps, p.delta()),
                List.of(CLIP_ASSUMPTION, "The trained model is clipped to radius C0 = " + fmt(p.c0())
                                + " and N(0, sigma^2) noise is added to every parameter once; fine-tuning afterwards uses only the retained data.",
                        "Certifying algorithm: the same clip-and-noise applied to any model inside the ball of radius C0.",
                        "sigma is calibrated with the exact Gaussian-mechanism relation theta_eps(2 C0 / sigma) <= delta."),
                List.of(epsilonDeltaCurve(d -> GaussianMechanism.exactEpsilon(sens, s, d))))
                .withDelta(achievedDelta);
    }

    // ---------------------------------------------------------------- retrain (§7)

    private static Calculation retrain() {
        return new Calculation(Method.RETRAIN, true, null, null, null, null, null, 0.0, 0.0, null, null,
                "retraining never sees the forgotten data", List.of(), null, List.of(),
                "Retraining from scratch on the retained data is exact unlearning: an observer of the released "
                        + "model cannot tell at all whether your data was deleted (epsilon = 0, delta = 0).",
                List.of("The model is re-initialised at random and trained only on the retained data."),
                List.of());
    }

    // ---------------------------------------------------------------- DP-SGD (§8)

    private static Calculation dpSgd(DpSgdParams p) {
        Require.positive("epsilon", p.epsilon());
        Require.probability("delta", p.delta());
        Require.atLeast("n_train", p.nTrain(), 1);
        Require.atLeast("k", p.forgetCount(), 1);
        if (p.forgetCount() > p.nTrain()) {
            throw new IllegalArgumentException("k must be <= n_train = " + p.nTrain() + " (got " + p.forgetCount() + ")");
        }
        Require.atLeast("batch_size", p.batchSize(), 1);
        if (p.batchSize() > p.nTrain()) {
            throw new IllegalArgumentException("batch_size must be <= n_train = " + p.nTrain() + " (got " + p.batchSize() + ")");
        }
        Require.atLeast("epochs", p.epochs(), 1);
        Require.positive("clip_norm", p.clipNorm());
        long k = p.forgetCount();
        double q = (double) p.batchSize() / p.nTrain();
        long steps = p.epochs() * ((p.nTrain() + p.batchSize() - 1) / p.batchSize());
        GroupPrivacySplit split = GroupPrivacySplit.of(p.epsilon(), p.delta(), k, p.rule());
        List<String> warnings = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("eps1", "per-example epsilon_1 = epsilon / k", split.eps1(), false));
        figures.add(new Figure("delta1", "per-example delta_1 (" + p.rule().name().toLowerCase(Locale.ROOT) + " rule)", split.delta1(), false));
        figures.add(new Figure("q", "sampling rate q = B / n_train", q, false));
        figures.add(new Figure("steps", "DP-SGD steps S = epochs * ceil(n_train / B)", steps, false));
        Double nm = p.noiseMultiplier();
        String binding;
        if (nm == null) {
            var found = DpSgdAccountant.noiseMultiplier(split.eps1(), split.delta1(), q, steps);
            if (found.isEmpty()) {
                String reason = "no noise multiplier up to 1e5 reaches the per-example epsilon_1 = " + fmt(split.eps1())
                        + "; increase epsilon, decrease k or train fewer epochs";
                return new Calculation(Method.DP_SGD, false, reason, steps, null, null, null, null, null, null, null,
                        "per-example budget epsilon / k", List.of("Increase epsilon or forget fewer points."), null,
                        figures, noGuarantee(reason), dpSgdAssumptions(p), List.of());
            }
            nm = found.getAsDouble();
            binding = "noise multiplier from the authors' bisection for the per-example budget (epsilon/k, delta_1)";
        } else {
            Require.positive("noise_multiplier", nm);
            binding = "noise multiplier fixed by you; the group guarantee follows from it";
        }
        RdpCurve rdpCurve = new RdpCurve(q, nm, steps);
        ConversionResult per = rdpCurve.epsilon(split.delta1());
        if (!Double.isFinite(per.epsilon())) {
            throw new IllegalArgumentException("noise_multiplier must be large enough for a finite epsilon (got " + nm + ")");
        }
        double groupEps = k * per.epsilon();
        double groupDelta = p.noiseMultiplier() == null ? split.groupDeltaStandard()
                : GroupPrivacySplit.groupDelta(per.epsilon(), split.delta1(), k);
        if (!(groupDelta < 1)) {
            String reason = "the group delta for k = " + k + " points reaches 1 at this noise multiplier, so there is no "
                    + "guarantee; increase noise_multiplier or forget fewer points";
            return new Calculation(Method.DP_SGD, false, reason, steps, p.clipNorm() * nm, null, null, null, null, null,
                    null, binding, List.of("Increase the noise multiplier."), null, figures, noGuarantee(reason),
                    dpSgdAssumptions(p), List.of());
        }
        figures.add(new Figure("noise_multiplier", "noise multiplier (noise std / clip norm)", nm, true));
        figures.add(new Figure("noise_std", "noise std per summed gradient = C * noise multiplier", p.clipNorm() * nm, true));
        figures.add(new Figure("eps1_achieved", "achieved per-example epsilon", per.epsilon(), true));
        if (p.rule() == GroupPrivacySplit.Rule.CODE) {
            warnings.add("The authors' group rule (discrepancy A-3) gives a real group delta of "
                    + fmt(split.groupDeltaStandard()) + " instead of " + fmt(p.delta()) + "; use the standard rule.");
        }
        warnings.add("The accountant assumes Poisson sampling with rate q; train with Poisson sampling or the epsilon is heuristic (A-4).");
        final double nmF = nm;
        List<Curve> curves = new ArrayList<>();
        double[] xs = logGrid(1e-12, 1e-1, DELTA_CURVE_POINTS);
        double[] gx = new double[xs.length], gy = new double[xs.length];
        int m = 0;
        for (double d1 : xs) {
            double e1 = rdpCurve.epsilon(d1).epsilon();
            double gd = GroupPrivacySplit.groupDelta(e1, d1, k);
            if (Double.isFinite(e1) && Double.isFinite(gd) && gd < 1) {
                gx[m] = gd;
                gy[m] = k * e1;
                m++;
            }
        }
        curves.add(new Curve("epsilon_delta", "group delta", "group epsilon", true, false,
                java.util.Arrays.copyOf(gx, m), java.util.Arrays.copyOf(gy, m)));
        return new Calculation(Method.DP_SGD, true, null, steps, p.clipNorm() * nmF,
                null, null, groupEps, groupDelta, null, null, binding, warnings, null, figures,
                statement(groupEps, groupDelta), dpSgdAssumptions(p), curves);
    }

    private static List<String> dpSgdAssumptions(DpSgdParams p) {
        return List.of("The model was trained with DP-SGD: per-example gradients clipped to C = " + fmt(p.clipNorm())
                        + ", Gaussian noise of std C * noise multiplier added to their sum, Poisson sampling with rate q.",
                "Group privacy over the k = " + p.forgetCount() + " forgotten points; unlearning itself is the identity "
                        + "and fine-tuning afterwards uses only the retained data.",
                "Certifying algorithm: the same DP-SGD training on the retained data.");
    }

    // ---------------------------------------------------------------- Newton (§9)

    private static Calculation newton(NewtonParams p) {
        Require.positive("epsilon", p.epsilon());
        Require.probability("delta", p.delta());
        List<String> warnings = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        double bound;
        String binding;
        if (p.errorBound() != null) {
            bound = Require.positive("Delta", p.errorBound());
            binding = "error bound Delta = " + fmt(bound) + " given by you";
        } else {
            if (p.c() == null || p.m() == null || p.lambda() == null || p.lambdaMin() == null) {
                throw new IllegalArgumentException("give Delta, or all of C, M, lambda and lambda_min (Theorem 3.4)");
            }
            NewtonAccountant.ErrorBound b = NewtonAccountant.errorBound(p.c(), p.m(), p.lambda(), p.lambdaMin());
            if (!b.valid()) {
                String reason = "lambda + lambda_min = " + fmt(p.lambda() + p.lambdaMin())
                        + " <= 0, so the local convex approximation has no error bound; increase lambda";
                return new Calculation(Method.NEWTON, false, reason, null, null, null, null, null, null, null, null,
                        "lambda + lambda_min must be > 0", List.of("Increase lambda above -lambda_min."), null, figures,
                        noGuarantee(reason), newtonAssumptions(), List.of());
            }
            double lissa = p.lissaError() == null ? 0 : Require.nonNegative("lissa_error", p.lissaError());
            figures.add(new Figure("Delta_N", "Theorem 3.4 bound 2C(MC + lambda)/(lambda + lambda_min)", b.delta(), false));
            bound = b.delta() + lissa;
            binding = "error bound Delta = Delta_N + Delta_LiSSA = " + fmt(bound);
            if (lissa == 0) {
                warnings.add("No LiSSA approximation error was added to Delta; the guarantee assumes an exact inverse-Hessian product.");
            }
        }
        figures.add(new Figure("Delta", "sensitivity bound Delta", bound, false));
        double sigma, eps;
        if (p.sigma() != null) {
            sigma = Require.positive("sigma", p.sigma());
            eps = GaussianMechanism.exactEpsilon(bound, sigma, p.delta());
            figures.add(new Figure("epsilon_classical", "classical implied epsilon Delta sqrt(2 ln(1.25/delta)) / sigma",
                    GaussianMechanism.classicalEpsilon(bound, sigma, p.delta()), false));
            binding += "; sigma fixed by you";
        } else {
            sigma = GaussianMechanism.exactSigma(bound, p.epsilon(), p.delta());
            eps = p.epsilon();
            figures.add(new Figure("sigma_classical", "classical sigma (Theorem 2.3"
                    + (p.epsilon() < 1 ? ")" : "; needs epsilon < 1)"),
                    GaussianMechanism.classicalSigma(bound, p.epsilon(), p.delta()), p.epsilon() < 1));
        }
        if (bound > 100) {
            warnings.add("Delta = " + fmt(bound) + " is large, so the noise swamps the model; reduce C or increase lambda.");
        }
        final double s = sigma, bd = bound;
        return new Calculation(Method.NEWTON, true, null, null, sigma, new NoiseRange(sigma, sigma, sigma, sigma), null,
                eps, p.delta(), null, null, binding, warnings, null, figures, statement(eps, p.delta()),
                newtonAssumptions(), List.of(epsilonDeltaCurve(d -> GaussianMechanism.exactEpsilon(bd, s, d))));
    }

    private static List<String> newtonAssumptions() {
        return List.of("Training kept the model inside the ball of radius C (norm constraint) and the Hessian is "
                        + "M-Lipschitz; the bound uses the local convex approximation with lambda + lambda_min > 0.",
                "Noise N(0, sigma^2) is added to every parameter of the Newton-updated model, once per release; "
                        + "several releases compose.",
                "Certifying algorithm: the same Newton update plus noise computed from the model retrained without your data.");
    }

    // ---------------------------------------------------------------- shared

    /** Path of the first NaN/∞ in a result tree, or null (results must never carry them). */
    private static String firstNonFinite(Object o, String path) {
        if (o instanceof Double d) {
            return Double.isFinite(d) ? null : path;
        }
        if (o instanceof double[] a) {
            for (int i = 0; i < a.length; i++) {
                if (!Double.isFinite(a[i])) {
                    return path + "[" + i + "]";
                }
            }
            return null;
        }
        if (o instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                String b = firstNonFinite(l.get(i), path + "[" + i + "]");
                if (b != null) {
                    return b;
                }
            }
            return null;
        }
        if (o instanceof Figure f) {
            return Double.isFinite(f.value()) ? null : f.key();
        }
        if (o instanceof Curve c) {
            String b = firstNonFinite(c.x(), c.name() + ".x");
            return b != null ? b : firstNonFinite(c.y(), c.name() + ".y");
        }
        if (o instanceof NoiseRange r) {
            return Double.isFinite(r.first()) && Double.isFinite(r.last()) && Double.isFinite(r.min())
                    && Double.isFinite(r.max()) ? null : "sigma range";
        }
        if (o instanceof Calculation c) {
            Object[][] parts = {{c.sigma(), "sigma"}, {c.sigmaRange(), "sigma range"}, {c.sigmaSchedule(), "sigma schedule"},
                    {c.epsilon(), "epsilon"}, {c.delta(), "delta"}, {c.renyiCoefficient(), "rho_R"}, {c.deltaT(), "delta_T"},
                    {c.legacyEpsilon(), "legacy epsilon"}, {c.figures(), "figures"}, {c.curves(), "curves"}};
            for (Object[] p : parts) {
                String b = firstNonFinite(p[0], (String) p[1]);
                if (b != null) {
                    return b;
                }
            }
        }
        return null;
    }

    /** The ε(δ) curve of the current setting on a log grid of δ. */
    private static Curve epsilonDeltaCurve(java.util.function.DoubleUnaryOperator epsOfDelta) {
        double[] xs = logGrid(1e-12, 1e-1, DELTA_CURVE_POINTS);
        double[] ys = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            ys[i] = epsOfDelta.applyAsDouble(xs[i]);
        }
        return new Curve("epsilon_delta", "delta", "epsilon", true, false, xs, ys);
    }

    static double[] logGrid(double lo, double hi, int n) {
        double[] x = new double[n];
        double a = Math.log10(lo), b = Math.log10(hi);
        for (int i = 0; i < n; i++) {
            x[i] = Math.pow(10, a + (b - a) * i / (n - 1));
        }
        return x;
    }

    /**
     * Distinguishing advantage bound of an (ε, δ) guarantee: an observer's (true − false positive)
     * rate is at most (e^ε − 1 + 2δ)/(e^ε + 1) (Kairouz et al. 2015).
     */
    public static double advantage(double eps, double delta) {
        double a = eps > 700 ? 1 : (Math.expm1(eps) + 2 * delta) / (Math.exp(eps) + 1);
        return Math.min(1, a);
    }

    static String statement(double eps, double delta) {
        double adv = advantage(eps, delta);
        return "An observer who sees the released model can tell whether your data was deleted with advantage at most "
                + fmt(adv) + " (guessing correctly with probability at most " + fmt((1 + adv) / 2)
                + "), from the guarantee (epsilon = " + fmt(eps) + ", delta = " + fmt(delta) + ")."
                + (adv > 0.9 ? " This is a weak guarantee." : "");
    }

    static String noGuarantee(String reason) {
        return "No guarantee can be certified for this setting: " + reason + ".";
    }

    static String fmt(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e6) {
            return String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }
}
