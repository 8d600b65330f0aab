package org.unlearning.workbench.accounting.outputpert;

import org.unlearning.workbench.accounting.method.Param;
import org.unlearning.workbench.accounting.method.SharedParams;
import org.unlearning.workbench.accounting.method.Param.Control;

/**
 * Output perturbation (§6): the method's whole configuration, declared once.
 *
 * @param epsilon target ε &gt; 0
 * @param delta   target δ ∈ (0, 1)
 * @param c0      model clip C0 &gt; 0 (sensitivity 2 C0)
 * @param sigma   optional user-fixed σ: the achieved exact ε at δ is recomputed
 */
public record OutputPerturbationParams(
        @Param(key = "epsilon", from = SharedParams.class) double epsilon,
        @Param(key = "delta", from = SharedParams.class) double delta,
        @Param(key = "c0", yaml = "init_clip", name = "Model clip", symbol = "C0", unit = "L2 norm", min = 0,
                minInclusive = false, max = 1e6, dflt = "1.0", log = true, slider = {0.001, 100},
                tooltip = "The model is clipped to this radius and noise hides a change of up to 2 C0.")
        double c0,
        @Param(key = "sigma", name = "Noise std (fixed)", symbol = "σ", unit = "per parameter", min = 1e-12,
                max = 1e12, log = true, slider = {1e-3, 100}, control = Control.FIXABLE,
                tooltip = "Fix the noise yourself; the achieved epsilon is recomputed.")
        Double sigma) {
    public static OutputPerturbationParams of(double epsilon, double delta, double c0) {
        return new OutputPerturbationParams(epsilon, delta, c0, null);
    }
}
