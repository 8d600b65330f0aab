package org.unlearning.workbench.engine.run;

import org.unlearning.workbench.engine.noise.GaussianNoise;

/**
 * Where a release's noise came from, as its certificate states it (theory.md §14): {@code secure}
 * (AES-CTR keyed from the JDK's DRBG; nothing about the key is recorded) or {@code demonstration}
 * (reproducible from a seed — the seed is kept only in the run's private part, never here).
 *
 * @param kind      {@code secure} or {@code demonstration}
 * @param secure    true only for the cryptographically secure generator
 * @param generator the generator, truthfully ({@link GaussianNoise#describe()})
 */
public record NoiseProvenance(String kind, boolean secure, String generator) {
    public static final String SECURE = "secure";
    public static final String DEMONSTRATION = "demonstration";

    /** The provenance of {@code noise}. */
    public static NoiseProvenance of(GaussianNoise noise) {
        return new NoiseProvenance(noise.isSecure() ? SECURE : DEMONSTRATION, noise.isSecure(), noise.describe());
    }
}
