package org.unlearning.workbench.accounting.calculator;

/**
 * Newton update + LiSSA + Gaussian noise (Paper B, §9.3). Give either {@code errorBound} (Δ) or
 * the Theorem 3.4 inputs C, M, λ, λ_min (plus an optional LiSSA error term).
 *
 * @param epsilon     target ε &gt; 0
 * @param delta       target δ ∈ (0, 1)
 * @param errorBound  Δ = ‖w~ − w~*‖ bound (nullable)
 * @param c           norm constraint C
 * @param m           Lipschitz constant of the Hessian M
 * @param lambda      local-convex-approximation λ
 * @param lambdaMin   smallest Hessian eigenvalue λ_min
 * @param lissaError  Δ_LiSSA added to Δ_N (nullable, default 0)
 * @param sigma       optional user-fixed σ: the implied ε is recomputed
 */
public record NewtonParams(double epsilon, double delta, Double errorBound, Double c, Double m, Double lambda,
                           Double lambdaMin, Double lissaError, Double sigma) implements MethodParams {
    @Override
    public Method method() {
        return Method.NEWTON;
    }
}
