package org.unlearning.workbench.engine.run;

/**
 * Accuracy and mean cross-entropy on the four sets at an evaluation point (after the initial
 * clip, at least every 10 % of the noisy phase, after every fine-tune epoch).
 *
 * @param step              number of steps done in the run when evaluated
 * @param phase             phase that just ran
 * @param examplesProcessed gradient evaluations so far
 * @param wallSeconds       wall time since the run started
 * @param releasable        the model at this point carries the run's guarantee (its noisy phase is
 *                          complete); points before that (e.g. the clipped original before the noisy
 *                          steps) are shown but never count for compute savings
 */
public record EvaluationMetrics(int step, RunPhase phase, long examplesProcessed, double wallSeconds,
                                double testAccuracy, double testLoss,
                                double retainAccuracy, double retainLoss,
                                double forgetAccuracy, double forgetLoss,
                                double validationAccuracy, double validationLoss, boolean releasable) {
}
