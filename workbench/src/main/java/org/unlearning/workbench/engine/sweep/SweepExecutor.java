package org.unlearning.workbench.engine.sweep;

import org.unlearning.workbench.engine.run.CancelToken;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * Runs one {@link SweepTask} and returns its result row; what a local worker pool and a Spark
 * executor both call. Implementations are {@link Serializable} (Spark ships the executor with the
 * job), thread-safe (one engine runs several tasks at once in one JVM) and never throw for a run
 * that is refused or fails: that is a row with a status saying so, so one bad point never stops a
 * sweep.
 */
@FunctionalInterface
public interface SweepExecutor extends Serializable {
    /**
     * Runs {@code task}, writes its output folder and returns its row: the task's labels, then the
     * executor's columns (the same columns, in the same order, for every task).
     *
     * @param cancel stops the run at its next step; the row then says it was cancelled
     */
    ResultRow execute(SweepTask task, CancelToken cancel);

    /** The folder {@code task} runs into (where a finished run's {@code row.json} is; resume looks there). */
    default Path folder(SweepTask task) {
        return Path.of(task.outputDir());
    }
}
