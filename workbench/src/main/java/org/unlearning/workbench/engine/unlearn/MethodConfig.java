package org.unlearning.workbench.engine.unlearn;

/**
 * Method and its hyper-parameters (names of theory.md; config keys in snake_case).
 *
 * @param type          method
 * @param epsilon       target ε (> 0; ignored for retrain)
 * @param delta         target δ in (0, 1)
 * @param batchSize     noisy-phase minibatch size B (retain set only)
 * @param learningRate  η of the noisy phase (constant)
 * @param weightDecay   λ of the noisy phase
 * @param initClip      C0, radius the original model is clipped to (GC, OP, MC)
 * @param gradClip      C1 (GC; MC before_projection)
 * @param modelClip     C2 (MC)
 * @param sigma         MC: per-step σ (required). GC: fixes σ instead of calibrating it (the achieved
 *                      guarantee is then recomputed). OP: fixes σ of the draw.
 * @param initSigma     MC: σ₀ of the initial draw (default 0)
 * @param steps         GC: fixes T instead of the §4.3 rule (σ is still calibrated for the target
 *                      unless {@code sigma} is fixed too)
 * @param schedule      GC: constant | decreasing
 * @param variant       MC: after_projection | before_projection
 */
public record MethodConfig(MethodKind type, Double epsilon, Double delta, Integer batchSize, Double learningRate,
                           Double weightDecay, Double initClip, Double gradClip, Double modelClip, Double sigma,
                           Double initSigma, Integer steps, String schedule, String variant) {
    public MethodConfig {
        if (type == null) {
            throw new IllegalArgumentException("method.type is missing");
        }
        batchSize = batchSize == null ? 128 : batchSize;
        if (batchSize < 1) {
            throw new IllegalArgumentException("method.batch_size must be >= 1, got " + batchSize);
        }
        epsilon = epsilon == null ? 1.0 : epsilon;
        delta = delta == null ? 1e-5 : delta;
        learningRate = learningRate == null ? 0.0 : learningRate;
        weightDecay = weightDecay == null ? 0.0 : weightDecay;
        initSigma = initSigma == null ? 0.0 : initSigma;
        schedule = schedule == null ? "constant" : schedule;
        variant = variant == null ? "after_projection" : variant;
    }
}
