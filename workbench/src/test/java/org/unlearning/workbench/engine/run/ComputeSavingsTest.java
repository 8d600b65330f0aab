package org.unlearning.workbench.engine.run;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComputeSavingsTest {
    static EvaluationMetrics at(long examples, double testAccuracy) {
        return new EvaluationMetrics(0, RunPhase.FINE_TUNE, examples, 0, testAccuracy, 0, 0, 0, 0, 0, 0, 0, true);
    }

    @Test
    void savingsAreOneMinusTheRatioOfExamplesToReachTheTarget() {
        List<EvaluationMetrics> unlearn = List.of(at(0, 0.1), at(100, 0.85), at(200, 0.9));
        List<EvaluationMetrics> retrain = List.of(at(0, 0.1), at(100, 0.5), at(300, 0.8), at(400, 0.86), at(500, 0.9));
        assertEquals(0.89, ComputeSavings.defaultTarget(retrain), 1e-12);
        ComputeSavings s = ComputeSavings.of(0.85, unlearn, retrain);
        assertEquals(100, s.unlearnExamples());
        assertEquals(400, s.retrainExamples());
        assertEquals(0.75, s.savings(), 1e-12);
        assertTrue(s.reached());
    }

    @Test
    void pointsBeforeTheNoisyPhaseCompletesNeverCount() {
        EvaluationMetrics clippedOriginal = new EvaluationMetrics(0, RunPhase.INITIAL, 0, 0, 0.9, 0, 0, 0, 0, 0, 0, 0,
                false);
        ComputeSavings s = ComputeSavings.of(0.85, List.of(clippedOriginal, at(300, 0.86)), List.of(at(400, 0.86)));
        assertEquals(300, s.unlearnExamples());
        assertEquals(0.25, s.savings(), 1e-12);
    }

    @Test
    void notReachedIsAValidAnswer() {
        ComputeSavings s = ComputeSavings.of(0.95, List.of(at(10, 0.9)), List.of(at(10, 0.96)));
        assertNull(s.unlearnExamples());
        assertNull(s.savings());
        assertFalse(s.reached());
        assertTrue(s.describe().contains("not reached"));
    }
}
