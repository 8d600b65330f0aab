package org.unlearning.workbench.engine.unlearn;

import org.unlearning.workbench.accounting.ModelClippingAccountant;
import org.unlearning.workbench.accounting.ModelClippingVariant;
import org.unlearning.workbench.accounting.NoiseSchedule;
import org.unlearning.workbench.accounting.SigmaFormula;
import org.unlearning.workbench.accounting.calculator.Calculation;
import org.unlearning.workbench.accounting.calculator.Figure;
import org.unlearning.workbench.accounting.calculator.GradientClippingParams;
import org.unlearning.workbench.accounting.calculator.ModelClippingParams;
import org.unlearning.workbench.accounting.calculator.OutputPerturbationParams;
import org.unlearning.workbench.accounting.calculator.UnlearningCalculator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans the noisy phase of a method with the accountants' {@link UnlearningCalculator} — the code
 * behind {@code accountant calc} and the window's calculator, so T, σ and (ε, δ) are the same
 * numbers (§4.3–4.4, §5.2, §6, §7) — and refuses infeasible settings with an {@link IllegalArgumentException} that says what to change.
 */
public final class Calibrator {
    /** Upper bound on noisy steps the engine agrees to run. */
    public static final int MAX_NOISY_STEPS = 1_000_000;

    private Calibrator() {}

    public static Calibration calibrate(MethodConfig m) {
        return switch (m.type()) {
            case GRADIENT_CLIPPING -> gradientClipping(m);
            case MODEL_CLIPPING -> modelClipping(m);
            case OUTPUT_PERTURBATION -> outputPerturbation(m);
            case RETRAIN -> retrain(m);
        };
    }

    /** The ledger that accounts for the noisy phase as it runs. */
    static NoisyPhaseLedger ledger(MethodConfig m) {
        return switch (m.type()) {
            case GRADIENT_CLIPPING -> new GradientClippingPhaseLedger(m.initClip(), m.gradClip(), m.delta());
            case MODEL_CLIPPING -> new ModelClippingPhaseLedger(modelClippingSetting(m));
            default -> throw new IllegalArgumentException(m.type().id() + " has no noisy phase");
        };
    }

    private static void requireTarget(MethodConfig m) {
        if (!(m.epsilon() > 0) || !Double.isFinite(m.epsilon())) {
            throw new IllegalArgumentException("method.epsilon must be a finite number > 0, got " + m.epsilon());
        }
        if (!(m.delta() > 0 && m.delta() < 1)) {
            throw new IllegalArgumentException("method.delta must be in (0, 1), got " + m.delta());
        }
    }

    private static double required(String key, Double v) {
        if (v == null) {
            throw new IllegalArgumentException("method." + key + " is required for this method");
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("method." + key + " must be finite, got " + v);
        }
        return v;
    }

    static Calibration gradientClipping(MethodConfig m) {
        requireTarget(m);
        double c0 = required("init_clip", m.initClip());
        double c1 = required("grad_clip", m.gradClip());
        double eta = m.learningRate();
        double lambda = m.weightDecay();
        if (!(c0 > 0)) {
            throw new IllegalArgumentException("method.init_clip (C0) must be > 0: C0 = 0 leaves no model to fine-tune "
                    + "(it is retraining from a zero initialisation; use method retrain)");
        }
        if (!(c1 > 0)) {
            throw new IllegalArgumentException("method.grad_clip (C1) must be > 0 (C1 = 0 needs infinitely many steps)");
        }
        if (!(eta > 0)) {
            throw new IllegalArgumentException("method.learning_rate (η) must be > 0 for gradient clipping");
        }
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("method.weight_decay (λ) must be >= 0, got " + lambda);
        }
        if (eta * lambda >= 1) {
            throw new IllegalArgumentException("learning_rate × weight_decay = " + eta * lambda + " >= 1: the "
                    + "gradient-clipping accountant needs ηλ < 1 (theory.md A-8); lower η or λ");
        }
        NoiseSchedule schedule = switch (m.schedule()) {
            case "constant" -> NoiseSchedule.CONSTANT;
            case "decreasing" -> NoiseSchedule.DECREASING;
            default -> throw new IllegalArgumentException("method.schedule must be constant or decreasing, got '"
                    + m.schedule() + "'");
        };
        if (m.steps() != null && m.steps() < 1) {
            throw new IllegalArgumentException("method.steps (T) must be >= 1, got " + m.steps());
        }
        if (m.sigma() != null && !(m.sigma() > 0)) {
            throw new IllegalArgumentException("method.sigma must be > 0, got " + m.sigma());
        }
        // The calculator is the code behind `accountant calc` and the window: same numbers, by construction.
        Calculation calc = UnlearningCalculator.calculate(new GradientClippingParams(m.epsilon(), m.delta(), c0, c1,
                eta, lambda, schedule, null, SigmaFormula.CONSISTENT, m.steps(), m.sigma()));
        if (!calc.feasible()) {
            throw new IllegalArgumentException("gradient clipping is infeasible: " + calc.reason());
        }
        if (calc.steps() > MAX_NOISY_STEPS) {
            throw new IllegalArgumentException("the steps rule gives T = " + calc.steps() + " noisy steps (> "
                    + MAX_NOISY_STEPS + "); raise grad_clip (C1) or learning_rate (η), or lower init_clip (C0)");
        }
        int steps = (int) (long) calc.steps();
        double[] sigmas;
        if (calc.sigmaSchedule() != null) {
            sigmas = calc.sigmaSchedule().clone();
        } else {
            sigmas = new double[steps];
            Arrays.fill(sigmas, calc.sigma());
        }
        List<String> notes = new ArrayList<>();
        notes.add(calc.bindingConstraint());
        notes.addAll(calc.warnings());
        if (m.sigma() != null || m.steps() != null) {
            notes.add(String.format("achieved guarantee: (ε, δ) = (%.6g, %.3g)%s", calc.epsilon(), calc.delta(),
                    calc.epsilon() > m.epsilon() * (1 + 1e-9) ? " — weaker than the target ε = " + m.epsilon() : ""));
        }
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("C0", c0);
        in.put("C1", c1);
        in.put("eta", eta);
        in.put("lambda", lambda);
        in.put("batch_size", m.batchSize());
        in.put("schedule", m.sigma() != null ? "constant" : m.schedule());
        in.put("steps_fixed", m.steps());
        in.put("sigma_fixed", m.sigma());
        in.put("initial_clip_type", "l2");
        in.put("conversion", "improved (C2)");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("T", steps);
        out.put("rho_R", calc.renyiCoefficient());
        out.put("binding_constraint", calc.bindingConstraint());
        putFigures(out, calc);
        return new Calibration(MethodKind.GRADIENT_CLIPPING, steps, sigmas,
                calc.sigmaSchedule() != null ? "decreasing" : "constant", calc.epsilon(), calc.delta(),
                "gradient clipping: privacy amplification by iteration (theory.md §4.2), RDP→(ε,δ) conversion C2",
                in, out, notes);
    }

    private static void putFigures(Map<String, Object> out, Calculation calc) {
        if (calc.legacyEpsilon() != null) {
            out.put(calc.legacyEpsilon().key(), calc.legacyEpsilon().value());
        }
        for (Figure f : calc.figures()) {
            out.put(f.key(), f.value());
        }
    }

    static ModelClippingAccountant.Setting modelClippingSetting(MethodConfig m) {
        requireTarget(m);
        double sigma = required("sigma", m.sigma());
        double c2 = required("model_clip", m.modelClip());
        double c0 = required("init_clip", m.initClip());
        ModelClippingVariant variant = switch (m.variant()) {
            case "after_projection" -> ModelClippingVariant.AFTER_PROJECTION;
            case "before_projection" -> ModelClippingVariant.BEFORE_PROJECTION;
            default -> throw new IllegalArgumentException("method.variant must be after_projection or before_projection, got '"
                    + m.variant() + "'");
        };
        double c1 = 0;
        if (variant == ModelClippingVariant.BEFORE_PROJECTION) {
            c1 = required("grad_clip", m.gradClip());
        }
        if (!(m.learningRate() >= 0)) {
            throw new IllegalArgumentException("method.learning_rate must be >= 0, got " + m.learningRate());
        }
        return new ModelClippingAccountant.Setting(m.epsilon(), m.delta(), sigma, c2, variant, c1, m.learningRate(),
                c0, m.initSigma(), ModelClippingAccountant.DEFAULT_MAX_STEPS, true);
    }

    static Calibration modelClipping(MethodConfig m) {
        ModelClippingAccountant.Setting s = modelClippingSetting(m);
        Calculation calc = UnlearningCalculator.calculate(new ModelClippingParams(s.epsilon(), s.delta(), s.sigma(),
                s.c2(), s.variant(), s.c1(), s.eta(), s.c0(), s.sigma0(), s.maxSteps(), s.strictFirstStep(), null));
        if (!calc.feasible()) {
            throw new IllegalArgumentException("model clipping cannot reach δ = " + m.delta() + ": " + calc.reason());
        }
        if (calc.steps() > MAX_NOISY_STEPS) {
            throw new IllegalArgumentException("model clipping needs T = " + calc.steps() + " noisy steps (> "
                    + MAX_NOISY_STEPS + "); increase sigma or decrease model_clip (C2)");
        }
        int steps = (int) (long) calc.steps();
        double[] sigmas = new double[steps];
        Arrays.fill(sigmas, s.sigma());
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("C0", s.c0());
        in.put("C2", s.c2());
        in.put("C1", m.variant().equals("before_projection") ? s.c1() : null);
        in.put("eta", s.eta());
        in.put("lambda", m.weightDecay());
        in.put("sigma", s.sigma());
        in.put("sigma0", s.sigma0());
        in.put("variant", m.variant());
        in.put("strict_first_step", s.strictFirstStep());
        in.put("batch_size", m.batchSize());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("T", steps);
        out.put("delta_T", calc.deltaT());
        out.put("binding_constraint", calc.bindingConstraint());
        putFigures(out, calc);
        List<String> notes = new ArrayList<>(calc.warnings());
        if (m.steps() != null) {
            notes.add("method.steps is ignored for model clipping: it runs until the accountant's δ_t ≤ δ");
        }
        return new Calibration(MethodKind.MODEL_CLIPPING, steps, sigmas, "constant", calc.epsilon(), calc.delta(),
                "model clipping: E_γ contraction (theory.md §5.2)", in, out, notes);
    }

    static Calibration outputPerturbation(MethodConfig m) {
        requireTarget(m);
        double c0 = required("init_clip", m.initClip());
        if (!(c0 > 0)) {
            throw new IllegalArgumentException("method.init_clip (C0) must be > 0 for output perturbation");
        }
        if (m.sigma() != null && !(m.sigma() > 0)) {
            throw new IllegalArgumentException("method.sigma must be > 0, got " + m.sigma());
        }
        Calculation calc = UnlearningCalculator.calculate(new OutputPerturbationParams(m.epsilon(), m.delta(), c0,
                m.sigma()));
        List<String> notes = new ArrayList<>(calc.warnings());
        if (m.sigma() != null) {
            notes.add(String.format("sigma fixed by the user: achieved (ε, δ) = (%.6g, %.3g)", calc.epsilon(),
                    calc.delta()));
        }
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("C0", c0);
        in.put("sensitivity", 2 * c0);
        in.put("sigma_fixed", m.sigma());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sigma", calc.sigma());
        out.put("binding_constraint", calc.bindingConstraint());
        putFigures(out, calc);
        return new Calibration(MethodKind.OUTPUT_PERTURBATION, 0, new double[] {calc.sigma()}, "single_draw",
                calc.epsilon(), calc.delta(),
                "output perturbation: Gaussian mechanism with sensitivity 2·C0, exact calibration (theory.md §6)",
                in, out, notes);
    }

    static Calibration retrain(MethodConfig m) {
        return new Calibration(MethodKind.RETRAIN, 0, new double[0], "none", 0.0, 0.0,
                "exact unlearning: retraining from a fresh initialisation on the retain set (theory.md §7)",
                Map.of(), Map.of(), List.of());
    }
}
