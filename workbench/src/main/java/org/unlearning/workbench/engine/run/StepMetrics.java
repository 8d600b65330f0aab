package org.unlearning.workbench.engine.run;

/**
 * What one optimisation step reports to listeners.
 *
 * @param step               0-based index within the run (noisy steps first, then fine-tune steps)
 * @param phase              phase of the step
 * @param loss               mean cross-entropy of the minibatch at the parameters before the step
 * @param batchAccuracy      accuracy on the same minibatch, before the step
 * @param gradientNorm       L2 norm of the minibatch mean gradient before clipping
 * @param clipFactor         factor applied to the gradient, {@code min(1, C1/‖g‖)}; 1 if no clip
 * @param modelNorm          L2 norm of the parameters after the step
 * @param sigma              noise standard deviation of this step (0 for noise-free steps)
 * @param privacyState       the method's running ledger after this step (ρ_R of gradient clipping,
 *                           δ_t of model clipping, …), or null
 * @param examplesProcessed  gradient evaluations (examples) so far, this phase included
 * @param wallSeconds        wall time since the run started
 */
public record StepMetrics(int step, RunPhase phase, double loss, double batchAccuracy,
                          double gradientNorm, double clipFactor, double modelNorm, double sigma,
                          Double privacyState, long examplesProcessed, double wallSeconds) {
}
