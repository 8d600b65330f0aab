package org.unlearning.workbench.engine.run;

import java.util.List;
import java.util.Map;

/**
 * {@code summary.json}: final accuracies (null when not measured, e.g. no validation set) of the last
 * released model, compute spent, and — when the retrain baseline ran — its figures and the compute
 * savings; one entry per deletion request.
 *
 * @param statusLine         the run's status in words (the same line as the CLI and the certificate)
 * @param utilityWarning     warning beside the status (released model near chance accuracy), or null
 * @param requestsPlanned    deletion requests the run was asked to process
 * @param examplesProcessed  gradient evaluations of the unlearning run (all requests)
 * @param noisyExamples      of which in noisy phases
 * @param stepsCompleted     optimisation steps completed
 * @param retrain            retrain baseline figures (last request), or null if it did not run
 * @param computeSavings     savings against retraining at a target accuracy, or null without baseline
 * @param costVsRetrain      the run's wall time and examples as fractions of the baselines', or null
 * @param forgetMiaAuc       loss-threshold membership-inference AUC, forget vs test set, per model
 *                           ({@link MembershipInference}); null when not measured
 * @param forgetMiaBalancedAccuracy the same attack's best balanced accuracy, per model
 * @param miaAucGapToRetrain |unlearned − retrained| AUC, or null if the baseline did not run
 * @param miaNote            what the membership-inference figures mean
 * @param requests           per deletion request: sizes, status, guarantee, figures
 * @param stopReason         why the run stopped before its last request, or null
 * @param gradientClip       the gradient clip of the method's noisy steps (for gradient-norm charts), or null
 */
public record RunSummary(String method, CertificateStatus status, String statusLine, String utilityWarning,
                         int requestsPlanned, Double testAccuracy,
                         Double testLoss, Double retainAccuracy, Double forgetAccuracy, Double validationAccuracy,
                         long examplesProcessed, long noisyExamples, int stepsCompleted, double wallSeconds,
                         BaselineFigures retrain, ComputeSavings computeSavings, CostVsRetrain costVsRetrain,
                         ByModel forgetMiaAuc, ByModel forgetMiaBalancedAccuracy, Double miaAucGapToRetrain,
                         String miaNote, List<RequestFigures> requests, String stopReason, Double gradientClip) {
    public RunSummary {
        requests = List.copyOf(requests);
    }

    /** One figure for the original, the unlearned and (null if it did not run) the retrained model. */
    public record ByModel(Double original, Double unlearned, Double retrain) {}

    /** Wall time and examples of the run as fractions of the retrain baselines' (all requests). */
    public record CostVsRetrain(double timeFraction, double examplesFraction) {}

    /** One request in summary.json. */
    public record RequestFigures(int request, int forgetSize, int retainSize, CertificateStatus status,
                                 String statusLine, String reason,
                                 Double epsilon, Double delta, Double sigma, Double testAccuracy,
                                 Double retainAccuracy, Double forgetAccuracy, long examplesProcessed,
                                 double wallSeconds, BaselineFigures retrain, Double distanceToOriginal,
                                 Double distanceToRetrain, Map<String, Double> diagnostics) {
        public static RequestFigures of(Release r) {
            EvaluationMetrics e = r.evaluation();
            Certificate c = r.certificate();
            return new RequestFigures(r.request(), r.forgetSize(), r.retainSize(), c.status(), c.statusLine(), c.reason(),
                    c.epsilon(), c.delta(), c.sigma(), e == null ? null : finite(e.testAccuracy()),
                    e == null ? null : finite(e.retainAccuracy()), e == null ? null : finite(e.forgetAccuracy()),
                    r.examplesProcessed(), r.wallSeconds(), r.retrain(), r.distanceToOriginal(),
                    r.distanceToRetrain(), r.diagnostics());
        }
    }

    /** This summary with membership-inference figures; {@code retrain} may be null (no baseline). */
    public RunSummary withMembershipInference(MembershipInference.Result original, MembershipInference.Result unlearned,
                                              MembershipInference.Result retrain) {
        ByModel auc = new ByModel(original.auc(), unlearned.auc(), retrain == null ? null : retrain.auc());
        ByModel bal = new ByModel(original.bestBalancedAccuracy(), unlearned.bestBalancedAccuracy(),
                retrain == null ? null : retrain.bestBalancedAccuracy());
        Double gap = retrain == null ? null : Math.abs(unlearned.auc() - retrain.auc());
        return new RunSummary(method, status, statusLine, utilityWarning, requestsPlanned, testAccuracy, testLoss, retainAccuracy, forgetAccuracy,
                validationAccuracy, examplesProcessed, noisyExamples, stepsCompleted, wallSeconds, this.retrain,
                computeSavings, costVsRetrain, auc, bal, gap, MembershipInference.NOTE, requests, stopReason, gradientClip);
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
