package org.unlearning.workbench.engine.audit;

/**
 * Which canaries to plant (theory.md §15.4): {@code mislabeled} training examples whose label is
 * replaced by a fixed different random label, and {@code synthetic} random inputs with a fixed
 * random label, all drawn from {@code seed}.
 */
public record CanarySpec(int mislabeled, int synthetic, long seed) {
    public CanarySpec {
        if (mislabeled < 0 || synthetic < 0) {
            throw new IllegalArgumentException("canary counts must be >= 0 (got " + mislabeled + " mislabeled, "
                    + synthetic + " synthetic)");
        }
        if (mislabeled + (long) synthetic < 1) {
            throw new IllegalArgumentException("plant at least one canary (mislabeled or synthetic)");
        }
    }

    public int count() { return mislabeled + synthetic; }
}
