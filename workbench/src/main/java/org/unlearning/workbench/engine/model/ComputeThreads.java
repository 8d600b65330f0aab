package org.unlearning.workbench.engine.model;

import java.util.Map;

/**
 * Thread settings of the ND4J CPU backend for the CLI; a thin front of {@link ComputeSettings},
 * which holds the rule (one thread for dense models, every core for cnn-small) and applies it
 * whenever a model is created.
 */
public final class ComputeThreads {
    private ComputeThreads() {}

    /**
     * Uses the user's count ({@code OMP_NUM_THREADS}, {@code -Duw.threads}) when set, else
     * {@code fallback} until a model is created (which applies the per-model rule). Returns the
     * count applied.
     */
    public static int configureDefault(int fallback) {
        Integer user = ComputeSettings.userThreads();
        return ComputeSettings.apply(user != null ? user : fallback, user != null ? "user setting" : "default").threads();
    }

    /** Fixes the thread count for every model (an explicit {@code --threads}). */
    public static void set(int threads) {
        ComputeSettings.fixThreads(threads);
        ComputeSettings.apply(threads, "--threads");
    }

    /** Backend, BLAS, thread counts, cores and JVM, for benchmarks and metadata. */
    public static Map<String, Object> describe() {
        return ComputeSettings.current().describe();
    }
}
