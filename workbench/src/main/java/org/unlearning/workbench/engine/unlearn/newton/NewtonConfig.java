package org.unlearning.workbench.engine.unlearn.newton;

import org.unlearning.workbench.accounting.newton.NewtonGradient;

/**
 * Certified Newton unlearning with LiSSA (§9). The loss is
 * {@code L(w; S) = mean CE(w; S) + ½·weightDecay·‖w‖²} (the regulariser training used, §12 B-1);
 * the Newton system is {@code (∇²L(w; D_r) + λI) v = ∇L(w; D_r)} with the local-convex-approximation
 * λ of Theorem 3.4. σ is derived, never set: Δ = Δ_N(C, M, λ, λ_min) + Δ_LiSSA, σ = exact Gaussian
 * mechanism calibration for (ε, δ) (§9.3).
 *
 * @param lambda            λ ≥ 0, local convex approximation (Theorem 3.4), added to the Hessian
 * @param weightDecay       training L2 coefficient ≥ 0, part of L (gradient + wd·w, Hessian + wd·I)
 * @param normBound         C &gt; 0, the norm constraint the original was trained under (‖w*‖ ≤ C)
 * @param hessianLipschitz  M ≥ 0, Lipschitz constant of ∇²L (an assumption the user states)
 * @param lissaErrorBudget  Δ_LiSSA ≥ 0 added to Δ_N; the run checks the measured LiSSA error
 *                          bound ‖H_λ v − g‖/(λ + λ_min) against it
 * @param epsilon           target ε &gt; 0
 * @param delta             target δ ∈ (0, 1)
 * @param lissa             s1, s2, H, b and seed
 * @param gradient          retain gradient (default) or the D_u shortcut
 * @param lanczosIterations maximum Lanczos steps for λ_min / λ_max
 * @param lanczosTolerance  relative residual at which Lanczos stops
 * @param spectrumSubsample retain examples the λ_min estimate averages the Hessian over
 *                          (0 = the whole retain set, the honest default)
 * @param finiteDifferenceStep h of the central-difference Hessian-vector products
 * @param gradientChunk     examples per forward/backward pass for full-set gradients
 */
public record NewtonConfig(double lambda, double weightDecay, double normBound, double hessianLipschitz,
                           double lissaErrorBudget, double epsilon, double delta, LissaConfig lissa,
                           NewtonGradient gradient, int lanczosIterations, double lanczosTolerance,
                           int spectrumSubsample, double finiteDifferenceStep, int gradientChunk) {

    public NewtonConfig {
        nonNegative("lambda", lambda);
        nonNegative("weight decay", weightDecay);
        if (!(normBound > 0) || !Double.isFinite(normBound)) {
            throw new IllegalArgumentException("norm bound C must be finite and > 0, got " + normBound);
        }
        nonNegative("M (Hessian Lipschitz constant)", hessianLipschitz);
        nonNegative("LiSSA error budget", lissaErrorBudget);
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be finite and > 0, got " + epsilon);
        }
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
        }
        if (lissa == null) {
            throw new IllegalArgumentException("LiSSA configuration missing");
        }
        if (gradient == null) {
            gradient = NewtonGradient.RETAIN;
        }
        if (lanczosIterations < 2) {
            throw new IllegalArgumentException("Lanczos iterations must be >= 2, got " + lanczosIterations);
        }
        if (!(lanczosTolerance > 0)) {
            throw new IllegalArgumentException("Lanczos tolerance must be > 0, got " + lanczosTolerance);
        }
        if (spectrumSubsample < 0) {
            throw new IllegalArgumentException("spectrum subsample must be >= 0 (0 = all), got " + spectrumSubsample);
        }
        if (!(finiteDifferenceStep > 0)) {
            throw new IllegalArgumentException("finite-difference step must be > 0, got " + finiteDifferenceStep);
        }
        if (gradientChunk < 1) {
            throw new IllegalArgumentException("gradient chunk must be >= 1, got " + gradientChunk);
        }
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + v);
        }
    }

    /** Defaults around the given (ε, δ), C, M, λ, weight decay and LiSSA settings. */
    public static NewtonConfig of(double epsilon, double delta, double normBound, double hessianLipschitz,
                                  double lambda, double weightDecay, double lissaErrorBudget, LissaConfig lissa) {
        return new NewtonConfig(lambda, weightDecay, normBound, hessianLipschitz, lissaErrorBudget, epsilon, delta,
                lissa, NewtonGradient.RETAIN, 40, 1e-3, 0, FiniteDifferenceHvp.DEFAULT_STEP, 500);
    }

    public NewtonConfig withGradient(NewtonGradient g) {
        return new NewtonConfig(lambda, weightDecay, normBound, hessianLipschitz, lissaErrorBudget, epsilon, delta,
                lissa, g, lanczosIterations, lanczosTolerance, spectrumSubsample, finiteDifferenceStep,
                gradientChunk);
    }

    public NewtonConfig withSpectrum(int iterations, double tolerance, int subsample) {
        return new NewtonConfig(lambda, weightDecay, normBound, hessianLipschitz, lissaErrorBudget, epsilon, delta,
                lissa, gradient, iterations, tolerance, subsample, finiteDifferenceStep, gradientChunk);
    }

    public NewtonConfig withLissa(LissaConfig l) {
        return new NewtonConfig(lambda, weightDecay, normBound, hessianLipschitz, lissaErrorBudget, epsilon, delta,
                l, gradient, lanczosIterations, lanczosTolerance, spectrumSubsample, finiteDifferenceStep,
                gradientChunk);
    }
}
