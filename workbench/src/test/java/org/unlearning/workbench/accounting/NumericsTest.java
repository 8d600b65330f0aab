package org.unlearning.workbench.accounting;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NumericsTest {
    @Test
    void logQMatchesKnownValuesInBothTails() {
        assertEquals(Math.log(0.5), Numerics.logQ(0), 1e-15);
        // scipy.special.log_ndtr(-10) = -53.23128515051247
        assertEquals(-53.23128515051247, Numerics.logQ(10), 1e-12 * 53.3);
        // asymptotic branch: −x²/2 − ln x − ½ln(2π) + ln(1 − x⁻² …)
        assertEquals(-5e7 - Math.log(1e4) - 0.5 * Math.log(2 * Math.PI) + Math.log1p(-1e-8),
                Numerics.logQ(1e4), 1e-15 * 5e7);
        // lower tail: log(1 - Q(-x)) ≈ -Q(x); Q(6) = 9.865876450376946e-10
        assertEquals(-9.865876450376946e-10, Numerics.logQ(-6), 1e-9 * 9.9e-10);
        // Φ(1) = 0.8413447460685429
        assertEquals(Math.log(0.8413447460685429), Numerics.logQ(-1), 1e-15);
        assertEquals(Math.log(1 - 0.5 * org.apache.commons.math3.special.Erf.erfc(0.3 / Math.sqrt(2))),
                Numerics.logQ(-0.3), 1e-15);
    }

    @Test
    void codyLogErfcAgreesWithCommonsMath() {
        for (double y = -5; y < 26; y += 0.0371) {
            double ref = Math.log(org.apache.commons.math3.special.Erf.erfc(y));
            assertEquals(ref, Numerics.logErfc(y), 2e-14 * Math.max(1, Math.abs(ref)), "y=" + y);
        }
    }

    @Test
    void logQBranchesAgreeAt37() {
        double x = 37.0;
        double viaErfc = Math.log(0.5 * org.apache.commons.math3.special.Erf.erfc(x / Math.sqrt(2)));
        double viaSeries = Numerics.logQ(37.0000000001);
        assertEquals(viaErfc, viaSeries, 1e-9 * Math.abs(viaErfc));
    }

    @Test
    void thetaEdgeCasesAndTotalVariation() {
        assertEquals(0, Numerics.theta(1, 0));
        assertEquals(1, Numerics.theta(1, Double.POSITIVE_INFINITY));
        assertEquals(1 - 2 * Numerics.q(0.5), Numerics.theta(0, 1), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Numerics.theta(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> Numerics.theta(1, -1));
        assertThrows(IllegalArgumentException.class, () -> Numerics.theta(Double.NaN, 1));
    }

    @Test
    void thetaIsMonotoneAndStaysInUnitInterval() {
        double prev = 0;
        for (double r = 0.01; r < 60; r *= 1.3) {
            double t = Numerics.theta(3, r);
            assertTrue(t >= prev && t <= 1, "r=" + r);
            prev = t;
        }
        prev = 1;
        for (double e = 0; e < 2000; e = e * 1.5 + 0.1) {
            double t = Numerics.theta(e, 5);
            assertTrue(t <= prev && t >= 0, "eps=" + e);
            prev = t;
        }
    }

    @Test
    void thetaKeepsRelativeAccuracyFarInTheTail() {
        // θ_ε(r) ~ Q(ε/r − r/2) for large ε: no underflow to 0 while Q is representable.
        double t = Numerics.theta(30, 1);
        assertTrue(t > 0 && t < 1e-150, "theta=" + t);
        assertEquals(Math.exp(Numerics.logQ(29.5) + Math.log(-Math.expm1(30 + Numerics.logQ(30.5) - Numerics.logQ(29.5)))),
                t, 1e-12 * t);
    }

    @Test
    void epsTildeIsOverflowSafe() {
        assertEquals(0, Numerics.epsTilde(0, 0.1));
        assertEquals(Math.log(1 + Math.expm1(1) / 0.5), Numerics.epsTilde(1, 0.5), 1e-15);
        double big = Numerics.epsTilde(800, 1e-300);
        assertTrue(Double.isFinite(big) && big > 800);
        assertEquals(800 + 300 * Math.log(10), big, 1e-9);
    }

    @Test
    void logAbsGammaMatchesReflection() {
        // Γ(−0.5) = −2√π
        assertEquals(Math.log(2 * Math.sqrt(Math.PI)), Numerics.logAbsGamma(-0.5), 1e-14);
        assertEquals(org.apache.commons.math3.special.Gamma.logGamma(7.3), Numerics.logAbsGamma(7.3), 1e-14);
    }
}
