package org.unlearning.workbench.engine.model;

/** Accuracy in [0, 1] and mean softmax cross-entropy over {@code count} examples. */
public record Evaluation(double accuracy, double loss, int count) {
    @Override
    public String toString() {
        return String.format("accuracy %.4f, loss %.4f (n=%d)", accuracy, loss, count);
    }
}
