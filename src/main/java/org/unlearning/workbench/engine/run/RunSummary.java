package org.unlearning.workbench.engine.run;

/**
 * {@code summary.json}: final accuracies (null when not measured, e.g. no validation set) of the unlearned model, compute spent, and — when the
 * retrain baseline ran — its figures and the compute savings.
 *
 * @param examplesProcessed  gradient evaluations of the unlearning run (noisy + fine-tune)
 * @param noisyExamples      of which in the noisy phase
 * @param stepsCompleted     optimisation steps completed (noisy + fine-tune)
 * @param retrain            retrain baseline figures, or null if it did not run
 * @param computeSavings     savings against retraining, or null if the baseline did not run
 */
public record RunSummary(String method, CertificateStatus status, Double testAccuracy, Double testLoss,
                         Double retainAccuracy, Double forgetAccuracy, Double validationAccuracy,
                         long examplesProcessed, long noisyExamples, int stepsCompleted, double wallSeconds,
                         BaselineFigures retrain, ComputeSavings computeSavings) {

    /** Summary of a run whose last evaluation point is {@code last}. */
    public static RunSummary of(String method, CertificateStatus status, EvaluationMetrics last,
                                long examplesProcessed, long noisyExamples, int stepsCompleted, double wallSeconds,
                                BaselineFigures retrain, ComputeSavings savings) {
        if (last == null) {
            return new RunSummary(method, status, null, null, null, null, null, examplesProcessed, noisyExamples,
                    stepsCompleted, wallSeconds, retrain, savings);
        }
        return new RunSummary(method, status, finite(last.testAccuracy()), finite(last.testLoss()),
                finite(last.retainAccuracy()), finite(last.forgetAccuracy()), finite(last.validationAccuracy()),
                examplesProcessed, noisyExamples, stepsCompleted, wallSeconds, retrain, savings);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
