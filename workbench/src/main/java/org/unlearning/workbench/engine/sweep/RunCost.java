package org.unlearning.workbench.engine.sweep;

import org.unlearning.workbench.engine.unlearn.Calibration;
import org.unlearning.workbench.engine.unlearn.UnlearningConfig;

/**
 * A rough single-worker time of one run, from its plan, for the estimate shown before a sweep
 * starts: the noisy steps, the fine-tune and (when asked) retrain-baseline steps and their
 * evaluation points, at per-step costs measured on the bundled MNIST on this project's 2-core
 * machine under light load (docs/sweeps.md). The live ETA replaces it once runs finish.
 */
final class RunCost {
    /** Loading the data and the original, writing the folder, the membership-inference attack. */
    private static final double FIXED_SECONDS = 1.5;
    /** One SGD step of a dense model on a batch of 128 (mlp-5 … mlp-100). */
    private static final double DENSE_STEP_SECONDS = 0.002;
    /** One step of cnn-small. */
    private static final double CONV_STEP_SECONDS = 0.05;
    /** One evaluation point (test and retain accuracy of the bundled data). */
    private static final double EVALUATION_SECONDS = 0.08;

    private RunCost() {}

    static double seconds(UnlearningConfig c, Calibration plan, int retainSize) {
        int batch = Math.max(1, c.fineTune().batchSize());
        long perEpoch = (retainSize + batch - 1) / batch;
        int passes = c.retrainBaseline() && c.method().key().equals("retrain") ? 1 : c.retrainBaseline() ? 2 : 1;
        long steps = plan.noisySteps() + (long) c.fineTune().epochs() * perEpoch * passes;
        long evaluations = (long) c.fineTune().epochs() * c.evaluationsPerEpoch() * passes;
        boolean dense = c.model().architecture() == null || c.model().architecture().startsWith("mlp");
        return FIXED_SECONDS + steps * (dense ? DENSE_STEP_SECONDS : CONV_STEP_SECONDS) + evaluations * EVALUATION_SECONDS;
    }
}
