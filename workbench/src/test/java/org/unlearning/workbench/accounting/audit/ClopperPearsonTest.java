package org.unlearning.workbench.accounting.audit;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClopperPearsonTest {

    /** P[Binomial(n, p) ≥ k] by summing the pmf term by term (independent of the beta function). */
    static double tailAtLeast(int k, int n, double p) {
        double sum = 0;
        for (int j = k; j <= n; j++) {
            double logC = 0;
            for (int t = 1; t <= j; t++) {
                logC += Math.log((double) (n - j + t) / t);
            }
            sum += Math.exp(logC + j * Math.log(p) + (n - j) * Math.log1p(-p));
        }
        return sum;
    }

    @Test
    void edgesAreClosedForms() {
        // k = 0, n = 10, 95 %: upper = 1 − 0.05^(1/10); ln 0.05 = −2.995732, /10 = −0.2995732,
        // e^(−0.2995732) = 0.741134, so upper = 0.258866. k = n: lower = 0.741134.
        assertEquals(0.258866, ClopperPearson.upper(0, 10, 0.95), 1e-6);
        assertEquals(0.741134, ClopperPearson.lower(10, 10, 0.95), 1e-6);
        assertEquals(1 - Math.pow(0.05, 0.1), ClopperPearson.upper(0, 10, 0.95), 1e-15);
        assertEquals(Math.pow(0.05, 0.1), ClopperPearson.lower(10, 10, 0.95), 1e-15);
        assertEquals(0.0, ClopperPearson.lower(0, 10, 0.95));
        assertEquals(1.0, ClopperPearson.upper(10, 10, 0.95));
        // n = 1: a single success bounds p below by 1 − c, a single failure bounds it above by c
        assertEquals(0.05, ClopperPearson.lower(1, 1, 0.95), 1e-15);
        assertEquals(0.95, ClopperPearson.upper(0, 1, 0.95), 1e-15);
    }

    @Test
    void interiorBoundsMatchHandSolvedPolynomials() {
        // n = 2, k = 1, one-sided at 97.5 % (a = 0.025):
        //   upper: P[X ≤ 1] = 1 − p² = 0.025  →  p = √0.975 = 0.9874208829
        //   lower: P[X ≥ 1] = 1 − (1 − p)² = 0.025  →  p = 1 − √0.975 = 0.0125791171
        assertEquals(0.9874208829, ClopperPearson.upper(1, 2, 0.975), 1e-10);
        assertEquals(0.0125791171, ClopperPearson.lower(1, 2, 0.975), 1e-10);
        // n = 3, k = 1, lower at 95 %: 1 − (1 − p)³ = 0.05  →  p = 1 − 0.95^(1/3) = 0.0169524275
        assertEquals(0.0169524275, ClopperPearson.lower(1, 3, 0.95), 1e-10);
        // n = 3, k = 2, upper at 95 %: P[X ≤ 2] = 1 − p³ = 0.05  →  p = 0.95^(1/3) = 0.9830475725
        assertEquals(0.9830475725, ClopperPearson.upper(2, 3, 0.95), 1e-10);
    }

    @Test
    void twoSidedTextbookInterval() {
        // 5 of 10, 95 % two-sided: [0.18709, 0.81291] (Clopper–Pearson tables; scipy
        // beta.ppf(0.025, 5, 6) = 0.187086028447, beta.ppf(0.975, 6, 5) = 0.812913971553).
        ClopperPearson.Interval i = ClopperPearson.interval(5, 10, 0.95);
        assertEquals(0.187086028447, i.lower(), 1e-11);
        assertEquals(0.812913971553, i.upper(), 1e-11);
        assertEquals(0.95, i.confidence());
        // each bound leaves exactly 2.5 % in its tail (checked by summing the pmf directly)
        assertEquals(0.025, tailAtLeast(5, 10, i.lower()), 1e-13);
        assertEquals(0.025, 1 - tailAtLeast(6, 10, i.upper()), 1e-13);
    }

    @Test
    void smallTailsKeepTheirRelativeAccuracy() {
        // 3 of 100 000 at 99.99 %: the bounds are ~1e-6 / ~1e-4; the tail equations hold to 1e-10 relative
        double lo = ClopperPearson.lower(3, 100_000, 0.9999);
        double hi = ClopperPearson.upper(3, 100_000, 0.9999);
        assertEquals(1e-4, tailAtLeast(3, 100_000, lo), 1e-14);
        assertEquals(1e-4, 1 - tailAtLeast(4, 100_000, hi), 1e-12);
        assertTrue(lo > 0 && lo < 3e-5 && hi > 3e-5 && hi < 3e-4, lo + " " + hi);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> ClopperPearson.lower(3, 2, 0.95));
        assertThrows(IllegalArgumentException.class, () -> ClopperPearson.upper(-1, 2, 0.95));
        assertThrows(IllegalArgumentException.class, () -> ClopperPearson.upper(0, 0, 0.95));
        assertThrows(IllegalArgumentException.class, () -> ClopperPearson.interval(1, 2, 1.0));
        assertThrows(IllegalArgumentException.class, () -> ClopperPearson.interval(1, 2, Double.NaN));
    }

    @Property(tries = 300)
    void boundsSolveTheirTailEquations(@ForAll @IntRange(min = 1, max = 400) int n,
                                       @ForAll @IntRange(min = 0, max = 400) int k,
                                       @ForAll @IntRange(min = 500, max = 999) int permille) {
        Assume.that(k <= n);
        double c = permille / 1000.0;
        double lo = ClopperPearson.lower(k, n, c);
        double hi = ClopperPearson.upper(k, n, c);
        assertTrue(lo <= (double) k / n && (double) k / n <= hi, lo + " " + hi);
        if (k > 0) {
            assertEquals(1 - c, tailAtLeast(k, n, lo), 1e-9);
        }
        if (k < n) {
            assertEquals(1 - c, 1 - tailAtLeast(k + 1, n, hi), 1e-9);
        }
        // symmetry: a lower bound on successes is one minus an upper bound on failures
        assertEquals(lo, 1 - ClopperPearson.upper(n - k, n, c), 1e-12);
    }

    @Property(tries = 200)
    void intervalTightensWithMoreTrials(@ForAll @IntRange(min = 1, max = 200) int n,
                                        @ForAll @IntRange(min = 0, max = 200) int k) {
        Assume.that(k <= n);
        ClopperPearson.Interval small = ClopperPearson.interval(k, n, 0.95);
        ClopperPearson.Interval big = ClopperPearson.interval(2L * k, 2L * n, 0.95);
        assertTrue(big.upper() - big.lower() < small.upper() - small.lower(),
                "same proportion, twice the trials must narrow the interval");
    }

    @Property(tries = 200)
    void moreSuccessesRaiseBothBounds(@ForAll @IntRange(min = 1, max = 300) int n,
                                      @ForAll @IntRange(min = 0, max = 299) int k) {
        Assume.that(k < n);
        assertTrue(ClopperPearson.lower(k + 1, n, 0.975) > ClopperPearson.lower(k, n, 0.975));
        assertTrue(ClopperPearson.upper(k + 1, n, 0.975) > ClopperPearson.upper(k, n, 0.975));
    }
}
