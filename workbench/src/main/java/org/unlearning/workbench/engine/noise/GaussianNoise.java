package org.unlearning.workbench.engine.noise;

/**
 * A source of i.i.d. standard normal draws N(0, 1) for the noisy steps (theory.md §4.1, §5.1, §6),
 * drawn in double precision and filled into buffers in bulk.
 * <ul>
 * <li>{@link #secure()}: for certified runs. The uniform bits are an AES-CTR keystream
 * ({@code javax.crypto}, AES-NI) whose key and counter come from the JDK's {@code SecureRandom}
 * DRBG and are never stored or shown; the key is renewed from the DRBG every 2³⁰ bytes.</li>
 * <li>{@link #demonstration(long)}: reproducible from a recorded seed, for teaching and
 * reproduction only. Anyone holding the seed can regenerate the noise, so a run using it is never
 * certified.</li>
 * </ul>
 * Both turn 64-bit uniform words into normals with the same 256-layer ziggurat (Marsaglia and
 * Tsang 2000) on 53-bit uniforms, so they differ only in where the bits come from, and both draw
 * ahead of use on a background thread ({@link PrefetchedNoise}; the sequence is unchanged). Not
 * thread-safe: one instance per run; close it when the run ends. {@link #describe()} names the
 * generator for certificates and reports.
 */
public interface GaussianNoise extends AutoCloseable {

    /** Noise for certified runs (see the class comment). */
    static GaussianNoise secure() {
        return new PrefetchedNoise(new ZigguratNoise(new AesCtrWords()));
    }

    /** Reproducible noise from {@code seed} (SplittableRandom words); never for certified runs. */
    static GaussianNoise demonstration(long seed) {
        return new PrefetchedNoise(new ZigguratNoise(new SeededWords(seed)));
    }

    /** One standard normal draw. */
    double next();

    /** Writes {@code len} standard normal draws into {@code out[off..off+len)}. */
    void fill(double[] out, int off, int len);

    /** Writes {@code len} standard normal draws, each drawn in double and rounded once to float. */
    void fill(float[] out, int off, int len);

    /** True only for the cryptographically secure generator. */
    boolean isSecure();

    /**
     * What generates the noise, truthfully, for certificates and reports (e.g. the AES-CTR and DRBG
     * algorithms, or "demonstration … seed recorded"). Never contains key material or a seed value.
     */
    String describe();

    /** Short machine-readable name: {@code secure-aes-ctr} or {@code demonstration-seeded}. */
    String kind();

    /** Forgets the key material (secure) or nothing (demonstration). */
    @Override
    void close();
}
