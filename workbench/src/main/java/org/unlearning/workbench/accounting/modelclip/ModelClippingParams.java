package org.unlearning.workbench.accounting.modelclip;

import org.unlearning.workbench.accounting.method.Param;
import org.unlearning.workbench.accounting.method.SharedParams;
import org.unlearning.workbench.accounting.method.Param.Control;
import org.unlearning.workbench.accounting.method.Param.Use;

/**
 * Model clipping (§5): the method's whole configuration, declared once.
 *
 * @param epsilon         target ε &gt; 0 (fixed; only δ contracts)
 * @param delta           target δ ∈ (0, 1)
 * @param sigma           per-step noise σ &gt; 0
 * @param c2              model clip C2 &gt; 0
 * @param variant         noise placement
 * @param eta             SGD step size of the noisy steps (the accountant uses it for before_projection)
 * @param c1              update clip (before_projection only)
 * @param c0              initial clip C0 (the run clips the original to it; the accountant uses it with
 *                        σ0 &gt; 0 or the strict first step); null in the calculator = 0
 * @param sigma0          initial noise σ0 ≥ 0 (0 = none)
 * @param maxSteps        cap on T (default 10⁶)
 * @param strictFirstStep A-6 / A-13 (on by default)
 * @param steps           optional user-fixed T: the achieved δ_T after exactly T steps
 * @param lambda          weight decay λ of the noisy steps (not an accountant input)
 * @param batchSize       minibatch size of the noisy steps (retain set only)
 */
public record ModelClippingParams(
        @Param(key = "epsilon", from = SharedParams.class) double epsilon,
        @Param(key = "delta", from = SharedParams.class) double delta,
        @Param(key = "sigma", name = "Noise std", symbol = "σ", unit = "per parameter", min = 0, minInclusive = false,
                max = 1e6, dflt = "0.5", log = true, slider = {1e-3, 100},
                tooltip = "Gaussian noise added to every parameter at every noisy step.")
        double sigma,
        @Param(key = "c2", yaml = "model_clip", name = "Model clip", symbol = "C2", unit = "L2 norm", min = 0,
                minInclusive = false, max = 1e6, dflt = "0.625", log = true, slider = {1e-4, 100},
                tooltip = "After each step the model is projected into a ball of this radius; 2 C2 / sigma sets how fast delta shrinks.")
        double c2,
        @Param(key = "variant", name = "Noise placement", dflt = "after_projection",
                tooltip = "Add noise after projecting (paper's experiments) or before projecting (needs C1 and eta).")
        ModelClippingVariant variant,
        @Param(key = "eta", yaml = "learning_rate", name = "Learning rate", symbol = "η", unit = "step size", min = 0,
                max = 1e3, dflt = "0.01", log = true, slider = {1e-5, 1},
                tooltip = "SGD step size of the noisy steps; the accountant uses it only for before_projection.")
        double eta,
        @Param(key = "c1", yaml = "grad_clip", name = "Update clip (before projection)", symbol = "C1", unit = "L2 norm",
                min = 1e-9, max = 1e6, log = true, control = Control.HIDDEN,
                tooltip = "before_projection only: the update (gradient + weight decay) is clipped to this norm.")
        Double c1,
        @Param(key = "c0", yaml = "init_clip", name = "Initial model clip", symbol = "C0", unit = "L2 norm", min = 0,
                max = 1e6, maxInclusive = false, log = true, control = Control.HIDDEN,
                tooltip = "Radius the original model is clipped to; the accountant uses it with initial noise or the strict first step.")
        Double c0,
        @Param(key = "sigma0", yaml = "init_sigma", name = "Initial noise std", symbol = "σ0", unit = "per parameter",
                min = 0, max = 1e6, maxInclusive = false, dflt = "0", control = Control.HIDDEN,
                tooltip = "Optional noise added once to the clipped initial model (0 = none).")
        double sigma0,
        @Param(key = "max_steps", name = "Step cap", unit = "steps", min = 1, max = 1e8, log = true,
                control = Control.HIDDEN, tooltip = "Give up (infeasible) after this many noisy steps (default 1000000).")
        Long maxSteps,
        @Param(key = "strict_first_step", name = "Strict first step", dflt = "true", control = Control.HIDDEN,
                tooltip = "before_projection: account the first step from the initial radius max(C0, C2) (discrepancy A-6), "
                        + "or as no contraction when initial noise sigma0 > 0 leaves x_0 unbounded (A-13). true or false.")
        boolean strictFirstStep,
        @Param(key = "steps", aliases = "T", name = "Noisy steps (fixed)", symbol = "T", unit = "steps", min = 1,
                max = 10_000_000, log = true, control = Control.HIDDEN,
                tooltip = "Fix the number of noisy steps yourself; the achieved delta_T is recomputed.")
        Integer steps,
        @Param(key = "lambda", yaml = "weight_decay", aliases = "lam", name = "Weight decay", symbol = "λ",
                unit = "weight decay", min = 0, max = 1e6, dflt = "0", use = Use.RUN, control = Control.HIDDEN,
                tooltip = "L2 term lambda * x added to the gradient of the noisy steps (before the update clip).")
        double lambda,
        @Param(key = "batch_size", from = SharedParams.class) int batchSize) {
    public ModelClippingParams {
        if (variant == null) {
            variant = ModelClippingVariant.AFTER_PROJECTION;
        }
    }

    /** After projection, σ0 = 0, default cap, strict first step, η = 0.01, batch 128. */
    public static ModelClippingParams of(double epsilon, double delta, double sigma, double c2) {
        return new ModelClippingParams(epsilon, delta, sigma, c2, ModelClippingVariant.AFTER_PROJECTION, 0.01,
                null, null, 0, null, true, null, 0, 128);
    }
}
