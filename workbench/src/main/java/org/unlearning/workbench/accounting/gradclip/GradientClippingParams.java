package org.unlearning.workbench.accounting.gradclip;

import org.unlearning.workbench.accounting.method.Param;
import org.unlearning.workbench.accounting.method.SharedParams;
import org.unlearning.workbench.accounting.method.Param.Control;
import org.unlearning.workbench.accounting.method.Param.Use;

/**
 * Gradient clipping (§4): the method's whole configuration, declared once.
 *
 * @param epsilon      target ε &gt; 0
 * @param delta        target δ ∈ (0, 1)
 * @param c0           initial model clip C0 &gt; 0
 * @param c1           gradient clip C1 &gt; 0
 * @param eta          learning rate η &gt; 0 of the noisy steps (ηλ &lt; 1)
 * @param lambda       L2 regularisation λ ≥ 0
 * @param schedule     noise schedule
 * @param epsilonRenyi optional: calibrate to this Rényi target ε_R as the authors' code does
 *                     (reproduction); null = correct calibration from (ε, δ)
 * @param formula      λ = 0 formula when epsilonRenyi is used
 * @param steps        optional user-fixed T (else the §4.3 rule)
 * @param sigma        optional user-fixed constant σ; the achieved guarantee is recomputed
 * @param batchSize    minibatch size B of the noisy steps (retain set only)
 */
public record GradientClippingParams(
        @Param(key = "epsilon", from = SharedParams.class) double epsilon,
        @Param(key = "delta", from = SharedParams.class) double delta,
        @Param(key = "c0", yaml = "init_clip", name = "Initial model clip", symbol = "C0", unit = "L2 norm", min = 0,
                minInclusive = false, max = 1e6, dflt = "20", log = true, slider = {0.001, 100},
                tooltip = "The trained model is first scaled into a ball of this radius; twice it is the distance the noisy phase must hide.")
        double c0,
        @Param(key = "c1", yaml = "grad_clip", name = "Gradient clip", symbol = "C1", unit = "L2 norm", min = 0,
                minInclusive = false, max = 1e6, dflt = "10", log = true, slider = {0.01, 100},
                tooltip = "The mini-batch gradient (all parameters together) is scaled down to at most this norm at every noisy step.")
        double c1,
        @Param(key = "eta", yaml = "learning_rate", name = "Learning rate", symbol = "η", unit = "step size", min = 0,
                minInclusive = false, max = 1e6, dflt = "0.01", log = true, slider = {1e-5, 1},
                tooltip = "Plain SGD step size during the noisy phase; eta * lambda must stay below 1. (Paper A writes it γ.)")
        double eta,
        @Param(key = "lambda", yaml = "weight_decay", aliases = "lam", name = "L2 regularisation", symbol = "λ",
                unit = "weight decay", min = 0, max = 1000, maxInclusive = false, dflt = "50", log = true,
                slider = {0.01, 1000},
                tooltip = "Weight decay lambda * x added after clipping; it shrinks the initial distance and shortens the noisy phase.")
        double lambda,
        @Param(key = "schedule", name = "Noise schedule", symbol = "σ_t", dflt = "constant",
                tooltip = "Same noise at every step, or more noise early; the decreasing schedule may not be certifiable.")
        NoiseSchedule schedule,
        @Param(key = "eps_renyi", name = "Rényi target (authors' code)", symbol = "ε_R", unit = "Rényi coefficient",
                min = 1e-6, max = 1e6, log = true, control = Control.HIDDEN,
                tooltip = "Reproduction only: calibrate sigma to this Rényi coefficient as the authors' code does; leave empty to calibrate from (epsilon, delta).")
        Double epsilonRenyi,
        @Param(key = "formula", name = "lambda = 0 formula", dflt = "consistent", control = Control.HIDDEN,
                tooltip = "Only with eps_renyi and lambda = 0: the authors' code formula achieves twice the Rényi target.")
        SigmaFormula formula,
        @Param(key = "steps", aliases = "T", name = "Noisy steps (fixed)", symbol = "T", unit = "steps", min = 1,
                max = 10_000_000, log = true, slider = {1, 10_000}, control = Control.FIXABLE,
                tooltip = "Fix the number of noisy steps yourself; sigma is recalibrated for this T.")
        Integer steps,
        @Param(key = "sigma", name = "Noise std (fixed)", symbol = "σ", unit = "per parameter", min = 1e-9, max = 1e9,
                log = true, slider = {1e-3, 100}, control = Control.FIXABLE,
                tooltip = "Fix the noise yourself; the achieved epsilon is recomputed.")
        Double sigma,
        @Param(key = "batch_size", from = SharedParams.class) int batchSize) {
    public GradientClippingParams {
        if (schedule == null) {
            schedule = NoiseSchedule.CONSTANT;
        }
        if (formula == null) {
            formula = SigmaFormula.CONSISTENT;
        }
    }

    /** Correct calibration, constant schedule, rule-based T, batch 128. */
    public static GradientClippingParams of(double epsilon, double delta, double c0, double c1, double eta,
                                            double lambda) {
        return new GradientClippingParams(epsilon, delta, c0, c1, eta, lambda, NoiseSchedule.CONSTANT, null,
                SigmaFormula.CONSISTENT, null, null, 128);
    }
}
