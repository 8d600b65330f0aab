package org.unlearning.workbench.engine.run;

/**
 * Where the noise came from: {@code seeded} (reproducible, seed recorded) or {@code secure}
 * (generator seeded from {@code SecureRandom}, seed not recorded).
 */
public record NoiseProvenance(String kind, Long seed) {
    public static NoiseProvenance seeded(long seed) {
        return new NoiseProvenance("seeded", seed);
    }

    public static NoiseProvenance secure() {
        return new NoiseProvenance("secure", null);
    }
}
