package org.unlearning.workbench.engine.noise;

/** A stream of uniformly distributed 64-bit words, produced in blocks. */
abstract class UniformWords {
    /** Words per block: 16 KiB of keystream per cipher call. */
    static final int BLOCK = 2048;

    /** Overwrites {@code out[0..BLOCK)} with the next words of the stream. */
    abstract void nextBlock(long[] out);

    /** Where the words come from, for {@link GaussianNoise#describe()}. */
    abstract String describe();

    abstract boolean isSecure();

    /** Forgets any key material. */
    void destroy() {}
}
