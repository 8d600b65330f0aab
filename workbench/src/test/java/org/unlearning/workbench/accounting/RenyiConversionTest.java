package org.unlearning.workbench.accounting;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenyiConversionTest {
    @Test
    void improvedReferenceValues() {
        assertEquals(1.9142, RenyiConversion.improved(0.1, 1e-5).epsilon(), 1e-4);
        assertEquals(30.111, RenyiConversion.improved(10, 1e-5).epsilon(), 1e-3);
        assertEquals(165.62, RenyiConversion.improved(100, 1e-5).epsilon(), 1e-2);
    }

    @Test
    void improvedIsTighterThanClassic() {
        for (double rho : new double[] {1e-6, 1e-3, 0.1, 1, 10, 1000}) {
            for (double d : new double[] {1e-12, 1e-5, 0.1}) {
                assertTrue(RenyiConversion.improved(rho, d).epsilon() <= RenyiConversion.classic(rho, d).epsilon());
            }
        }
    }

    @Test
    void maxRhoDualAgreesWithBisectionOnLogRho() {
        for (double eps : new double[] {0.01, 0.5, 1, 8, 50}) {
            for (double d : new double[] {1e-10, 1e-5, 1e-2}) {
                double lo = Math.log(1e-12), hi = Math.log(1e6);
                for (int i = 0; i < 200; i++) {
                    double mid = 0.5 * (lo + hi);
                    if (RenyiConversion.improved(Math.exp(mid), d).epsilon() <= eps) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                double dual = RenyiConversion.maxRhoImproved(eps, d);
                assertEquals(Math.exp(lo), dual, 1e-9 * dual, "eps=" + eps + " delta=" + d);
                assertTrue(RenyiConversion.improved(dual, d).epsilon() <= eps * (1 + 1e-12));
            }
        }
    }

    @Test
    void improvedMatchesADenseScanOfTheOrder() {
        for (double rho : new double[] {1e-9, 1e-6, 1e-4, 0.01, 0.3, 1, 7, 100, 1e4}) {
            for (double d : new double[] {1e-15, 1e-10, 1e-5, 1e-2, 0.5}) {
                double lnD = Math.log(d), best = Double.POSITIVE_INFINITY;
                for (double u = -20; u <= 20; u += 0.002) {
                    double a = 1 + Math.exp(u);
                    best = Math.min(best, a * rho + Math.log1p(-1 / a) - (lnD + Math.log(a)) / (a - 1));
                }
                double got = RenyiConversion.improved(rho, d).epsilon();
                assertTrue(got <= Math.max(0, best) + 1e-12 * Math.max(1, Math.abs(best)),
                        "rho=" + rho + " delta=" + d + " got " + got + " scan " + best);
                assertEquals(Math.max(0, best), got, 1e-6 * Math.max(1, Math.abs(best)));
            }
        }
    }

    @Test
    void classicInverseRoundTrips() {
        double rho = RenyiConversion.maxRhoClassic(2, 1e-6);
        assertEquals(2, RenyiConversion.classic(rho, 1e-6).epsilon(), 1e-12);
    }

    @Test
    void invalidArgumentsNameTheParameter() {
        var e = assertThrows(IllegalArgumentException.class, () -> RenyiConversion.improved(1, 1.5));
        assertTrue(e.getMessage().contains("delta") && e.getMessage().contains("(0, 1)"));
        e = assertThrows(IllegalArgumentException.class, () -> RenyiConversion.maxRhoImproved(0, 1e-5));
        assertTrue(e.getMessage().contains("epsilon") && e.getMessage().contains("> 0"));
        assertThrows(IllegalArgumentException.class, () -> RenyiConversion.improved(Double.NaN, 1e-5));
    }

    @Test
    void curveConversionUsesKlShortcutAndReportsOrder() {
        ConversionResult r = RenyiConversion.curve(new double[] {2, 4, 8}, new double[] {0.1, 0.3, 1.0}, 1e-5);
        double e8 = 1.0 + Math.log1p(-1 / 8.0) - Math.log(1e-5 * 8) / 7;
        assertEquals(e8, r.epsilon(), 1e-12);
        assertEquals(8, r.alpha());
        assertEquals(0, RenyiConversion.curve(new double[] {2}, new double[] {-1}, 1e-5).epsilon());
    }
}
