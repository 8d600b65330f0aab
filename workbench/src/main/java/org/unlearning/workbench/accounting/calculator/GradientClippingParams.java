package org.unlearning.workbench.accounting.calculator;

import org.unlearning.workbench.accounting.NoiseSchedule;
import org.unlearning.workbench.accounting.SigmaFormula;

/**
 * Gradient clipping (§4).
 *
 * @param epsilon     target ε &gt; 0
 * @param delta       target δ ∈ (0, 1)
 * @param c0          initial model clip C0 &gt; 0
 * @param c1          gradient clip C1 &gt; 0
 * @param eta         learning rate η &gt; 0 (ηλ &lt; 1)
 * @param lambda      L2 regularisation λ ≥ 0
 * @param schedule    noise schedule (default constant)
 * @param epsilonRenyi optional: calibrate to this Rényi target ε_R as the authors' code does
 *                    (reproduction); null = correct calibration from (ε, δ) (default)
 * @param formula     λ = 0 formula when epsilonRenyi is used (default consistent)
 * @param steps       optional user-fixed T (else the §4.3 rule)
 * @param sigma       optional user-fixed constant σ; the achieved guarantee is recomputed
 */
public record GradientClippingParams(double epsilon, double delta, double c0, double c1, double eta,
                                     double lambda, NoiseSchedule schedule, Double epsilonRenyi,
                                     SigmaFormula formula, Integer steps, Double sigma) implements MethodParams {
    public GradientClippingParams {
        if (schedule == null) {
            schedule = NoiseSchedule.CONSTANT;
        }
        if (formula == null) {
            formula = SigmaFormula.CONSISTENT;
        }
    }

    /** Correct calibration, constant schedule, rule-based T. */
    public static GradientClippingParams of(double epsilon, double delta, double c0, double c1, double eta,
                                            double lambda) {
        return new GradientClippingParams(epsilon, delta, c0, c1, eta, lambda, NoiseSchedule.CONSTANT, null,
                SigmaFormula.CONSISTENT, null, null);
    }

    @Override
    public Method method() {
        return Method.GRADIENT_CLIPPING;
    }
}
