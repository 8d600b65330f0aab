package org.unlearning.workbench.engine.unlearn.newton;

/**
 * Extreme eigenvalues of a symmetric operator estimated by Lanczos (§9.3 needs λ_min; LiSSA needs
 * H > λ_max/2). Ritz values lie inside the spectrum, so {@code lambdaMin} can only over-estimate
 * the true smallest eigenvalue; for each Ritz pair (θ, y) some eigenvalue lies within
 * {@code residual = ‖A y − θ y‖} of θ. {@link #lambdaMinLower()} = θ_min − residual is the value
 * to use in a bound.
 *
 * @param lambdaMin         smallest Ritz value θ_min
 * @param lambdaMinResidual ‖A y − θ_min y‖ of its Ritz vector
 * @param lambdaMax         largest Ritz value θ_max
 * @param lambdaMaxResidual ‖A y − θ_max y‖
 * @param iterations        Lanczos steps taken (= operator products)
 * @param converged         both residuals fell below the requested tolerance (or an invariant
 *                          subspace was found)
 * @param minVector         the unit Ritz vector of {@code lambdaMin} (for checks; may be null)
 */
public record SpectrumEstimate(double lambdaMin, double lambdaMinResidual, double lambdaMax,
                               double lambdaMaxResidual, int iterations, boolean converged, double[] minVector) {

    public SpectrumEstimate(double lambdaMin, double lambdaMinResidual, double lambdaMax, double lambdaMaxResidual,
                            int iterations, boolean converged) {
        this(lambdaMin, lambdaMinResidual, lambdaMax, lambdaMaxResidual, iterations, converged, null);
    }

    /** θ_min − residual: conservative (smaller) value of λ_min for the error bound. */
    public double lambdaMinLower() {
        return lambdaMin - lambdaMinResidual;
    }

    /** θ_max + residual: conservative (larger) value of λ_max for the LiSSA scale check. */
    public double lambdaMaxUpper() {
        return lambdaMax + lambdaMaxResidual;
    }
}
