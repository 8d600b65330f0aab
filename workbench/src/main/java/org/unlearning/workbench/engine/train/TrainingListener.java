package org.unlearning.workbench.engine.train;

/** Progress of a training run; called on the training thread (keep handlers cheap). */
public interface TrainingListener {
    /** After every SGD step (1-based {@code step} of {@code totalSteps}) with the batch's mean loss. */
    default void onStep(long step, long totalSteps, double batchLoss) {}

    /** After every epoch. */
    default void onEpoch(EpochMetrics metrics) {}

    TrainingListener NONE = new TrainingListener() {};
}
