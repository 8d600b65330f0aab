package org.unlearning.workbench.accounting.audit;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistinguishingAuditTest {

    @Test
    void perfectSeparationAtR30AndR20() {
        // R = 30 runs per world → 15 counted per world, TP = 15/15, FP = 0/15, α = 0.05 split → 0.025 each side:
        //   TPR_lo = 0.025^(1/15): ln 0.025 = −3.6888795, /15 = −0.2459253, e^(−0.2459253) = 0.7819806
        //   FPR_hi = 1 − 0.025^(1/15) = 0.2180194
        //   ε̂ = ln(0.7819806 / 0.2180194) = ln 3.586751 = 1.277246   (issue 14: "about 1.3 at R = 30")
        DistinguishingAudit.Evidence e = DistinguishingAudit.evidence(15, 15, 0, 15, 0.05, 0);
        assertEquals(0.7819806, e.tprLower(), 1e-7);
        assertEquals(0.2180194, e.fprUpper(), 1e-7);
        assertEquals(1.277246, e.epsilonHat(), 1e-6);
        assertEquals(0.95, e.confidence(), 1e-15);
        // R = 20 → 10 counted: 0.025^(1/10) = e^(−0.3688879) = 0.6915029, FPR_hi = 0.3084971,
        //   ε̂ = ln(0.6915029 / 0.3084971) = ln 2.241521 = 0.807155   (issue 14: "0.8 at R = 20")
        assertEquals(0.807155, DistinguishingAudit.evidence(10, 10, 0, 10, 0.05, 0).epsilonHat(), 1e-5);
    }

    @Test
    void deltaIsSubtractedFromBothNumerators() {
        // 10/10 vs 0/10 (bounds as above), δ_a = 0.1:
        //   ln((0.6915029 − 0.1) / 0.3084971) = ln(0.5915029 / 0.3084971) = ln 1.917371 = 0.650954
        //   ln((1 − 0.308497 − 0.1) / (1 − 0.691503)) = the same by symmetry
        assertEquals(0.650954, DistinguishingAudit.evidence(10, 10, 0, 10, 0.05, 0.1).epsilonHat(), 1e-6);
        // δ_a ≥ TPR_lo leaves neither term positive: 0
        assertEquals(0.0, DistinguishingAudit.evidence(10, 10, 0, 10, 0.05, 0.7).epsilonHat());
    }

    @Test
    void eachTermCanBeTheMaximum() {
        // 10 W1 runs all above τ, 20 W0 runs none above:
        //   TPR_lo = 0.025^(1/10) = 0.6915029, FPR_hi = 1 − 0.025^(1/20) = 1 − e^(−0.1844440) = 0.1684335
        //   term 1 = ln(0.6915029 / 0.1684335) = ln 4.105502 = 1.412326
        //   term 2 = ln((1 − 0.1684335) / (1 − 0.6915029)) = ln(0.8315665 / 0.3084971) = ln 2.695540 = 0.991599
        assertEquals(1.412326, DistinguishingAudit.evidence(10, 10, 0, 20, 0.05, 0).epsilonHat(), 1e-6);
        // swap the sizes: TPR_lo = 0.8315665, FPR_hi = 0.3084971 → term 1 = 0.991599,
        //   term 2 = ln((1 − 0.3084971) / (1 − 0.8315665)) = ln(0.6915029 / 0.1684335) = 1.412326
        assertEquals(1.412326, DistinguishingAudit.evidence(20, 20, 0, 10, 0.05, 0).epsilonHat(), 1e-6);
    }

    @Test
    void noSeparationProvesNothing() {
        // none right: TPR_lo = 0, FPR_hi = 1 → both numerators ≤ 0
        assertEquals(0.0, DistinguishingAudit.evidence(0, 15, 15, 15, 0.05, 0).epsilonHat());
        // a coin: TP = FP = 5/10 puts TPR_lo below ½ and FPR_hi above ½: both logs negative
        assertEquals(0.0, DistinguishingAudit.evidence(5, 10, 5, 10, 0.05, 0).epsilonHat());
    }

    @Test
    void tinyAuditCannotShowAnything() {
        // R = 2 per world: one run chooses τ, one run is counted. Even a perfect attack gives
        // TPR_lo = 0.025, FPR_hi = 0.975 → ε̂ = 0, and the report's ceiling says so.
        DistinguishingAudit.Result r = DistinguishingAudit.run(new double[] {5, 6}, new double[] {1, 2}, 0.05, 0);
        assertEquals(0.0, r.epsilonHat());
        assertEquals(0.0, r.perfectSeparation());
        assertEquals(1, r.evidence().truePositives());
        assertEquals(0, r.evidence().falsePositives());
        assertEquals(Math.log(2 / 3.0), r.roughCeiling(), 1e-15);
        assertTrue(r.describe().contains("cannot exceed"), r.describe());
    }

    @Test
    void thresholdIsChosenOnTheSelectionHalf() {
        // selection W1 {3, 4}, W0 {1, 2}: midpoints 1.5, 2.5, 3.5; with 2 runs per world every ε̂ is 0,
        // so TPR − FPR decides: 2.5 separates (J = 1)
        assertEquals(2.5, DistinguishingAudit.chooseThreshold(new double[] {4, 3}, new double[] {2, 1}, 0.05, 0));
        // all scores equal: the only threshold is that score
        assertEquals(7.0, DistinguishingAudit.chooseThreshold(new double[] {7, 7}, new double[] {7}, 0.05, 0));
    }

    @Test
    void countsComeFromTheOtherHalfOnly() {
        // R = 30 per world. Selection halves (first 15): W1 = 20..34, W0 = 0..14, perfectly apart: the
        // best threshold is the midpoint 17 of the gap (14, 20). Counted halves (last 15): W1 scores 100
        // (13 runs) and 0 (2 runs), W0 scores 1 (14 runs) and 50 (1 run) → at τ = 17: TP = 13/15, FP = 1/15.
        double[] w1 = new double[30];
        double[] w0 = new double[30];
        for (int i = 0; i < 15; i++) {
            w1[i] = 20 + i;
            w0[i] = i;
        }
        for (int i = 15; i < 30; i++) {
            w1[i] = i < 28 ? 100 : 0;
            w0[i] = i < 29 ? 1 : 50;
        }
        DistinguishingAudit.Result r = DistinguishingAudit.run(w1, w0, 0.05, 1e-5);
        assertEquals(17.0, r.threshold());
        assertEquals(13, r.evidence().truePositives());
        assertEquals(15, r.evidence().positives());
        assertEquals(1, r.evidence().falsePositives());
        assertEquals(15, r.evidence().negatives());
        assertEquals(15, r.selectionW1());
        assertEquals(DistinguishingAudit.evidence(13, 15, 1, 15, 0.05, 1e-5).epsilonHat(), r.epsilonHat());
        assertTrue(r.epsilonHat() > 0 && r.epsilonHat() < r.perfectSeparation(), r.describe());
        assertEquals(Math.log(10), r.roughCeiling(), 1e-15);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> DistinguishingAudit.run(new double[] {1}, new double[] {1, 2}, 0.05, 0));
        assertThrows(IllegalArgumentException.class,
                () -> DistinguishingAudit.run(new double[] {1, Double.NaN}, new double[] {1, 2}, 0.05, 0));
        assertThrows(IllegalArgumentException.class, () -> DistinguishingAudit.evidence(1, 2, 0, 2, 0.05, 1.0));
        assertThrows(IllegalArgumentException.class, () -> DistinguishingAudit.evidence(1, 2, 0, 2, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> DistinguishingAudit.evidence(3, 2, 0, 2, 0.05, 0));
    }

    @Property(tries = 300)
    void moreTruePositivesOrFewerFalsePositivesNeverLowerEpsilon(
            @ForAll @IntRange(min = 1, max = 60) int n1, @ForAll @IntRange(min = 0, max = 60) int tp,
            @ForAll @IntRange(min = 1, max = 60) int n0, @ForAll @IntRange(min = 0, max = 60) int fp,
            @ForAll @DoubleRange(min = 0, max = 0.2) double delta) {
        Assume.that(tp < n1 && fp <= n0 && fp >= 1);
        double e = DistinguishingAudit.evidence(tp, n1, fp, n0, 0.05, delta).epsilonHat();
        assertTrue(e >= 0);
        assertTrue(DistinguishingAudit.evidence(tp + 1, n1, fp, n0, 0.05, delta).epsilonHat() >= e);
        assertTrue(DistinguishingAudit.evidence(tp, n1, fp - 1, n0, 0.05, delta).epsilonHat() >= e);
        // and nothing beats perfect separation at the same sizes
        assertTrue(DistinguishingAudit.evidence(n1, n1, 0, n0, 0.05, delta).epsilonHat() >= e);
    }

    @Property(tries = 100)
    void perfectSeparationCeilingGrowsWithRuns(@ForAll @IntRange(min = 1, max = 500) int n) {
        // 0 up to 5 counted runs per world (0.025^(1/5) = 0.478 < ½), then strictly growing
        double e = DistinguishingAudit.evidence(n, n, 0, n, 0.05, 0).epsilonHat();
        double next = DistinguishingAudit.evidence(n + 1, n + 1, 0, n + 1, 0.05, 0).epsilonHat();
        assertTrue(n < 5 ? next == 0 : next > e, n + ": " + e + " → " + next);
    }
}
