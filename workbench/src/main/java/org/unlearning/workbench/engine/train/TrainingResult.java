package org.unlearning.workbench.engine.train;

import java.util.List;

/** Outcome of a training run: per-epoch history, steps done, and whether it was cancelled. */
public record TrainingResult(List<EpochMetrics> history, long steps, boolean cancelled, double seconds) {
    public TrainingResult {
        history = List.copyOf(history);
    }

    /** Metrics of the last completed epoch, or null when none completed. */
    public EpochMetrics last() {
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }
}
