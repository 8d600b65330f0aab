package org.unlearning.workbench.engine.run;

/** Final figures of the retrain baseline, reported next to the unlearning run in the summary. */
public record BaselineFigures(double testAccuracy, double retainAccuracy, double forgetAccuracy,
                              double validationAccuracy, long examplesProcessed, double wallSeconds) {
    public static BaselineFigures of(EvaluationMetrics last, double wallSeconds) {
        return new BaselineFigures(last.testAccuracy(), last.retainAccuracy(), last.forgetAccuracy(),
                last.validationAccuracy(), last.examplesProcessed(), wallSeconds);
    }
}
