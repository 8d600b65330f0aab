package org.unlearning.workbench.engine.unlearn.dpsgd;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearning.workbench.engine.model.WorkbenchModel;

/**
 * The sum of per-example gradients, each clipped to norm C (theory.md §8.3: DP-SGD clips every
 * example's gradient of its cross-entropy, then sums) — the one quantity DP-SGD adds noise to.
 */
interface PerExampleGradients {
    /**
     * Writes Σ_i Π_C(∇ℓ_i) into {@code sum} (flat, the model's layout) and returns the batch's facts.
     *
     * @param features [b, d] features of the sampled examples (b ≥ 1)
     * @param labels   [b, classes] one-hot labels
     * @param clip     C &gt; 0
     */
    Batch clippedSum(INDArray features, INDArray labels, double clip, INDArray sum);

    /**
     * What one batch did.
     *
     * @param norms       per-example gradient norms before clipping
     * @param meanLoss    mean cross-entropy of the batch
     * @param accuracy    batch accuracy
     */
    record Batch(double[] norms, double meanLoss, double accuracy) {}

    /** The closed form for dense ReLU networks, else one backward pass per example. */
    static PerExampleGradients of(WorkbenchModel model) {
        return DenseClosedForm.supports(model) ? new DenseClosedForm(model) : new ExampleLoop(model);
    }

    /** Clip factor min(1, C/‖g‖) with the engine's safety margin (the clipped norm never exceeds C). */
    static double factor(double norm, double clip) {
        return org.unlearning.workbench.engine.unlearn.ParameterOps.clipFactor(norm, clip);
    }
}
