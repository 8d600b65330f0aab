package org.unlearning.workbench.engine.model;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Splits a loop over minibatch examples into contiguous chunks run on a small pool of daemon
 * threads (the caller runs the first chunk).
 */
final class Parallel {
    /** Body of a chunk: examples {@code [from, to)}, chunk index {@code part}. */
    @FunctionalInterface
    interface Chunk {
        void run(int from, int to, int part);
    }

    private static ExecutorService pool;
    private static int poolThreads;

    private Parallel() {}

    /** Runs {@code body} on {@code parts} contiguous chunks of {@code [0, n)}, concurrently. */
    static void forEachChunk(int n, int parts, Chunk body) {
        if (parts <= 1) {
            body.run(0, n, 0);
            return;
        }
        ExecutorService ex = pool(parts - 1);
        @SuppressWarnings("unchecked")
        Future<?>[] f = new Future<?>[parts - 1];
        for (int k = 1; k < parts; k++) {
            final int part = k;
            f[k - 1] = ex.submit(() -> body.run(start(n, parts, part), start(n, parts, part + 1), part));
        }
        RuntimeException err = null;
        try {
            body.run(0, start(n, parts, 1), 0);
        } catch (RuntimeException e) {
            err = e;
        }
        for (Future<?> fu : f) {
            try {
                fu.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (err == null) {
                    err = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
        if (err != null) {
            throw err;
        }
    }

    private static int start(int n, int parts, int k) {
        return (int) ((long) n * k / parts);
    }

    private static synchronized ExecutorService pool(int workers) {
        if (pool == null || poolThreads < workers) {
            if (pool != null) {
                pool.shutdown();
            }
            poolThreads = workers;
            pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "workbench-kernel");
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }
}
