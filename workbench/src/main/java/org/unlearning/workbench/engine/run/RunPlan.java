package org.unlearning.workbench.engine.run;

import java.util.List;

/**
 * What a run is about to do, known before its first step (for progress bars and charts).
 *
 * @param method          method id ({@code gradient_clipping}, ...)
 * @param noisySteps      calibrated number of noisy steps T (0 for methods without a noisy phase)
 * @param sigmaFirst      σ of the first noisy step (or of the output-perturbation draw), 0 if none
 * @param sigmaLast       σ of the last noisy step, 0 if none
 * @param fineTuneSteps   planned fine-tune steps (upper bound when the budget is a target accuracy)
 * @param retrainSteps    planned steps of the retrain baseline (0 if it does not run)
 * @param stepsPerEpoch   retain-set minibatches per epoch
 * @param notes           human-readable lines about the calibration (shown in logs)
 */
public record RunPlan(String method, int noisySteps, double sigmaFirst, double sigmaLast,
                      int fineTuneSteps, int retrainSteps, int stepsPerEpoch, List<String> notes) {
    public RunPlan {
        notes = List.copyOf(notes);
    }
}
