package org.unlearning.workbench.engine.run;

import java.util.List;

/**
 * What a run is about to do, known before its first step (for progress bars and charts).
 *
 * @param method          method key ({@code gradient_clipping}, ...)
 * @param requests        deletion requests processed one after the other (≥ 1)
 * @param noisySteps      calibrated noisy steps T per request (0 for methods without a noisy phase)
 * @param sigmaFirst      σ of the first noisy step (or of a single draw), 0 if none
 * @param sigmaLast       σ of the last noisy step, 0 if none
 * @param fineTuneSteps   planned fine-tune steps per request (upper bound when the budget is a target accuracy)
 * @param retrainSteps    planned steps of the retrain baseline per request (0 if it does not run)
 * @param stepsPerEpoch   retain-set minibatches per epoch
 * @param privacyLabel    what the ledger's running privacy state is (chart label)
 * @param clipThreshold   the method's gradient clip for the gradient-norm chart, or null
 * @param notes           human-readable lines about the calibration (shown in logs)
 */
public record RunPlan(String method, int requests, int noisySteps, double sigmaFirst, double sigmaLast,
                      int fineTuneSteps, int retrainSteps, int stepsPerEpoch, String privacyLabel,
                      Double clipThreshold, List<String> notes) {
    public RunPlan {
        notes = List.copyOf(notes);
    }

    /** No optimisation steps to plot per step (one-shot updates): charts go per deletion request. */
    public boolean perRequest() {
        return noisySteps == 0 && fineTuneSteps == 0;
    }
}
