package org.unlearning.workbench.engine.noise;

import java.util.SplittableRandom;

/**
 * Reproducible words from {@link SplittableRandom} (SplitMix64, specified by the JDK, so the same
 * seed gives the same words on every JVM). Predictable by anyone holding the seed: demonstration only.
 */
final class SeededWords extends UniformWords {
    private final SplittableRandom rng;

    SeededWords(long seed) {
        this.rng = new SplittableRandom(seed);
    }

    @Override
    void nextBlock(long[] out) {
        for (int i = 0; i < BLOCK; i++) {
            out[i] = rng.nextLong();
        }
    }

    @Override
    String describe() {
        return "SplittableRandom (SplitMix64) from a recorded seed: reproducible, predictable, not a guarantee";
    }

    @Override
    boolean isSecure() {
        return false;
    }
}
