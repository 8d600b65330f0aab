package org.unlearning.workbench.engine.run;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Threads of ND4J's native backend (OpenMP loops and BLAS). Tiny models (mlp-5: 3,985 parameters)
 * run an order of magnitude faster single-threaded, because per-op thread hand-off costs more than
 * the arithmetic; the CLI applies {@code --threads} (default: {@code OMP_NUM_THREADS}, else 1).
 */
public final class NativeThreads {
    private NativeThreads() {}

    /** Sets OpenMP, BLAS and ND4J's own thread limits. */
    public static void set(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    /** {@code OMP_NUM_THREADS} when set to a positive integer, else 1. */
    public static int defaultThreads() {
        String env = System.getenv("OMP_NUM_THREADS");
        try {
            int n = env == null ? 1 : Integer.parseInt(env.trim());
            return n >= 1 ? n : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
