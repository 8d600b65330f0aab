package org.unlearning.workbench.engine.sweep;

import java.io.IOException;

/** Receives each row as soon as its run finishes (one call at a time, from the runner's threads). */
@FunctionalInterface
public interface ResultSink {
    ResultSink NONE = (index, task, row) -> {};

    /** The row of task number {@code index} of the sweep. */
    void accept(int index, SweepTask task, ResultRow row) throws IOException;
}
