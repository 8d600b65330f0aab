package org.unlearning.workbench.engine.sweep;

import org.unlearning.workbench.engine.model.ComputeSettings;
import org.unlearning.workbench.engine.run.CancelToken;
import org.unlearning.workbench.engine.run.RunDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local sweep engine: a pool of {@code workers} threads in this JVM runs independent
 * {@link SweepTask}s through a {@link SweepExecutor}, each run on {@code threadsPerRun} compute
 * threads so that workers × threads per run = cores (dense models run on one thread anyway; a
 * convolutional model would otherwise take every core per run). Runs share nothing but the
 * read-only bundled data: the same tasks give the same rows here as one after the other or in
 * Spark {@code local[2]} (spark-runner's SparkLocalModeTest), so no child JVMs are needed.
 * <ul>
 *   <li><b>Streaming</b>: each row goes to the {@link ResultSink} as its run finishes
 *       ({@link ResultsCsv}: {@code results.csv} rewritten atomically).</li>
 *   <li><b>Resume</b>: a task whose folder holds a {@code row.json} of the same task id (written
 *       only when its run completed, certified or not) is not run again: its row is reused. A
 *       folder without one — a run that was interrupted, cancelled or failed — is cleared and the
 *       run starts again.</li>
 *   <li><b>Cancel</b>: the token stops the running runs at their next step (their rows say
 *       {@code cancelled}) and no further run starts; finished runs keep their rows and folders.</li>
 * </ul>
 * One runner runs one sweep at a time.
 */
public final class LocalSweepRunner {
    private final int workers;
    private final int threadsPerRun;

    /** {@code workers} runs at once, each on {@code threadsPerRun} compute threads. */
    public LocalSweepRunner(int workers, int threadsPerRun) {
        if (workers < 1 || threadsPerRun < 1) {
            throw new IllegalArgumentException("workers and threads per run must be at least 1 (got " + workers
                    + " and " + threadsPerRun + ")");
        }
        this.workers = workers;
        this.threadsPerRun = threadsPerRun;
    }

    /** Sized for this machine: {@code workers} (null: one per core) × cores/workers threads per run. */
    public static LocalSweepRunner forCores(Integer workers) {
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        int w = workers == null ? cores : workers;
        if (w < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, got " + w);
        }
        return new LocalSweepRunner(w, Math.max(1, cores / w));
    }

    public int workers() {
        return workers;
    }

    public int threadsPerRun() {
        return threadsPerRun;
    }

    /**
     * What a sweep pass produced.
     *
     * @param rows      one row per task in task order; null for a task that did not start (cancelled sweep)
     * @param progress  the last progress
     * @param cancelled the pass was cancelled
     */
    public record Outcome(List<ResultRow> rows, SweepProgress progress, boolean cancelled) {
        /** Rows of the tasks that ran (or were resumed), in task order. */
        public List<ResultRow> finishedRows() {
            return rows.stream().filter(r -> r != null).toList();
        }
    }

    /**
     * Runs {@code tasks} (distinct ids) and returns when every run finished or, after a cancel, when
     * the running runs have stopped.
     *
     * @throws UncheckedIOException the sink could not write (the sweep stops; finished runs stay in their folders)
     */
    public Outcome run(List<SweepTask> tasks, SweepExecutor executor, ResultSink sink, SweepListener listener,
                       CancelToken cancel) {
        SweepTask.requireDistinctIds(tasks);
        ResultSink out = sink == null ? ResultSink.NONE : sink;
        SweepListener events = listener == null ? SweepListener.NONE : listener;
        CancelToken stop = cancel == null ? CancelToken.none() : cancel;
        Tally tally = new Tally(tasks.size());
        ResultRow[] rows = new ResultRow[tasks.size()];

        List<Integer> toRun = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            ResultRow earlier = finishedRow(executor, tasks.get(i));
            if (earlier != null) {
                rows[i] = earlier;
                deliver(out, events, i, tasks.get(i), earlier, true, tally);
            } else {
                toRun.add(i);
            }
        }
        if (toRun.isEmpty()) {
            return new Outcome(Arrays.asList(rows), tally.progress(), stop.isCancelled());
        }
        Integer fixedBefore = ComputeSettings.fixedThreads();
        ComputeSettings.fixThreads(threadsPerRun);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, toRun.size()), workerThreads());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i : toRun) {
                SweepTask task = tasks.get(i);
                futures.add(pool.submit(() -> {
                    if (stop.isCancelled()) {
                        return null;
                    }
                    clearInterrupted(executor.folder(task));
                    events.started(task, tally.start());
                    ResultRow row = executor.execute(task, stop);
                    rows[i] = row;
                    deliver(out, events, i, task, row, false, tally);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop.cancel();
                } catch (java.util.concurrent.ExecutionException e) {
                    stop.cancel(); // a sink that cannot write stops the sweep
                    Throwable c = e.getCause();
                    throw c instanceof RuntimeException r ? r : new IllegalStateException(c);
                }
            }
        } finally {
            pool.shutdown();
            ComputeSettings.fixThreads(fixedBefore);
        }
        return new Outcome(Arrays.asList(rows), tally.progress(), stop.isCancelled());
    }

    /**
     * Counts, writes and announces one finished run as one step: workers finishing together are
     * serialised, so listeners hear of the runs in the order their rows were written and with
     * progress counts that only grow.
     */
    private static void deliver(ResultSink out, SweepListener events, int index, SweepTask task, ResultRow row,
                                boolean resumed, Tally tally) {
        synchronized (tally) {
            SweepProgress p = tally.finish(row, resumed);
            try {
                out.accept(index, task, row);
            } catch (IOException e) {
                throw new UncheckedIOException("results not written: " + e.getMessage(), e);
            }
            events.finished(task, row, resumed, p);
        }
    }

    /**
     * The row of an earlier pass when {@code task}'s folder holds one for the same task that
     * completed; else null.
     */
    public static ResultRow finishedRow(SweepExecutor executor, SweepTask task) {
        Path row = RunDirectory.of(executor.folder(task)).sweepRowToRead();
        if (!Files.isRegularFile(row)) {
            return null;
        }
        try {
            ResultRow r = SweepFiles.readRow(row);
            return task.id().equals(r.get("task_id")) && r.completed() ? r : null;
        } catch (IOException | RuntimeException unreadable) {
            return null; // half-written by a pass that was killed: run again
        }
    }

    /** Removes what an interrupted, cancelled or failed earlier run left in the task's own folder. */
    private static void clearInterrupted(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static ThreadFactory workerThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "sweep-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Counts and the pace of this pass, for {@link SweepProgress}. */
    private static final class Tally {
        private final int total;
        private final long t0 = System.nanoTime();
        private int done;
        private int resumed;
        private int failures;
        private int running;
        private int ranHere;

        Tally(int total) {
            this.total = total;
        }

        synchronized SweepProgress start() {
            running++;
            return progress();
        }

        synchronized SweepProgress finish(ResultRow row, boolean fromEarlier) {
            done++;
            if (fromEarlier) {
                resumed++;
            } else {
                running--;
                ranHere++;
            }
            if (!row.completed()) {
                failures++;
            }
            return progress();
        }

        synchronized SweepProgress progress() {
            double elapsed = (System.nanoTime() - t0) / 1e9;
            Double eta = ranHere == 0 ? null : elapsed / ranHere * (total - done);
            return new SweepProgress(total, done, resumed, failures, running, elapsed, eta);
        }
    }

    /** Rows by task id (for callers that match rows to their sweep points). */
    public static Map<String, ResultRow> byTaskId(List<ResultRow> rows) {
        Map<String, ResultRow> m = new java.util.LinkedHashMap<>();
        for (ResultRow r : rows) {
            if (r != null && r.get("task_id") != null) {
                m.put(String.valueOf(r.get("task_id")), r);
            }
        }
        return m;
    }
}
