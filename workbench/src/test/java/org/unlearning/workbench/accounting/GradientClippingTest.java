package org.unlearning.workbench.accounting;

import org.unlearning.workbench.accounting.gradclip.GradientClippingAccountant;
import org.unlearning.workbench.accounting.gradclip.GradientClippingLedger;
import org.unlearning.workbench.accounting.gradclip.RdpCoefficient;
import org.unlearning.workbench.accounting.gradclip.SigmaFormula;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientClippingTest {
    @Test
    void codeSigmaAchievesTargetForRegularisedAndTwiceForLambdaZero() {
        long t = 11;
        double s = GradientClippingAccountant.sigmaConstant(1, 20, 10, 0.01, 50, t, SigmaFormula.CODE);
        double[] sig = new double[(int) t];
        Arrays.fill(sig, s);
        assertEquals(1, GradientClippingAccountant.rdpCoefficient(20, 10, 0.01, 50, sig).rhoR(), 1e-12);
        double s0 = GradientClippingAccountant.sigmaConstant(1, 0.1, 10, 0.001, 0, 10, SigmaFormula.CODE);
        double[] sig0 = new double[10];
        Arrays.fill(sig0, s0);
        assertEquals(2, GradientClippingAccountant.rdpCoefficient(0.1, 10, 0.001, 0, sig0).rhoR(), 1e-12);
    }

    @Test
    void closedFormEqualsGeneralPerStepFormula() {
        double rhoClosed = GradientClippingAccountant.rhoConstant(0.3, 1, 2, 0.05, 3, 40);
        double[] sig = new double[40];
        Arrays.fill(sig, 0.3);
        RdpCoefficient c = GradientClippingAccountant.rdpCoefficient(1, 2, 0.05, 3, sig);
        assertEquals(rhoClosed, c.rhoR(), 1e-12 * rhoClosed);
        assertTrue(c.shiftFeasible());
    }

    @Test
    void correctCalibrationIsFactor5_72OfCodeSigma() {
        double code = GradientClippingAccountant.sigmaConstant(1, 0.01, 10, 1e-4, 750, 6, SigmaFormula.CODE);
        double correct = GradientClippingAccountant.sigmaForEpsDelta(1, 1e-5, 0.01, 10, 1e-4, 750, 6);
        assertEquals(5.7207, correct / code, 1e-4);
    }

    @Test
    void ledgerMatchesPlanAndPartialRunsCostMore() {
        double sigma = GradientClippingAccountant.sigmaForEpsDelta(1, 1e-5, 20, 10, 0.01, 50, 11);
        GradientClippingLedger ledger = new GradientClippingLedger(20, 10);
        assertThrows(IllegalStateException.class, ledger::rhoR);
        for (int i = 0; i < 5; i++) {
            ledger.recordStep(0.01, 50, sigma);
        }
        double partial = ledger.epsilon(1e-5);
        for (int i = 5; i < 11; i++) {
            ledger.recordStep(0.01, 50, sigma);
        }
        assertEquals(1.0, ledger.epsilon(1e-5), 1e-9);
        assertTrue(partial > 1.0, "a run stopped early is not covered by the full certificate");
        assertTrue(ledger.shiftFeasible());
        assertEquals(ledger.epsilon(1e-5), ledger.certifiedEpsilon(1e-5).orElseThrow());
        assertTrue(ledger.legacyAuthorsEpsilon(1e-5) < 0.1);
    }

    @Test
    void decreasingScheduleCanBeInfeasible() {
        double[] s = GradientClippingAccountant.sigmaDecreasing(1, 20, 10, 0.01, 50, 11, SigmaFormula.CONSISTENT);
        assertFalse(GradientClippingAccountant.rdpCoefficient(20, 10, 0.01, 50, s).shiftFeasible());
        GradientClippingLedger ledger = new GradientClippingLedger(20, 10);
        for (double sigma : s) {
            ledger.recordStep(0.01, 50, sigma);
        }
        assertTrue(ledger.certifiedEpsilon(1e-5).isEmpty());
    }

    @Test
    void rejectsEtaLambdaAtLeastOneAndZeroClip() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> GradientClippingAccountant.sigmaConstant(1, 1, 1, 0.01, 100, 5, SigmaFormula.CODE));
        assertTrue(e.getMessage().contains("eta * lambda"));
        e = assertThrows(IllegalArgumentException.class, () -> GradientClippingAccountant.steps(1, 0, 0.1, 0));
        assertTrue(e.getMessage().startsWith("C1"));
        assertThrows(IllegalArgumentException.class, () -> GradientClippingAccountant.steps(1, 1, Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> GradientClippingAccountant.steps(1, 1, 0.1, Double.POSITIVE_INFINITY));
    }
}
