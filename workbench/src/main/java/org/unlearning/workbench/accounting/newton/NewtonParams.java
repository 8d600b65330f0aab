package org.unlearning.workbench.accounting.newton;

import org.unlearning.workbench.accounting.method.Param;
import org.unlearning.workbench.accounting.method.SharedParams;
import org.unlearning.workbench.accounting.method.Param.Control;
import org.unlearning.workbench.accounting.method.Param.Use;

/**
 * Newton update + LiSSA + Gaussian noise (Paper B, §9): the method's whole configuration, declared
 * once. The calculator takes Δ directly or the Theorem 3.4 inputs with an estimate of λ_min; a run
 * measures λ_min and derives Δ and σ of every release from it.
 *
 * @param epsilon           target ε &gt; 0 of every release
 * @param delta             target δ ∈ (0, 1)
 * @param errorBound        calculator: Δ = ‖w~ − w~*‖ bound given directly (null = Theorem 3.4)
 * @param c                 norm constraint C the original was trained under
 * @param m                 Lipschitz constant of the Hessian M (an assumption)
 * @param lambda            local-convex-approximation λ
 * @param lambdaMin         calculator: estimate of the smallest Hessian eigenvalue (a run measures it)
 * @param lissaError        Δ_LiSSA added to Δ_N; a run checks the measured LiSSA error against it
 * @param sigma             calculator: user-fixed σ, the implied ε is recomputed
 * @param weightDecay       training L2 coefficient in the loss (null = the original's, from its model.json)
 * @param s1                LiSSA repetitions
 * @param s2                LiSSA depth
 * @param scale             LiSSA scale H (&gt; (λ_max + λ)/2)
 * @param hessianBatch      LiSSA Hessian mini-batch b
 * @param gradient          retain gradient or the D_u shortcut
 * @param lanczosIterations Lanczos steps for λ_min / λ_max
 * @param lanczosTolerance  relative residual at which Lanczos stops
 * @param spectrumSubsample retain examples for λ_min (0 = all)
 */
public record NewtonParams(
        @Param(key = "epsilon", from = SharedParams.class) double epsilon,
        @Param(key = "delta", from = SharedParams.class) double delta,
        @Param(key = "error_bound", aliases = "Delta", name = "Error bound", symbol = "Δ", unit = "L2 norm",
                min = 1e-12, max = 1e12, log = true, use = Use.CALCULATOR, control = Control.HIDDEN,
                tooltip = "Bound on the distance between the Newton estimate and the retrained estimate; leave empty to use Theorem 3.4.")
        Double errorBound,
        @Param(key = "c", yaml = "C", name = "Norm constraint", symbol = "C", unit = "L2 norm", min = 0,
                minInclusive = false, max = 1e6, dflt = "20", log = true, slider = {0.1, 1000},
                tooltip = "Training kept the model inside this ball (projection onto |w| <= C after every step).")
        double c,
        @Param(key = "m", yaml = "M", name = "Hessian Lipschitz constant", symbol = "M", min = 0, max = 1e6,
                maxInclusive = false, dflt = "1.0", log = true, slider = {0.001, 1000},
                tooltip = "How fast the Hessian can change (your assumption; it is not verified).")
        double m,
        @Param(key = "lambda", aliases = "lam", name = "Convex-approximation λ", symbol = "λ", min = 0, max = 1e6,
                maxInclusive = false, dflt = "0.01", log = true, slider = {0.01, 1000},
                tooltip = "Added to the Hessian to make it positive definite; must exceed -lambda_min.")
        double lambda,
        @Param(key = "lambda_min", aliases = "lam_min", name = "Smallest Hessian eigenvalue", symbol = "λ_min",
                min = -1e6, max = 1e6, dflt = "0.5", slider = {-15, 5}, use = Use.CALCULATOR,
                tooltip = "Your estimate for the calculator (needs lambda + lambda_min > 0); a run measures it by Lanczos and derives Delta and sigma of each release from the measurement.")
        double lambdaMin,
        @Param(key = "lissa_error", yaml = "lissa_error_budget", name = "LiSSA error", symbol = "Δ_LiSSA",
                unit = "L2 norm", min = 0, max = 1e12, maxInclusive = false, dflt = "0", slider = {0, 1},
                tooltip = "Added to Delta for the approximate inverse-Hessian product; a run checks the measured LiSSA error against it.")
        double lissaError,
        @Param(key = "sigma", name = "Noise std (fixed)", symbol = "σ", unit = "per parameter", min = 1e-12, max = 1e12,
                log = true, use = Use.CALCULATOR, control = Control.HIDDEN,
                tooltip = "Fix the noise yourself; the implied epsilon is recomputed.")
        Double sigma,
        @Param(key = "weight_decay", name = "Training weight decay", symbol = "wd", min = 0, max = 1e6,
                use = Use.RUN, control = Control.HIDDEN,
                tooltip = "L2 coefficient of the training loss (gradient + wd w, Hessian + wd I); empty = the original's, from its model.json.")
        Double weightDecay,
        @Param(key = "s1", name = "LiSSA repetitions", symbol = "s₁", min = 1, max = 100, dflt = "5", log = true,
                use = Use.RUN,
                tooltip = "Independent LiSSA estimates averaged (Zhang et al. 2024, §9.2).")
        int s1,
        @Param(key = "s2", name = "LiSSA depth", symbol = "s₂", min = 1, max = 10000, dflt = "100", log = true,
                use = Use.RUN,
                tooltip = "Recursion depth of each LiSSA estimate; deeper = closer to the exact inverse-Hessian product.")
        int s2,
        @Param(key = "H", aliases = "scale", name = "LiSSA scale", symbol = "H", min = 1e-3, max = 1e6, dflt = "50",
                log = true, use = Use.RUN,
                tooltip = "Must exceed (lambda_max + lambda)/2 for LiSSA to converge; the run checks its residual against Delta_LiSSA.")
        double scale,
        @Param(key = "b", aliases = "batch", name = "Hessian mini-batch", symbol = "b", unit = "examples", min = 1,
                max = 8192, dflt = "50", log = true, use = Use.RUN,
                tooltip = "Examples per Hessian-vector product, drawn with replacement from the retain set.")
        int hessianBatch,
        @Param(key = "gradient", name = "Gradient", dflt = "retain", use = Use.RUN, control = Control.HIDDEN,
                tooltip = "Exact retain gradient (default), or the D_u shortcut (only used if the original is a stationary point).")
        NewtonGradient gradient,
        @Param(key = "lanczos_iterations", name = "Lanczos steps", min = 2, max = 1000, dflt = "10", use = Use.RUN,
                control = Control.HIDDEN, tooltip = "Lanczos steps for lambda_min and lambda_max.")
        int lanczosIterations,
        @Param(key = "lanczos_tolerance", name = "Lanczos tolerance", min = 1e-12, max = 1, dflt = "1e-3", log = true,
                use = Use.RUN, control = Control.HIDDEN, tooltip = "Relative residual at which Lanczos stops.")
        double lanczosTolerance,
        @Param(key = "spectrum_subsample", name = "Spectrum subsample", unit = "examples", min = 0, max = 1e9,
                dflt = "0", use = Use.RUN, control = Control.HIDDEN,
                tooltip = "Retain examples the lambda_min estimate averages the Hessian over (0 = the whole retain set).")
        int spectrumSubsample) {
    public NewtonParams {
        if (gradient == null) {
            gradient = NewtonGradient.RETAIN;
        }
    }

    /** A calculator setting with Δ given directly (other inputs at their defaults). */
    public static NewtonParams withErrorBound(double epsilon, double delta, double errorBound) {
        return new NewtonParams(epsilon, delta, errorBound, 20, 1, 0.01, 0.5, 0, null, null, 5, 100, 50, 50,
                NewtonGradient.RETAIN, 10, 1e-3, 0);
    }

    /** A calculator setting from the Theorem 3.4 inputs. */
    public static NewtonParams theorem34(double epsilon, double delta, double c, double m, double lambda,
                                         double lambdaMin, double lissaError) {
        return new NewtonParams(epsilon, delta, null, c, m, lambda, lambdaMin, lissaError, null, null, 5, 100, 50, 50,
                NewtonGradient.RETAIN, 10, 1e-3, 0);
    }
}
