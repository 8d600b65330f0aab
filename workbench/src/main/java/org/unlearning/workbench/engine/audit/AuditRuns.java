package org.unlearning.workbench.engine.audit;

import org.unlearning.workbench.engine.run.CancelToken;
import org.unlearning.workbench.engine.sweep.ResultRow;
import org.unlearning.workbench.engine.sweep.SweepExecutor;
import org.unlearning.workbench.engine.sweep.SweepTask;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * How the audit's unlearning runs are executed: they are sweep tasks ({@link SweepTask}) run by a
 * {@link SweepExecutor} — one after the other here, or by any sweep runner (local workers, Spark)
 * behind the same interface. Rows come back in task order.
 */
@FunctionalInterface
public interface AuditRuns {
    /**
     * Runs every task; {@code finished} hears each row as it completes. A cancelled token stops
     * before the next task (the rows so far are returned).
     */
    List<ResultRow> run(List<SweepTask> tasks, SweepExecutor executor, Consumer<ResultRow> finished, CancelToken cancel);

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
