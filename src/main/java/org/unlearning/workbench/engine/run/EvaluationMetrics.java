package org.unlearning.workbench.engine.run;

/**
 * Accuracy and mean cross-entropy on the four sets at an evaluation point (after the initial
 * clip, at least every 10 % of the noisy phase, after every fine-tune epoch).
 *
 * @param step              number of steps done in the run when evaluated
 * @param phase             phase that just ran
 * @param examplesProcessed gradient evaluations so far
 * @param wallSeconds       wall time since the run started
 */
public record EvaluationMetrics(int step, RunPhase phase, long examplesProcessed, double wallSeconds,
                                double testAccuracy, double testLoss,
                                double retainAccuracy, double retainLoss,
                                double forgetAccuracy, double forgetLoss,
                                double validationAccuracy, double validationLoss) {
}
