package org.unlearning.workbench.accounting;

import org.unlearning.workbench.accounting.dpsgd.GroupPrivacySplit;
import org.unlearning.workbench.accounting.dpsgd.RdpCurve;
import org.unlearning.workbench.accounting.dpsgd.SubsampledGaussianRdp;
import org.unlearning.workbench.accounting.newton.Lissa;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OtherAccountantsTest {
    @Test
    void exactGaussianCalibrationIsTightAndBelowClassical() {
        double s = GaussianMechanism.exactSigma(2, 1, 1e-5);
        assertTrue(GaussianMechanism.exactDelta(2, s, 1) <= 1e-5);
        assertTrue(GaussianMechanism.exactDelta(2, s * (1 - 1e-9), 1) > 1e-5 * (1 - 1e-6));
        assertTrue(s < GaussianMechanism.classicalSigma(2, 1, 1e-5));
        double e = GaussianMechanism.exactEpsilon(2, s, 1e-5);
        assertEquals(1, e, 1e-9);
    }

    @Test
    void integerOrderRdpMatchesFullBatchLimit() {
        // q → 1 limit of the integer-order sum is α/(2σ²)
        double r = SubsampledGaussianRdp.rdp(1 - 1e-12, 1.3, 5);
        assertEquals(5 / (2 * 1.3 * 1.3), r, 1e-6);
        assertEquals(0, SubsampledGaussianRdp.rdp(0, 1.3, 5));
        assertEquals(Double.POSITIVE_INFINITY, SubsampledGaussianRdp.rdp(0.1, 0, 5));
    }

    @Test
    void fractionalSeriesIsCloseToNeighbouringIntegers() {
        double r2 = SubsampledGaussianRdp.rdp(0.01, 1.1, 2.0);
        double r2b = SubsampledGaussianRdp.rdp(0.01, 1.1, 2.0000001);
        assertEquals(r2, r2b, 1e-3 * r2);
    }

    @Test
    void lazyCurveEqualsTheFullConversion() {
        for (double sigma : new double[] {0.6, 1.1, 5, 18}) {
            for (double d : new double[] {1e-27, 1e-5, 0.01}) {
                double[] o = SubsampledGaussianRdp.AUTHORS_ORDERS;
                double[] r = SubsampledGaussianRdp.rdp(0.004, sigma, o);
                for (int i = 0; i < r.length; i++) {
                    r[i] *= 5000;
                }
                ConversionResult full = RenyiConversion.curve(o, r, d);
                ConversionResult lazy = new RdpCurve(0.004, sigma, 5000).epsilon(d);
                assertEquals(full.epsilon(), lazy.epsilon(), 0.0, "sigma=" + sigma + " delta=" + d);
                assertEquals(full.alpha(), lazy.alpha());
            }
        }
    }

    @Test
    void authorsOrderGridHas304Orders() {
        assertEquals(304, SubsampledGaussianRdp.AUTHORS_ORDERS.length);
        assertEquals(1.1, SubsampledGaussianRdp.AUTHORS_ORDERS[0]);
        assertEquals(10.9, SubsampledGaussianRdp.AUTHORS_ORDERS[98]);
        assertEquals(10211, SubsampledGaussianRdp.AUTHORS_ORDERS[303]);
    }

    @Test
    void standardGroupRuleRestoresGroupDelta() {
        GroupPrivacySplit g = GroupPrivacySplit.of(50, 1e-5, 225, GroupPrivacySplit.Rule.STANDARD);
        assertEquals(1e-5, GroupPrivacySplit.groupDelta(g.eps1(), g.delta1(), 225), 1e-12);
        assertEquals(3e-5, GroupPrivacySplit.groupDelta(0, 1e-5, 3), 1e-20);
    }

    @Test
    void lissaConvergesToTheInverse() {
        Lissa.Result r = Lissa.run(new double[][] {{3, 1}, {1, 2}}, new double[] {1, 1}, 4, 2000);
        assertTrue(r.converges());
        // A⁻¹ [1, 1] = [0.2, 0.4]
        assertEquals(0.2, r.x()[0], 1e-12);
        assertEquals(0.4, r.x()[1], 1e-12);
    }
}
