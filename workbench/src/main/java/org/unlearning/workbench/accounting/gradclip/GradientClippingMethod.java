package org.unlearning.workbench.accounting.gradclip;

import org.unlearning.workbench.accounting.CalibrationSearch;
import org.unlearning.workbench.accounting.ConversionResult;
import org.unlearning.workbench.accounting.RenyiConversion;
import org.unlearning.workbench.accounting.Require;
import org.unlearning.workbench.accounting.method.Calculation;
import org.unlearning.workbench.accounting.method.Curve;
import org.unlearning.workbench.accounting.method.Figure;
import org.unlearning.workbench.accounting.method.GuaranteeText;
import org.unlearning.workbench.accounting.method.MethodAccountant;
import org.unlearning.workbench.accounting.method.NoiseRange;
import org.unlearning.workbench.accounting.method.ParameterSchema;
import org.unlearning.workbench.accounting.method.VectorKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.unlearning.workbench.accounting.method.GuaranteeText.fmt;

/**
 * Gradient clipping (Paper A eq. 3, theory.md §4) as a method: T by the §4.3 rule (or fixed), σ
 * calibrated from (ε, δ) through ρ_max (C2) by the calibration search, the PABI coefficient (§4.2),
 * and the running ledger that certifies what ran.
 */
public final class GradientClippingMethod implements MethodAccountant<GradientClippingParams> {
    /** Longest noisy phase the calculator plans. */
    static final long MAX_STEPS = 10_000_000L;

    private static final ParameterSchema<GradientClippingParams> SCHEMA =
            ParameterSchema.of(GradientClippingParams.class, "gradient_clipping");

    static final String SGD_ASSUMPTION = "The noisy phase runs plain SGD without momentum or Adam "
            + "(a fresh optimizer may be used afterwards).";
    static final String CLIP_ASSUMPTION = "Clipping is global L2 clipping over all parameters "
            + "(every weight and bias flattened into one vector), not per layer.";
    static final String BATCH_ASSUMPTION = "Mini-batches are drawn from the retained data only; "
            + "fine-tuning after the noisy phase uses only the retained data (free post-processing).";

    @Override
    public String key() {
        return "gradient_clipping";
    }

    @Override
    public String title() {
        return "Gradient clipping (noisy fine-tuning, Paper A eq. 3)";
    }

    @Override
    public String summary() {
        return "Noisy fine-tuning with clipped gradients: T noisy SGD steps, then free fine-tuning.";
    }

    @Override
    public ParameterSchema<GradientClippingParams> schema() {
        return SCHEMA;
    }

    /** The statement of a gradient-clipping release: noisy steps with clipped per-example gradients (§4). */
    @Override
    public String certificateStatement(double epsilon, double delta, int forgotten) {
        return GuaranteeText.certificateStatement(epsilon, delta, forgotten) + " Mechanism: noisy gradient descent on "
                + "the retained data, each per-example gradient clipped to norm C1 and Gaussian noise added at every "
                + "step; privacy amplification by iteration hides the starting point (theory.md §4.2).";
    }

    @Override
    public String privacyStateLabel() {
        return "ρ_R if stopped here";
    }

    @Override
    public GradientClippingLedger ledger(GradientClippingParams p, Calculation plan) {
        return new GradientClippingLedger(p.c0(), p.c1(),
                new GradientClippingLedger.Plan(p.delta(), (int) (long) plan.steps(), plan.epsilon()));
    }

    @Override
    public Calculation plan(GradientClippingParams p) {
        Require.positive("epsilon", p.epsilon());
        Require.probability("delta", p.delta());
        Require.positive("C0", p.c0());
        Require.positive("C1", p.c1());
        Require.positive("eta", p.eta());
        Require.nonNegative("lambda", p.lambda());
        Require.atLeast("batch_size", p.batchSize(), 1);
        if (p.lambda() > 0 && !(p.eta() * p.lambda() < 1)) {
            throw new IllegalArgumentException("eta * lambda must be < 1 for gradient clipping (got "
                    + fmt(p.eta() * p.lambda()) + "): the accountant needs ηλ < 1 (theory.md A-8); lower eta or lambda");
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
        if (t > MAX_STEPS) {
            throw new IllegalArgumentException("T must be at most " + MAX_STEPS + " noisy steps (got " + t
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
                    : calibratedSigma(p, t, rhoTarget);
            double rho = GradientClippingAccountant.rhoConstant(sigma, p.c0(), p.c1(), p.eta(), p.lambda(), t);
            coef = new RdpCoefficient(rho, true, false, 0, 0);
        }
        ConversionResult correct = RenyiConversion.improved(coef.rhoR(), p.delta());
        double achievedEps = correct.epsilon();
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
            if (p.lambda() == 0 && p.formula() == SigmaFormula.CODE) {
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
        curves.add(frontier(p, t, rhoR));
        curves.add(Curve.epsilonDelta(d -> RenyiConversion.improved(rhoR, d).epsilon()));
        Double eps = feasible ? achievedEps : null;
        Double del = feasible ? p.delta() : null;
        return new Calculation(key(), feasible, reason, t, schedule == null ? sigma : null, range,
                schedule, eps, del, rhoR, null, binding, warnings, legacyFig, figures,
                feasible ? GuaranteeText.statement(achievedEps, p.delta()) : GuaranteeText.noGuarantee(reason),
                List.of(SGD_ASSUMPTION, CLIP_ASSUMPTION, BATCH_ASSUMPTION,
                        "The initial model is clipped to radius C0 = " + fmt(p.c0()) + " before the noisy phase; "
                                + "each step clips the mini-batch gradient to C1 = " + fmt(p.c1())
                                + " and then adds the weight-decay term lambda x.",
                        "Certifying algorithm: the same " + t + " noisy steps on the retained data, started from any "
                                + "model inside the ball of radius C0 that never saw the forgotten data."),
                curves, "gradient clipping: privacy amplification by iteration (theory.md §4.2), RDP→(ε,δ) conversion C2")
                .requireFinite();
    }

    /**
     * §4.4 correct calibration: the smallest constant σ whose (GC-RDP) coefficient converts to at most ε
     * by (C2), found by the calibration search from σ = N / sqrt(2 ρ_max Z₁).
     */
    private static double calibratedSigma(GradientClippingParams p, long t, double rhoMax) {
        double guess = GradientClippingAccountant.sigmaForRho(rhoMax, p.c0(), p.c1(), p.eta(), p.lambda(), t);
        return CalibrationSearch.smallest(s -> RenyiConversion.improved(
                        GradientClippingAccountant.rhoConstant(s, p.c0(), p.c1(), p.eta(), p.lambda(), t), p.delta())
                        .epsilon() <= p.epsilon(), guess, 1e-13)
                .orElseThrow(() -> new IllegalArgumentException("epsilon must be reachable by a finite sigma (got "
                        + p.epsilon() + ")"));
    }

    /** σ–T frontier: σ needed for the same Rényi coefficient as T varies (constant schedule). */
    private static Curve frontier(GradientClippingParams p, long t, double rhoR) {
        long tMax = Math.max(20, Math.min(2 * t, 1_000_000L));
        int n = (int) Math.min(tMax, Curve.MAX_POINTS);
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
                Arrays.copyOf(x, k), Arrays.copyOf(y, k));
    }

    @Override
    public Map<String, VectorKind> vectorKinds() {
        Map<String, VectorKind> m = new LinkedHashMap<>();
        m.put("gradclip_T", in -> {
            StepsRule r = GradientClippingAccountant.steps(in.num("C0"), in.num("C1"), in.num("eta"), in.num("lam"));
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("T", r.steps());
            o.put("T_noreg", r.stepsNoReg());
            o.put("T_reg", r.stepsReg());
            o.put("used_reg_shortcut", r.usedRegShortcut());
            return o;
        });
        m.put("gradclip_sigma", in -> {
            NoiseSchedule sch = in.choice(NoiseSchedule.class, "schedule", "constant");
            SigmaFormula f = in.choice(SigmaFormula.class, "formula", "consistent");
            long t = in.integer("T");
            Map<String, Object> o = new LinkedHashMap<>();
            if (sch == NoiseSchedule.CONSTANT) {
                o.put("sigma", GradientClippingAccountant.sigmaConstant(in.num("eps_renyi"), in.num("C0"),
                        in.num("C1"), in.num("eta"), in.num("lam"), t, f));
            } else {
                o.put("sigmas", GradientClippingAccountant.sigmaDecreasing(in.num("eps_renyi"), in.num("C0"),
                        in.num("C1"), in.num("eta"), in.num("lam"), t, f));
            }
            return o;
        });
        m.put("gradclip_rdp_coefficient", in -> {
            double[] sig = in.array("sigmas");
            RdpCoefficient c = in.has("etas")
                    ? GradientClippingAccountant.rdpCoefficient(in.num("C0"), in.num("C1"), in.array("etas"),
                    in.array("lams"), sig)
                    : GradientClippingAccountant.rdpCoefficient(in.num("C0"), in.num("C1"), in.num("eta"),
                    in.num("lam"), sig);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("rho_R", c.rhoR());
            o.put("feasible", c.shiftFeasible());
            return o;
        });
        m.put("gradclip_pipeline", GradientClippingMethod::pipelineVector);
        m.put("gradclip_sigma_for_eps_delta", in -> {
            double eps = in.num("eps"), delta = in.num("delta");
            double c0 = in.num("C0"), c1 = in.num("C1"), eta = in.num("eta"), lam = in.num("lam");
            long t = in.has("T") ? in.integer("T") : GradientClippingAccountant.steps(c0, c1, eta, lam).steps();
            double rho = RenyiConversion.maxRhoImproved(eps, delta);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("T", t);
            o.put("rho", rho);
            o.put("sigma", GradientClippingAccountant.sigmaForRho(rho, c0, c1, eta, lam, t));
            return o;
        });
        return m;
    }

    private static Map<String, Object> pipelineVector(org.unlearning.workbench.accounting.method.VectorInputs in) {
        double epsR = in.num("eps_renyi"), delta = in.num("delta");
        double c0 = in.num("C0"), c1 = in.num("C1"), eta = in.num("eta"), lam = in.num("lam");
        NoiseSchedule sch = in.choice(NoiseSchedule.class, "schedule", "constant");
        SigmaFormula f = in.choice(SigmaFormula.class, "formula", "consistent");
        Require.probability("delta", delta);
        long t = GradientClippingAccountant.steps(c0, c1, eta, lam).steps();
        double[] sigmas;
        Map<String, Object> o = new LinkedHashMap<>();
        if (sch == NoiseSchedule.CONSTANT) {
            double s = GradientClippingAccountant.sigmaConstant(epsR, c0, c1, eta, lam, t, f);
            sigmas = new double[(int) t];
            Arrays.fill(sigmas, s);
            o.put("sigma", s);
        } else {
            // §11: sigma is null for the decreasing schedule (constant values when lambda = 0, as in the code)
            sigmas = GradientClippingAccountant.sigmaDecreasing(epsR, c0, c1, eta, lam, t, f);
            o.put("sigma", null);
        }
        RdpCoefficient c = GradientClippingAccountant.rdpCoefficient(c0, c1, eta, lam, sigmas);
        o.put("T", t);
        o.put("sigma_first", sigmas[0]);
        o.put("sigma_last", sigmas[sigmas.length - 1]);
        o.put("rho_R", c.rhoR());
        o.put("shift_feasible", c.shiftFeasible());
        o.put("eps_code", RenyiConversion.legacyAuthorsEpsilon(epsR, delta, RenyiConversion.LegacyGrid.TRAINER).epsilon());
        o.put("eps_correct", RenyiConversion.improved(c.rhoR(), delta).epsilon());
        return o;
    }
}
