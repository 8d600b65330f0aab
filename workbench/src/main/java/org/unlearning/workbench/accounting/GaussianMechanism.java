package org.unlearning.workbench.accounting;

/**
 * The Gaussian mechanism with L2 sensitivity Δ in both directions (§6, §9.3): the classical
 * calibration σ = Δ sqrt(2 ln(1.25/δ))/ε (proved for ε &lt; 1) and the exact one,
 * δ(ε) = θ_ε(Δ/σ) (Balle &amp; Wang 2018), solved by bisection.
 */
public final class GaussianMechanism {
    private GaussianMechanism() {}

    /** Classical σ = Δ sqrt(2 ln(1.25/δ)) / ε. */
    public static double classicalSigma(double sensitivity, double eps, double delta) {
        Require.positive("Delta", sensitivity);
        Require.positive("epsilon", eps);
        Require.probability("delta", delta);
        return finiteSigma(sensitivity * Math.sqrt(2 * Math.log(1.25 / delta)) / eps);
    }

    private static double finiteSigma(double s) {
        if (!Double.isFinite(s) || s <= 0) {
            throw new IllegalArgumentException("epsilon must be large enough (and Delta small enough) for a representable sigma (got sigma = "
                    + s + "); increase epsilon");
        }
        return s;
    }

    /** Exact δ of the mechanism at level ε: θ_ε(Δ/σ). */
    public static double exactDelta(double sensitivity, double sigma, double eps) {
        Require.nonNegative("Delta", sensitivity);
        Require.positive("sigma", sigma);
        Require.nonNegative("epsilon", eps);
        return Numerics.theta(eps, sensitivity / sigma);
    }

    /**
     * Smallest σ with θ_ε(Δ/σ) ≤ δ, by the calibration search from the classical σ (relative 1e−15;
     * the result satisfies the bound).
     */
    public static double exactSigma(double sensitivity, double eps, double delta) {
        Require.positive("Delta", sensitivity);
        Require.positive("epsilon", eps);
        Require.probability("delta", delta);
        double guess = sensitivity * Math.sqrt(2 * Math.log(1.25 / delta)) / eps;
        return finiteSigma(CalibrationSearch.smallest(s -> Numerics.theta(eps, sensitivity / s) <= delta, guess, 1e-15)
                .orElse(Double.POSITIVE_INFINITY));
    }

    /** Classical ε = Δ sqrt(2 ln(1.25/δ)) / σ (the inverse of {@link #classicalSigma}). */
    public static double classicalEpsilon(double sensitivity, double sigma, double delta) {
        Require.nonNegative("Delta", sensitivity);
        Require.positive("sigma", sigma);
        Require.probability("delta", delta);
        return sensitivity * Math.sqrt(2 * Math.log(1.25 / delta)) / sigma;
    }

    /**
     * Exact ε: the smallest ε ≥ 0 with θ_ε(Δ/σ) ≤ δ (0 if already θ_0 ≤ δ), by the calibration search
     * from the classical ε.
     */
    public static double exactEpsilon(double sensitivity, double sigma, double delta) {
        Require.nonNegative("Delta", sensitivity);
        Require.positive("sigma", sigma);
        Require.probability("delta", delta);
        double r = sensitivity / sigma;
        if (Numerics.theta(0, r) <= delta) {
            return 0;
        }
        double guess = r * Math.sqrt(2 * Math.log(1.25 / delta));
        return CalibrationSearch.smallest(e -> e <= 1e300 && Numerics.theta(e, r) <= delta, guess, 1e-13)
                .orElseThrow(() -> new IllegalArgumentException("Delta / sigma must be small enough for a finite epsilon (got "
                        + r + ")"));
    }

    /** Output perturbation ("dp-baseline", §6): sensitivity = diameter 2 C0, classical σ. */
    public static double outputPerturbationSigma(double eps, double delta, double c0) {
        Require.positive("C0", c0);
        return classicalSigma(2 * c0, eps, delta);
    }
}
