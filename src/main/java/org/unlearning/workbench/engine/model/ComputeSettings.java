package org.unlearning.workbench.engine.model;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nd4j.nativeblas.Nd4jBlas;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The compute settings in force: ND4J backend, BLAS vendor and thread count, and why that count
 * was chosen. The window's status bar and {@code bench} show {@link #summary()} / {@link #describe()}.
 * <p>
 * Thread rule (measured, see README "Performance"): the dense MLPs of the papers (a few thousand
 * parameters, batch 128) run fastest on ONE native thread — OpenMP/OpenBLAS fan-out costs more
 * than the tiny matrix products gain, and on a busy two-core machine spinning BLAS threads collapse
 * (mlp-5: ~1,150 steps/s on one thread, ~200 on two). Convolutional models do enough work per
 * step to gain from every core. The choice is made automatically when a model is created;
 * {@code -Duw.threads=N} or an explicit {@code OMP_NUM_THREADS} overrides it.
 */
public record ComputeSettings(String backend, String blasVendor, int threads, String reason) {

    private static volatile ComputeSettings current;

    /** Settings last applied (or the backend's defaults if none were applied yet). */
    public static ComputeSettings current() {
        ComputeSettings c = current;
        if (c == null) {
            synchronized (ComputeSettings.class) {
                if (current == null) {
                    current = new ComputeSettings(detectBackend(), detectBlasVendor(), Math.max(1, Nd4j.getEnvironment().maxThreads()),
                            "backend default");
                }
                c = current;
            }
        }
        return c;
    }

    /** Threads this rule picks for a model: 1 for dense models, every core for convolutional ones. */
    public static int autoThreads(boolean convolutional) {
        return convolutional ? Math.max(1, Runtime.getRuntime().availableProcessors()) : 1;
    }

    /**
     * Applies the thread rule for a model unless the user fixed the count ({@code -Duw.threads} or
     * {@code OMP_NUM_THREADS}). Cheap when nothing changes.
     */
    public static ComputeSettings applyFor(boolean convolutional, String modelName) {
        Integer fixed = userThreads();
        if (fixed != null) {
            String why = System.getProperty("uw.threads") != null ? "-Duw.threads" : "OMP_NUM_THREADS";
            return apply(fixed, why);
        }
        return apply(autoThreads(convolutional), "auto for " + modelName);
    }

    /** Sets the native thread count (OpenMP, ND4J, OpenBLAS) and the engine's kernel threads. */
    public static synchronized ComputeSettings apply(int threads, String reason) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        ComputeSettings before = current;
        if (before != null && before.threads == threads && before.reason.equals(reason)) {
            return before;
        }
        if (before == null || before.threads != threads) {
            Nd4j.getExecutioner(); // loads the backend first
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
            if (Backend.isCpu()) {
                NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
                // OpenBLAS keeps its own pool: without this, GEMMs still fan out to every core.
                if (Nd4j.factory().blas() instanceof Nd4jBlas blas) {
                    blas.setMaxThreads(threads);
                }
            }
        }
        current = new ComputeSettings(detectBackend(), detectBlasVendor(), threads, reason);
        return current;
    }

    /** Threads fixed by the user, or null. */
    static Integer userThreads() {
        for (String v : new String[] {System.getProperty("uw.threads"), System.getenv("OMP_NUM_THREADS")}) {
            if (v != null && !v.isBlank()) {
                try {
                    int n = Integer.parseInt(v.trim());
                    if (n >= 1) {
                        return n;
                    }
                } catch (NumberFormatException ignored) {
                    // fall through to the next source / the automatic rule
                }
            }
        }
        return null;
    }

    /** One line for a status bar, e.g. {@code ND4J CPU · OpenBLAS · 1 thread (auto for mlp-5)}. */
    public String summary() {
        return "ND4J " + backend + " · " + blasVendor + " · " + threads + (threads == 1 ? " thread" : " threads")
                + " (" + reason + ")";
    }

    /** Backend, BLAS, threads, cores and JVM, for benchmarks and metadata. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nd4j_backend", backend);
        m.put("blas", blasVendor);
        m.put("threads", threads);
        m.put("threads_reason", reason);
        m.put("available_processors", Runtime.getRuntime().availableProcessors());
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return m;
    }

    private static String detectBackend() {
        String s = Nd4j.getBackend().getClass().getSimpleName();
        return s.endsWith("Backend") ? s.substring(0, s.length() - "Backend".length()).toUpperCase(Locale.ROOT) : s;
    }

    private static String detectBlasVendor() {
        try {
            String v = String.valueOf(Nd4j.factory().blas().getBlasVendor());
            return v.equals("OPENBLAS") ? "OpenBLAS" : v;
        } catch (RuntimeException e) {
            return "unknown";
        }
    }
}
