package org.unlearning.workbench.accounting.calculator;

/**
 * Output perturbation (§6).
 *
 * @param epsilon target ε &gt; 0
 * @param delta   target δ ∈ (0, 1)
 * @param c0      model clip C0 &gt; 0 (sensitivity 2 C0)
 * @param sigma   optional user-fixed σ: the achieved exact ε at δ is recomputed
 */
public record OutputPerturbationParams(double epsilon, double delta, double c0, Double sigma)
        implements MethodParams {
    public static OutputPerturbationParams of(double epsilon, double delta, double c0) {
        return new OutputPerturbationParams(epsilon, delta, c0, null);
    }

    @Override
    public Method method() {
        return Method.OUTPUT_PERTURBATION;
    }
}
