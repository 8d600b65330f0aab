package org.unlearning.workbench.engine.sweep;

/** What a sweep reports while it runs (called from worker threads, finished runs one at a time in the order their rows were written; implementations hand over to their UI thread). */
public interface SweepListener {
    SweepListener NONE = new SweepListener() {};

    /** A run started on a worker. */
    default void started(SweepTask task, SweepProgress progress) {}

    /**
     * A run's row is known: it finished now, or {@code resumed} from its folder's {@code row.json}
     * written by an earlier pass.
     */
    default void finished(SweepTask task, ResultRow row, boolean resumed, SweepProgress progress) {}
}
