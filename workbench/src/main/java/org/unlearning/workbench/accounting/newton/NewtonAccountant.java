package org.unlearning.workbench.accounting.newton;

import org.unlearning.workbench.accounting.Require;

/**
 * Paper B (§9.3): error bound Δ of the Newton/LiSSA update and the Gaussian noise it needs.
 */
public final class NewtonAccountant {
    private NewtonAccountant() {}

    /**
     * Theorem 3.4 bound Δ_N = 2C(MC + λ)/(λ + λ_min).
     *
     * @param delta Δ_N; {@code Double.POSITIVE_INFINITY} (the vector format's "inf") when invalid
     * @param valid λ + λ_min &gt; 0
     */
    public record ErrorBound(double delta, boolean valid) {}

    public static ErrorBound errorBound(double c, double m, double lambda, double lambdaMin) {
        Require.positive("C", c);
        Require.nonNegative("M", m);
        Require.nonNegative("lambda", lambda);
        Require.finite("lambda_min", lambdaMin);
        double denom = lambda + lambdaMin;
        if (!(denom > 0)) {
            return new ErrorBound(Double.POSITIVE_INFINITY, false);
        }
        double b = 2 * c * (m * c + lambda) / denom;
        if (!Double.isFinite(b)) {
            throw new IllegalArgumentException("C, M and lambda must be small enough for a finite error bound (got C = " + c
                    + ", M = " + m + ", lambda = " + lambda + ", lambda_min = " + lambdaMin + ")");
        }
        return new ErrorBound(b, true);
    }
}
