package org.unlearning.workbench.engine.unlearn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

import java.security.SecureRandom;

/**
 * Gaussian noise ξ ~ N(0, σ² I) for the noisy steps. Owns its own ND4J generator, so runs are
 * reproducible from the seed ({@link #seeded}) and unaffected by other users of ND4J's global RNG;
 * {@link #secure()} seeds the generator from {@link SecureRandom} and never records the seed
 * (for real deletions). Noise is written into a caller-owned buffer: no allocation per step.
 */
public final class NoiseSource implements AutoCloseable {
    private final Random rng;
    private final Long seed;

    private NoiseSource(Random rng, Long seed) {
        this.rng = rng;
        this.seed = seed;
    }

    /** Reproducible noise from {@code seed}. */
    public static NoiseSource seeded(long seed) {
        return new NoiseSource(Nd4j.getRandomFactory().getNewRandomInstance(nativeSeed(seed)), seed);
    }

    /**
     * The seed handed to ND4J's native generator: a SplitMix64 mix of {@code seed}, never 0 —
     * ND4J 1.0.0-M2.1 treats seed 0 as "seed from the clock" (observed: two generators created
     * with seed 0 draw different numbers), which would silently break reproducibility.
     */
    static long nativeSeed(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return z == 0 ? 1 : z;
    }

    /** Noise from a generator seeded by {@link SecureRandom}; the seed is not kept. */
    public static NoiseSource secure() {
        long s = new SecureRandom().nextLong();
        s = s == 0 ? 1 : s;
        return new NoiseSource(Nd4j.getRandomFactory().getNewRandomInstance(s), null);
    }

    /** True for {@link #secure()} sources. */
    public boolean isSecure() {
        return seed == null;
    }

    /** The seed of a seeded source; throws for a secure source. */
    public long seed() {
        if (seed == null) {
            throw new IllegalStateException("secure noise has no recorded seed");
        }
        return seed;
    }

    /** Overwrites {@code buffer} with i.i.d. N(0, σ²) draws; σ = 0 writes zeros. */
    public void fill(INDArray buffer, double sigma) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("noise sigma must be finite and >= 0, got " + sigma);
        }
        if (sigma == 0) {
            buffer.assign(0);
            return;
        }
        Nd4j.getExecutioner().exec(new GaussianDistribution(buffer, 0.0, sigma), rng);
    }

    /** Adds N(0, σ²) noise to every coordinate of {@code target}, using {@code buffer} as scratch. */
    public void addNoise(INDArray target, INDArray buffer, double sigma) {
        if (sigma == 0) {
            return;
        }
        fill(buffer, sigma);
        target.addi(buffer);
    }

    @Override
    public void close() {
        try {
            rng.close();
        } catch (Exception ignored) {
            // releasing the native generator state cannot fail in a way the caller could handle
        }
    }
}
