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
 * @param forgetMiaAuc       loss-threshold membership-inference AUC, forget vs test set, per model
 *                           ({@link MembershipInference}); null when not measured
 * @param forgetMiaBalancedAccuracy the same attack's best balanced accuracy, per model
 * @param miaAucGapToRetrain |unlearned − retrained| AUC, or null if the baseline did not run
 * @param miaNote            what the membership-inference figures mean
 */
public record RunSummary(String method, CertificateStatus status, Double testAccuracy, Double testLoss,
                         Double retainAccuracy, Double forgetAccuracy, Double validationAccuracy,
                         long examplesProcessed, long noisyExamples, int stepsCompleted, double wallSeconds,
                         BaselineFigures retrain, ComputeSavings computeSavings,
                         ByModel forgetMiaAuc, ByModel forgetMiaBalancedAccuracy, Double miaAucGapToRetrain,
                         String miaNote) {

    /** One figure for the original, the unlearned and (null if it did not run) the retrained model. */
    public record ByModel(Double original, Double unlearned, Double retrain) {}

    /** Summary of a run whose last evaluation point is {@code last}. */
    public static RunSummary of(String method, CertificateStatus status, EvaluationMetrics last,
                                long examplesProcessed, long noisyExamples, int stepsCompleted, double wallSeconds,
                                BaselineFigures retrain, ComputeSavings savings) {
        if (last == null) {
            return new RunSummary(method, status, null, null, null, null, null, examplesProcessed, noisyExamples,
                    stepsCompleted, wallSeconds, retrain, savings, null, null, null, null);
        }
        return new RunSummary(method, status, finite(last.testAccuracy()), finite(last.testLoss()),
                finite(last.retainAccuracy()), finite(last.forgetAccuracy()), finite(last.validationAccuracy()),
                examplesProcessed, noisyExamples, stepsCompleted, wallSeconds, retrain, savings, null, null, null, null);
    }

    /** This summary with membership-inference figures; {@code retrain} may be null (no baseline). */
    public RunSummary withMembershipInference(MembershipInference.Result original, MembershipInference.Result unlearned,
                                              MembershipInference.Result retrain) {
        ByModel auc = new ByModel(original.auc(), unlearned.auc(), retrain == null ? null : retrain.auc());
        ByModel bal = new ByModel(original.bestBalancedAccuracy(), unlearned.bestBalancedAccuracy(),
                retrain == null ? null : retrain.bestBalancedAccuracy());
        Double gap = retrain == null ? null : Math.abs(unlearned.auc() - retrain.auc());
        return new RunSummary(method, status, testAccuracy, testLoss, retainAccuracy, forgetAccuracy,
                validationAccuracy, examplesProcessed, noisyExamples, stepsCompleted, wallSeconds, this.retrain,
                computeSavings, auc, bal, gap, MembershipInference.NOTE);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
