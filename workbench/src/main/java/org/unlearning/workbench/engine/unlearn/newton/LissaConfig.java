package org.unlearning.workbench.engine.unlearn.newton;

/**
 * LiSSA hyper-parameters (§9.2). Paper-B code defaults: s1 = 10, s2 = 1000, H = 1000, b = 10.
 *
 * @param repetitions         s1, independent repetitions averaged (≥ 1)
 * @param depth               s2, recursion depth (≥ 1)
 * @param scale               H, must exceed half the largest eigenvalue of the (mini-batch)
 *                            Hessian, otherwise the recursion diverges
 * @param batchSize           b, Hessian mini-batch size, drawn with replacement from the retain set
 * @param seed                seed of the batch sampling
 * @param divergenceNormLimit the recursion is declared divergent when ‖h_j‖ exceeds this
 *                            (a convergent recursion stays below ≈ H‖g‖/μ_min; +∞ disables)
 */
public record LissaConfig(int repetitions, int depth, double scale, int batchSize, long seed,
                          double divergenceNormLimit) {

    public LissaConfig {
        if (repetitions < 1) {
            throw new IllegalArgumentException("LiSSA repetitions s1 must be >= 1, got " + repetitions);
        }
        if (depth < 1) {
            throw new IllegalArgumentException("LiSSA depth s2 must be >= 1, got " + depth);
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("LiSSA scale H must be finite and > 0, got " + scale);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("LiSSA Hessian batch size b must be >= 1, got " + batchSize);
        }
        if (!(divergenceNormLimit > 0)) {
            throw new IllegalArgumentException("divergence norm limit must be > 0, got " + divergenceNormLimit);
        }
    }

    public LissaConfig(int repetitions, int depth, double scale, int batchSize, long seed) {
        this(repetitions, depth, scale, batchSize, seed, Double.POSITIVE_INFINITY);
    }

    /** The authors' defaults s1 = 10, s2 = 1000, H = 1000, b = 10. */
    public static LissaConfig paperDefaults(long seed) {
        return new LissaConfig(10, 1000, 1000, 10, seed);
    }

    public LissaConfig withDivergenceNormLimit(double limit) {
        return new LissaConfig(repetitions, depth, scale, batchSize, seed, limit);
    }
}
