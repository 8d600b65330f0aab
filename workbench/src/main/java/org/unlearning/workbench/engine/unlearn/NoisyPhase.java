package org.unlearning.workbench.engine.unlearn;

/** Shared rules of noisy phases. */
public final class NoisyPhase {
    private NoisyPhase() {}

    /** Evaluate at least every 10 % of the noisy phase (issue 4). */
    public static int evaluationInterval(int noisySteps) {
        return Math.max(1, noisySteps / 10);
    }
}
