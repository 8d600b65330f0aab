package org.unlearning.workbench.engine.run;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The utility warning beside the status (test accuracy within 2 points of chance) and the rule
 * that no savings are claimed when the released model does not reach the target accuracy.
 */
class UtilityWarningTest {
    private static EvaluationMetrics at(long examples, double testAccuracy) {
        return new EvaluationMetrics(1, RunPhase.FINE_TUNE, examples, 1, testAccuracy, 1, 0.5, 1, 0.5, 1, 0.5, 1, true);
    }

    @Test
    void aReleaseWithinTwoPointsOfChanceIsFlagged() {
        String w = UnlearningPipeline.utilityWarning(at(10, 0.11), 10);
        assertTrue(w != null && w.startsWith("utility warning: test accuracy 11.0% is within 2 points of chance (10.0%)"),
                w);
        assertTrue(UnlearningPipeline.utilityWarning(at(10, Double.NaN), 10).contains("not measurable"));
        assertNull(UnlearningPipeline.utilityWarning(at(10, 0.125), 10));
        assertNull(UnlearningPipeline.utilityWarning(at(10, 0.87), 10));
    }

    @Test
    void savingsNeedTheReleasedModelToReachTheTarget() {
        // an intermediate point reached 80 %, the release ends at 60 %: no savings claim
        List<EvaluationMetrics> curve = List.of(at(100, 0.81), at(200, 0.6));
        List<EvaluationMetrics> retrain = List.of(at(1000, 0.85));
        assertTrue(ComputeSavings.of(0.8, curve, retrain).reached(), "the curve alone would claim savings");
        ComputeSavings none = ComputeSavings.ofRelease(0.8, curve, retrain, 0.6);
        assertNull(none.savings());
        assertEquals(0.9, ComputeSavings.ofRelease(0.8, curve, retrain, 0.81).savings(), 1e-12);
        assertEquals(1000L, none.retrainExamples());
        assertTrue(none.describe().contains("no savings are claimed"), none.describe());
    }
}
