package org.unlearning.workbench.spark;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.unlearning.workbench.engine.run.CancelToken;
import org.unlearning.workbench.engine.sweep.ResultRow;
import org.unlearning.workbench.engine.sweep.SweepExecutor;
import org.unlearning.workbench.engine.sweep.SweepTask;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A sweep as one Spark job: the tasks are {@code parallelize}d one per partition, each partition
 * runs its task on an executor with {@code executor}, and the rows come back to the driver in task
 * order ({@code collect}). Tasks and rows travel by Java serialisation; the run folders are
 * written by the executors (shared storage on a real cluster).
 * <p>
 * Cancelling the job ({@code SparkContext.cancelJobGroup(JOB_GROUP)}) marks the tasks killed; each
 * running task then cancels its run at the next step (its row says {@code cancelled}, but a
 * cancelled job returns no rows: the finished runs are in their folders' {@code row.json}).
 */
public final class SparkSweep {
    /** Job group of sweep jobs (for cancelling from another thread). */
    public static final String JOB_GROUP = "unlearning-sweep";
    /** How often a task looks whether Spark has killed it. */
    private static final long KILL_POLL_MILLIS = 200;

    private SparkSweep() {}

    /**
     * Runs {@code tasks} on {@code sc}; returns one row per task, in task order.
     *
     * @throws IllegalArgumentException two tasks have the same id
     *
     * @param finished called on the driver with the number of finished tasks after each one (may be null)
     */
    public static List<ResultRow> run(JavaSparkContext sc, List<SweepTask> tasks, SweepExecutor executor,
                                      IntConsumer finished) {
        SweepTask.requireDistinctIds(tasks);
        if (tasks.isEmpty()) {
            return List.of();
        }
        AtomicInteger done = new AtomicInteger();
        SparkListener progress = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (finished != null && end.taskInfo().successful()) {
                    synchronized (done) {
                        if (done.get() < tasks.size()) {
                            finished.accept(done.incrementAndGet());
                        }
                    }
                }
            }
        };
        sc.sc().addSparkListener(progress);
        // no thread interrupt on cancel: an interrupt could break a run folder's file writes; the
        // task's kill flag reaches the run through its cancel token instead (runTask)
        sc.setJobGroup(JOB_GROUP, "unlearning sweep: " + tasks.size() + " runs", false);
        List<ResultRow> rows;
        try {
            rows = sc.parallelize(tasks, tasks.size())
                    .map(task -> runTask(executor, task))
                    .collect();
        } finally {
            sc.clearJobGroup();
            sc.sc().removeSparkListener(progress);
        }
        // the listener bus is asynchronous: collect() can return before the last task-end events
        // reach the listener; every task has finished now, so report those that were not reported
        if (finished != null) {
            synchronized (done) {
                while (done.get() < tasks.size()) {
                    finished.accept(done.incrementAndGet());
                }
            }
        }
        return rows;
    }

    /** On an executor: runs one task, cancelling the run when Spark kills the task. */
    private static ResultRow runTask(SweepExecutor executor, SweepTask task) {
        TaskContext context = TaskContext.get();
        CancelToken cancel = new CancelToken();
        Thread watch = new Thread(() -> {
            try {
                while (!context.isInterrupted()) {
                    Thread.sleep(KILL_POLL_MILLIS);
                }
                cancel.cancel();
            } catch (InterruptedException ignored) {
                // the task finished
            }
        }, "sweep-kill-watch-" + task.id());
        watch.setDaemon(true);
        watch.start();
        try {
            return executor.execute(task, cancel);
        } finally {
            watch.interrupt();
        }
    }
}
