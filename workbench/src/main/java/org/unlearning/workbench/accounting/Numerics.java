package org.unlearning.workbench.accounting;

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
        if (x < 0) {
            // Q(x) = 1 − Q(−x), Q(−x) = ½ erfc(|x|/√2) ≤ ½: log1p keeps full accuracy
            return Math.log1p(-0.5 * erfcNonNegative(-x / SQRT2));
        }
        return LN_HALF + logErfc(x / SQRT2);
    }

    /** erfc(y) for y ≥ 0 (Cody), without going through the logarithm. */
    static double erfcNonNegative(double y) {
        if (y <= 0.46875) {
            return Math.exp(logErfc(y));
        }
        double ysq = Math.floor(16 * y) / 16;
        return Math.exp(-ysq * ysq - (y - ysq) * (y + ysq)) * rational(y);
    }

    // W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23
    // (1969) 631-638: published coefficients (relative accuracy ~1e-16 for erfc on y >= 0).
    private static final double[] CA = {3.16112374387056560e0, 1.13864154151050156e2, 3.77485237685302021e2,
        3.20937758913846947e3, 1.85777706184603153e-1};
    private static final double[] CB = {2.36012909523441209e1, 2.44024637934444173e2, 1.28261652607737228e3,
        2.84423683343917062e3};
    private static final double[] CC = {5.64188496988670089e-1, 8.88314979438837594e0, 6.61191906371416295e1,
        2.98635138197400131e2, 8.81952221241769090e2, 1.71204761263407058e3, 2.05107837782607147e3,
        1.23033935479799725e3, 2.15311535474403846e-8};
    private static final double[] CD = {1.57449261107098347e1, 1.17693950891312499e2, 5.37181101862009858e2,
        1.62138957456669019e3, 3.29079923573345963e3, 4.36261909014324716e3, 3.43936767414372164e3,
        1.23033935480374942e3};
    private static final double[] CP = {3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
        1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2};
    private static final double[] CQ = {2.56852019228982242e0, 1.87295284992346047e0, 5.27905102951428412e-1,
        6.05183413124413191e-2, 2.33520497626869185e-3};
    private static final double ONE_OVER_SQRT_PI = 5.6418958354775628695e-1;

    /**
     * ln erfc(y), relatively accurate for every finite y (Cody's rational approximations; for
     * y &gt; 0.46875 the Gaussian factor is kept in log form, so there is no underflow).
     */
    public static double logErfc(double y) {
        double ay = Math.abs(y);
        if (ay <= 0.46875) {
            double z = ay > 1.11e-16 ? ay * ay : 0;
            double num = CA[4] * z, den = z;
            for (int i = 0; i < 3; i++) {
                num = (num + CA[i]) * z;
                den = (den + CB[i]) * z;
            }
            return Math.log1p(-y * (num + CA[3]) / (den + CB[3]));
        }
        double logE = logErfcRational(ay);
        if (y >= 0) {
            return logE;
        }
        return Math.log(2 - Math.exp(logE)); // erfc(−y) = 2 − erfc(y)
    }

    /** ln erfc(y) for y &gt; 0.46875 (Cody's second and third intervals). */
    private static double logErfcRational(double ay) {
        // erfc(|y|) = exp(−y²)·r with y² split as ysq² + (y − ysq)(y + ysq) for accuracy
        double ysq = Math.floor(16 * ay) / 16;
        double del = (ay - ysq) * (ay + ysq);
        return -ysq * ysq - del + Math.log(rational(ay));
    }

    /** Cody's rational factor r with erfc(y) = exp(−y²) r, for y &gt; 0.46875. */
    private static double rational(double ay) {
        double r;
        if (ay <= 4) {
            double num = CC[8] * ay, den = ay;
            for (int i = 0; i < 7; i++) {
                num = (num + CC[i]) * ay;
                den = (den + CD[i]) * ay;
            }
            r = (num + CC[7]) / (den + CD[7]);
        } else {
            double z = 1 / (ay * ay);
            double num = CP[5] * z, den = z;
            for (int i = 0; i < 4; i++) {
                num = (num + CP[i]) * z;
                den = (den + CQ[i]) * z;
            }
            r = (ONE_OVER_SQRT_PI - z * (num + CP[4]) / (den + CQ[4])) / ay;
        }
        return r;
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
