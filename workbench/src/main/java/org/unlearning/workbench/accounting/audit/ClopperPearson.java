package org.unlearning.workbench.accounting.audit;

import org.apache.commons.math3.special.Beta;
import org.unlearning.workbench.accounting.Require;

/**
 * Exact (Clopper–Pearson) confidence bounds on a binomial proportion from {@code k} successes in
 * {@code n} trials (theory.md §15.2). A one-sided bound at confidence {@code c} leaves probability
 * {@code 1 − c} on its side; the two-sided interval puts {@code (1 − c)/2} on each side.
 * <ul>
 *   <li>lower: the {@code p} with {@code P_p[X ≥ k] = 1 − c} (0 when k = 0; (1 − c)^{1/n} when k = n);</li>
 *   <li>upper: the {@code p} with {@code P_p[X ≤ k] = 1 − c} (1 when k = n; 1 − (1 − c)^{1/n} when k = 0).</li>
 * </ul>
 * Interior bounds solve the tail equation by bisection on the regularised incomplete beta
 * function ({@code P_p[X ≥ k] = I_p(k, n−k+1)}, {@code P_p[X ≤ k] = I_{1−p}(n−k, k+1)}, each tail
 * evaluated directly so that small tails keep their relative accuracy) until the bracket is two
 * adjacent doubles; the edges are closed forms.
 */
public final class ClopperPearson {
    private static final int MAX_BISECTIONS = 2200;

    /** A two-sided interval [lower, upper] at {@code confidence}. */
    public record Interval(double lower, double upper, double confidence) {}

    private ClopperPearson() {}

    /** One-sided lower bound on the proportion at {@code confidence}. */
    public static double lower(long k, long n, double confidence) {
        check(k, n, confidence);
        double a = 1 - confidence;
        if (k == 0) {
            return 0;
        }
        if (k == n) {
            return Math.exp(Math.log(a) / n);
        }
        // P_p[X ≥ k] increases from 0 to 1 with p: find where it crosses a
        return bisect(p -> upperTail(k, n, p) < a);
    }

    /** One-sided upper bound on the proportion at {@code confidence}. */
    public static double upper(long k, long n, double confidence) {
        check(k, n, confidence);
        double a = 1 - confidence;
        if (k == n) {
            return 1;
        }
        if (k == 0) {
            return -Math.expm1(Math.log(a) / n);
        }
        // P_p[X ≤ k] decreases from 1 to 0 with p: find where it crosses a
        return bisect(p -> lowerTail(k, n, p) > a);
    }

    /** Two-sided interval at {@code confidence}: each bound one-sided at {@code (1 + confidence)/2}. */
    public static Interval interval(long k, long n, double confidence) {
        check(k, n, confidence);
        double side = 1 - (1 - confidence) / 2;
        return new Interval(lower(k, n, side), upper(k, n, side), confidence);
    }

    /** {@code P[Binomial(n, p) ≥ k]}. */
    static double upperTail(long k, long n, double p) {
        if (k <= 0) {
            return 1;
        }
        if (k > n) {
            return 0;
        }
        return Beta.regularizedBeta(p, k, n - k + 1.0);
    }

    /** {@code P[Binomial(n, p) ≤ k]}. */
    static double lowerTail(long k, long n, double p) {
        if (k < 0) {
            return 0;
        }
        if (k >= n) {
            return 1;
        }
        return Beta.regularizedBeta(1 - p, n - k, k + 1.0);
    }

    /** The boundary of {@code below} in (0, 1): below(p) holds for p under it, fails above it. */
    private static double bisect(java.util.function.DoublePredicate below) {
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < MAX_BISECTIONS; i++) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (below.test(mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    private static void check(long k, long n, double confidence) {
        Require.atLeast("trials n", n, 1);
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("successes k must be in [0, n] = [0, " + n + "] (got " + k + ")");
        }
        Require.probability("confidence", confidence);
    }
}
