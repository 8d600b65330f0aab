package org.unlearning.workbench.engine.run;

import java.util.List;
import java.util.OptionalLong;

/**
 * Compute savings against retraining for a target test accuracy A (issue 4):
 * {@code 1 − examples_unlearn(A) / examples_retrain(A)}, where examples(A) is the number of
 * gradient evaluations after which a run's test accuracy first reached A at an evaluation point.
 * "Not reached" (by either run) is a valid answer: {@link #savings()} is then null.
 *
 * @param targetAccuracy   A, in [0, 1]
 * @param unlearnExamples  examples the unlearning run needed, or null if it never reached A
 * @param retrainExamples  examples retraining needed, or null if it never reached A
 * @param savings          1 − unlearn/retrain, or null when either did not reach A
 */
public record ComputeSavings(double targetAccuracy, Long unlearnExamples, Long retrainExamples, Double savings) {

    /** Computes the savings from the two runs' evaluation points. */
    public static ComputeSavings of(double targetAccuracy, List<EvaluationMetrics> unlearn,
                                    List<EvaluationMetrics> retrain) {
        if (!(targetAccuracy >= 0 && targetAccuracy <= 1)) {
            throw new IllegalArgumentException("target accuracy must be in [0, 1], got " + targetAccuracy);
        }
        Long u = boxed(examplesToReach(targetAccuracy, unlearn));
        Long r = boxed(examplesToReach(targetAccuracy, retrain));
        Double s = (u == null || r == null || r == 0) ? null : 1.0 - (double) u / r;
        return new ComputeSavings(targetAccuracy, u, r, s);
    }

    /**
     * The savings of a release: as {@link #of}, but no savings claim unless the released model's own
     * test accuracy reaches the target (whatever an intermediate evaluation point reached).
     */
    public static ComputeSavings ofRelease(double targetAccuracy, List<EvaluationMetrics> unlearn,
                                           List<EvaluationMetrics> retrain, Double releasedTestAccuracy) {
        ComputeSavings s = of(targetAccuracy, unlearn, retrain);
        return releasedTestAccuracy != null && releasedTestAccuracy >= targetAccuracy ? s
                : new ComputeSavings(targetAccuracy, null, s.retrainExamples(), null);
    }

    /** Default target: the retrain baseline's final test accuracy minus one point (issue 4). */
    public static double defaultTarget(List<EvaluationMetrics> retrain) {
        if (retrain.isEmpty()) {
            throw new IllegalArgumentException("retrain baseline has no evaluation points");
        }
        return Math.max(0.0, retrain.get(retrain.size() - 1).testAccuracy() - 0.01);
    }

    /** First releasable evaluation point whose test accuracy is ≥ A, as examples processed. */
    public static OptionalLong examplesToReach(double targetAccuracy, List<EvaluationMetrics> points) {
        for (EvaluationMetrics e : points) {
            if (e.releasable() && e.testAccuracy() >= targetAccuracy) {
                return OptionalLong.of(e.examplesProcessed());
            }
        }
        return OptionalLong.empty();
    }

    /** True when both runs reached the target. */
    public boolean reached() {
        return savings != null;
    }

    /** One line for logs and the CLI. */
    public String describe() {
        if (!reached()) {
            return String.format("compute savings at test accuracy %.2f%%: not reached (%s)", 100 * targetAccuracy,
                    unlearnExamples == null ? "the released model does not reach it: no savings are claimed" : "retraining did not reach it");
        }
        return String.format("compute savings at test accuracy %.2f%%: %.1f%% (%d vs %d examples)",
                100 * targetAccuracy, 100 * savings, unlearnExamples, retrainExamples);
    }

    private static Long boxed(OptionalLong v) {
        return v.isPresent() ? v.getAsLong() : null;
    }
}
