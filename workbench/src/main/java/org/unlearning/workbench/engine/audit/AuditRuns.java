package org.unlearning.workbench.engine.audit;

import org.unlearning.workbench.engine.run.CancelToken;
import org.unlearning.workbench.engine.sweep.LocalSweepRunner;
import org.unlearning.workbench.engine.sweep.ResultRow;
import org.unlearning.workbench.engine.sweep.SweepExecutor;
import org.unlearning.workbench.engine.sweep.SweepTask;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * How the audit's unlearning runs are executed: they are sweep tasks ({@link SweepTask}) run by a
 * {@link SweepExecutor}: by the local worker pool ({@link LocalSweepRunner}), one after the other, or
 * by any sweep engine behind the same interface. Rows come back in task order.
 */
@FunctionalInterface
public interface AuditRuns {
    /**
     * Runs every task; {@code finished} hears each row as it completes. A cancelled token stops
     * before the next task (the rows so far are returned).
     */
    List<ResultRow> run(List<SweepTask> tasks, SweepExecutor executor, Consumer<ResultRow> finished, CancelToken cancel);

    /**
     * The local sweep runner's worker pool ({@code workers} null: one per core). Rows of tasks that
     * did not start (cancelled) are left out.
     */
    static AuditRuns local(Integer workers) {
        LocalSweepRunner runner = LocalSweepRunner.forCores(workers);
        return (tasks, executor, finished, cancel) -> runner.run(tasks, executor, null,
                new org.unlearning.workbench.engine.sweep.SweepListener() {
                    @Override
                    public void finished(SweepTask task, ResultRow row, boolean resumed,
                                         org.unlearning.workbench.engine.sweep.SweepProgress progress) {
                        finished.accept(row);
                    }
                }, cancel).finishedRows();
    }

    /** One run after the other in this thread. */
    static AuditRuns sequential() {
        return (tasks, executor, finished, cancel) -> {
            List<ResultRow> rows = new ArrayList<>();
            for (SweepTask t : tasks) {
                if (cancel.isCancelled()) {
                    break;
                }
                ResultRow row = executor.execute(t, cancel);
                rows.add(row);
                finished.accept(row);
            }
            return rows;
        };
    }
}
