package org.unlearning.workbench.engine.model;

/** Row-wise softmax cross-entropy on flat float logits, shared by the engine's kernels. */
final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {}

    /**
     * Replaces the logits {@code a[o..o+k)} by their softmax, or by softmax − y (the gradient of the
     * loss with respect to the logits) when {@code subtractTarget}; returns −Σ y log softmax
     * (0 when {@code y} is null). Computed stably in double around the row maximum.
     */
    static double apply(float[] a, int o, int k, float[] y, boolean subtractTarget) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            max = Math.max(max, a[o + i]);
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += Math.exp(a[o + i] - max);
        }
        double logSum = Math.log(sum);
        double loss = 0;
        for (int i = 0; i < k; i++) {
            double logP = a[o + i] - max - logSum;
            float target = y == null ? 0f : y[o + i];
            if (target != 0) {
                loss -= target * logP;
            }
            a[o + i] = (float) (subtractTarget ? Math.exp(logP) - target : Math.exp(logP));
        }
        return loss;
    }
}
