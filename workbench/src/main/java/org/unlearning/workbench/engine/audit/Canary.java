package org.unlearning.workbench.engine.audit;

/**
 * One planted canary.
 *
 * @param index         its index in the audit dataset ({@link CanarySet#dataset()})
 * @param kind          how it was made
 * @param sourceIndex   the training example it was made from (mislabeled), or −1 (synthetic)
 * @param originalLabel that example's true label (mislabeled), or −1 (synthetic)
 * @param label         the canary's label: the one the attack scores
 */
public record Canary(int index, Kind kind, int sourceIndex, int originalLabel, int label) {

    /** How a canary was made. */
    public enum Kind {
        /** A training example with its label replaced by a different random label. */
        MISLABELED,
        /** A random input (uniform in the training data's value range) with a random label. */
        SYNTHETIC
    }
}
