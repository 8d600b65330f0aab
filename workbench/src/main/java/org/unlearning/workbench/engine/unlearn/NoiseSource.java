package org.unlearning.workbench.engine.unlearn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearning.workbench.engine.noise.GaussianNoise;

import java.util.SplittableRandom;

/**
 * Gaussian noise ξ ~ N(0, σ² I) for the noisy steps. Runs draw from a {@link GaussianNoise}
 * ({@link #of}: the secure AES-CTR/DRBG generator, or the seeded demonstration one, theory.md §14);
 * {@link #seeded} (a {@link SplittableRandom}, JDK 17 {@code nextGaussian}) remains for reproducible
 * randomness outside the noisy phase (original training) and as the benchmark's reference. Noise
 * is written in place (no allocation per step).
 */
public final class NoiseSource implements AutoCloseable {
    private final SplittableRandom rng;
    private final Long seed;
    private final GaussianNoise generator; // when set, draws come from it instead of rng

    private NoiseSource(SplittableRandom rng, Long seed) {
        this.rng = rng;
        this.seed = seed;
        this.generator = null;
    }

    private NoiseSource(GaussianNoise generator) {
        this.rng = null;
        this.seed = null;
        this.generator = generator;
    }

    /**
     * Draws from {@code generator} ({@code engine.noise}); {@link #isSecure()} follows it, no seed.
     * Closing this source closes the generator.
     */
    public static NoiseSource of(GaussianNoise generator) {
        return new NoiseSource(generator);
    }

    /** Reproducible noise from {@code seed}. */
    public static NoiseSource seeded(long seed) {
        return new NoiseSource(new SplittableRandom(seed), seed);
    }

    /** True only for a cryptographically secure generator. */
    public boolean isSecure() {
        return generator != null && generator.isSecure();
    }

    /** The seed of a seeded source; throws for a secure source. */
    public long seed() {
        if (seed == null) {
            throw new IllegalStateException("secure noise has no recorded seed");
        }
        return seed;
    }

    /** One standard normal draw. */
    public double nextGaussian() {
        return generator != null ? generator.next() : rng.nextGaussian();
    }

    /**
     * Writes the next {@code n} standard normal draws into {@code out[0..n)} in bulk: the same
     * sequence as {@code n} calls of {@link #nextGaussian()}.
     */
    public void fillStandard(double[] out, int n) {
        if (generator != null) {
            generator.fill(out, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = rng.nextGaussian();
            }
        }
    }

    /** Overwrites {@code buffer} with i.i.d. N(0, σ²) draws; σ = 0 writes zeros. */
    public void fill(INDArray buffer, double sigma) {
        checkSigma(sigma);
        if (FlatBuffers.direct(buffer)) {
            FlatBuffers.Access b = FlatBuffers.access(buffer);
            int n = (int) buffer.length();
            for (int i = 0; i < n; i++) {
                b.set(i, sigma == 0 ? 0 : sigma * nextGaussian());
            }
        } else {
            for (long i = 0; i < buffer.length(); i++) {
                buffer.putScalar(i, sigma == 0 ? 0 : sigma * nextGaussian());
            }
        }
    }

    /** Adds N(0, σ²) noise to every coordinate of {@code target}; {@code buffer} is scratch for non-direct targets. */
    public void addNoise(INDArray target, INDArray buffer, double sigma) {
        checkSigma(sigma);
        if (sigma == 0) {
            return;
        }
        if (FlatBuffers.direct(target)) {
            FlatBuffers.Access x = FlatBuffers.access(target);
            int n = (int) target.length();
            for (int i = 0; i < n; i++) {
                x.set(i, x.get(i) + sigma * nextGaussian());
            }
        } else {
            fill(buffer, sigma);
            target.addi(buffer);
        }
    }

    private static void checkSigma(double sigma) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("noise sigma must be finite and >= 0, got " + sigma);
        }
    }

    @Override
    public void close() {
        if (generator != null) {
            generator.close();
        }
    }
}
