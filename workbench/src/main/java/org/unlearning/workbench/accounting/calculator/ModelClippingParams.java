package org.unlearning.workbench.accounting.calculator;

import org.unlearning.workbench.accounting.ModelClippingVariant;

/**
 * Model clipping (§5).
 *
 * @param epsilon         target ε &gt; 0 (fixed; only δ contracts)
 * @param delta           target δ ∈ (0, 1)
 * @param sigma           per-step noise σ &gt; 0
 * @param c2              model clip C2 &gt; 0
 * @param variant         noise placement (default after_projection)
 * @param c1              gradient clip (before_projection only)
 * @param eta             learning rate (before_projection only)
 * @param c0              initial clip C0 (σ0 &gt; 0 or strict first step; default 0)
 * @param sigma0          initial noise σ0 ≥ 0 (default 0 = none)
 * @param maxSteps        cap on T (default 10⁶)
 * @param strictFirstStep default true
 * @param steps           optional user-fixed T: the achieved δ_T after exactly T steps
 */
public record ModelClippingParams(double epsilon, double delta, double sigma, double c2,
                                  ModelClippingVariant variant, Double c1, Double eta, Double c0, Double sigma0,
                                  Long maxSteps, Boolean strictFirstStep, Integer steps) implements MethodParams {
    public ModelClippingParams {
        if (variant == null) {
            variant = ModelClippingVariant.AFTER_PROJECTION;
        }
    }

    public static ModelClippingParams of(double epsilon, double delta, double sigma, double c2) {
        return new ModelClippingParams(epsilon, delta, sigma, c2, ModelClippingVariant.AFTER_PROJECTION,
                null, null, null, null, null, null, null);
    }

    @Override
    public Method method() {
        return Method.MODEL_CLIPPING;
    }
}
