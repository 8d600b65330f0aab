package org.unlearning.workbench.engine.model;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thread settings of the ND4J CPU backend. The paper's models are tiny (a few thousand to twenty
 * thousand parameters, batch 128): OpenMP fan-out costs more than it gains, so one thread is the
 * default for the CLI unless {@code OMP_NUM_THREADS} is set (see README, "Performance").
 */
public final class ComputeThreads {
    private ComputeThreads() {}

    /** Uses {@code OMP_NUM_THREADS} when set, else {@code fallback} threads. Returns the count applied. */
    public static int configureDefault(int fallback) {
        String env = System.getenv("OMP_NUM_THREADS");
        int n = fallback;
        if (env != null) {
            try {
                n = Math.max(1, Integer.parseInt(env.trim()));
            } catch (NumberFormatException ignored) {
                n = fallback;
            }
        }
        set(n);
        return n;
    }

    /** Sets the OpenMP and ND4J thread counts of the native backend. */
    public static void set(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        Nd4j.getExecutioner(); // loads the backend (NativeOpsHolder needs its properties)
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
    }

    /** Backend, thread counts, cores and JVM, for benchmarks and metadata. */
    public static Map<String, Object> describe() {
        Nd4j.getExecutioner();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nd4j_backend", Nd4j.getBackend().getClass().getSimpleName());
        m.put("omp_threads", NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
        m.put("nd4j_max_threads", Nd4j.getEnvironment().maxThreads());
        m.put("available_processors", Runtime.getRuntime().availableProcessors());
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return m;
    }
}
