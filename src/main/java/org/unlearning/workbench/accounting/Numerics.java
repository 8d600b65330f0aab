package org.unlearning.workbench.accounting;

import org.apache.commons.math3.special.Erf;

/**
 * Numerical primitives of theory.md §2: log Q(x) accurate in both tails, the hockey-stick
 * divergence θ_ε(r) between two Gaussians evaluated in log space, and the ε̃ transform.
 */
public final class Numerics {
    private static final double SQRT2 = Math.sqrt(2.0);
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double LN_HALF = Math.log(0.5);

    private Numerics() {}

    /** §2.1: ln Q(x) = ln(1 − Φ(x)), relatively accurate for |x| up to ~1e4 and beyond. */
    public static double logQ(double x) {
        if (Double.isNaN(x)) {
            throw new IllegalArgumentException("x must not be NaN");
        }
        if (x == Double.NEGATIVE_INFINITY) {
            return 0.0;
        }
        if (x > 37) {
            if (x == Double.POSITIVE_INFINITY) {
                return Double.NEGATIVE_INFINITY;
            }
            double x2 = 1.0 / (x * x);
            double series = 1 - x2 * (1 - x2 * (3 - x2 * (15 - 105 * x2)));
            return -0.5 * x * x - Math.log(x) - HALF_LOG_2PI + Math.log(series);
        }
        if (x < -5) {
            return Math.log1p(-0.5 * Erf.erfc(-x / SQRT2));
        }
        return LN_HALF + Math.log(Erf.erfc(x / SQRT2));
    }

    /** Q(x) = 1 − Φ(x). */
    public static double q(double x) {
        return Math.exp(logQ(x));
    }

    /**
     * §2.2: θ_ε(r) = Q(ε/r − r/2) − e^ε Q(ε/r + r/2), the hockey-stick divergence
     * E_{e^ε}(N(r u, I) ‖ N(0, I)); equals the exact δ of the Gaussian mechanism with
     * sensitivity rσ and the contraction coefficient used by model clipping.
     *
     * @param eps ε ≥ 0
     * @param r   mean distance / noise std, ≥ 0 (+∞ allowed: gives 1)
     */
    public static double theta(double eps, double r) {
        if (Double.isNaN(eps) || eps < 0 || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be a finite number >= 0 (got " + eps + ")");
        }
        if (Double.isNaN(r) || r < 0) {
            throw new IllegalArgumentException("r must be >= 0 (got " + r + ")");
        }
        if (r == 0) {
            return 0.0;
        }
        if (r == Double.POSITIVE_INFINITY) {
            return 1.0;
        }
        double a = eps / r - r / 2;
        double b = eps / r + r / 2;
        double l1 = logQ(a);
        double l2 = eps + logQ(b);
        if (l2 >= l1) {
            return 0.0;
        }
        double t = Math.exp(l1) * -Math.expm1(l2 - l1);
        return t < 0 ? 0.0 : (t > 1 ? 1.0 : t);
    }

    /** ln(e^ε − 1) without overflow, for ε > 0. */
    public static double logExpm1(double eps) {
        return eps > 30 ? eps + Math.log1p(-Math.exp(-eps)) : Math.log(Math.expm1(eps));
    }

    /** ln(1 + e^x) without overflow. */
    public static double log1pExp(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /**
     * §2.3: ε̃(ε, δ_t) = ln(1 + (e^ε − 1)/δ_t), overflow-safe; ε = 0 gives 0.
     */
    public static double epsTilde(double eps, double deltaT) {
        if (eps == 0) {
            return 0.0;
        }
        double l = logExpm1(eps) - Math.log(deltaT);
        return log1pExp(l);
    }

    /** ln(e^a + e^b). */
    public static double logAdd(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double m = Math.max(a, b);
        return m + Math.log1p(Math.exp(Math.min(a, b) - m));
    }

    /**
     * ln|Γ(x)| for any real x that is not a non-positive integer (reflection formula for x < 0.5),
     * like Python's {@code math.lgamma}.
     */
    public static double logAbsGamma(double x) {
        if (x >= 0.5) {
            return org.apache.commons.math3.special.Gamma.logGamma(x);
        }
        // Γ(x) Γ(1 − x) = π / sin(πx)
        double s = Math.abs(Math.sin(Math.PI * (x - Math.floor(x)))); // exact range reduction
        return Math.log(Math.PI) - Math.log(s) - org.apache.commons.math3.special.Gamma.logGamma(1 - x);
    }
}
