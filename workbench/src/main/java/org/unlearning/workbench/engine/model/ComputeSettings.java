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
 * parameters, batch 128) run fastest on ONE thread — OpenMP/OpenBLAS fan-out costs more than the
 * tiny matrix products gain, and on a busy two-core machine spinning BLAS threads collapse
 * (mlp-5: ~1,150 steps/s on one thread, ~200 on two). Convolutional models do enough work per
 * step to use every core: with the engine's float32 CNN kernel the batch is split across
 * {@code threads} Java threads, each running native code on one OpenMP/BLAS thread
 * ({@code nativeThreads = 1}); DL4J's own path (float64, or kernels off) uses {@code threads}
 * native threads instead. The choice is made automatically when a model is created;
 * {@code -Duw.threads=N} or an explicit {@code OMP_NUM_THREADS} overrides the count.
 */
public record ComputeSettings(String backend, String blasVendor, int threads, int nativeThreads, String reason) {

    private static volatile ComputeSettings current;
    private static volatile Integer fixedByCaller;

    /** Settings last applied (or the backend's defaults if none were applied yet). */
    public static ComputeSettings current() {
        ComputeSettings c = current;
        if (c == null) {
            synchronized (ComputeSettings.class) {
                if (current == null) {
                    int t = Math.max(1, Nd4j.getEnvironment().maxThreads());
                    current = new ComputeSettings(detectBackend(), detectBlasVendor(), t, t, "backend default");
                }
                c = current;
            }
        }
        return c;
    }

    /**
     * True on ND4J's native CPU backend, where host memory IS the arrays' memory: code may read and
     * write array buffers directly (fused loops, host kernels). False on CUDA, where that would
     * bypass the device copy; use ND4J ops there.
     */
    public static boolean hostMemoryBackend() {
        return Backend.isCpu();
    }

    /**
     * The settings applied so far, or null before the first model or command applied any; never
     * loads ND4J (safe to poll from a UI thread).
     */
    public static ComputeSettings appliedOrNull() {
        ComputeSettings c = current;
        return c == null || c.reason.equals("backend default") ? null : c;
    }

    /** Threads this rule picks for a model: 1 for dense models, every core for convolutional ones. */
    public static int autoThreads(boolean convolutional) {
        return convolutional ? Math.max(1, Runtime.getRuntime().availableProcessors()) : 1;
    }

    /**
     * Applies the thread rule for a model unless the user fixed the count ({@code -Duw.threads} or
     * {@code OMP_NUM_THREADS}). {@code engineKernel}: the model runs on one of the engine's
     * float32 CPU kernels. Cheap when nothing changes.
     */
    public static ComputeSettings applyFor(boolean convolutional, boolean engineKernel, String modelName) {
        Integer fixed = userThreads();
        int threads = fixed != null ? fixed : autoThreads(convolutional);
        String why = fixed == null ? "auto for " + modelName
                : fixedByCaller != null ? "--threads"
                : System.getProperty("uw.threads") != null ? "-Duw.threads" : "OMP_NUM_THREADS";
        int nativeThreads = convolutional && engineKernel ? 1 : threads;
        return apply(threads, nativeThreads, why);
    }

    /** Sets the same count for the engine's kernel threads and the native (OpenMP/BLAS) threads. */
    public static ComputeSettings apply(int threads, String reason) {
        return apply(threads, threads, reason);
    }

    /** Sets the engine's kernel threads and the native thread count (OpenMP, ND4J, OpenBLAS). */
    public static synchronized ComputeSettings apply(int threads, int nativeThreads, String reason) {
        if (threads < 1 || nativeThreads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + Math.min(threads, nativeThreads));
        }
        ComputeSettings before = current();
        if (before.threads == threads && before.nativeThreads == nativeThreads && before.reason.equals(reason)) {
            return before;
        }
        if (before.nativeThreads != nativeThreads || before.reason.equals("backend default")) {
            Nd4j.getEnvironment().setMaxThreads(nativeThreads);
            Nd4j.getEnvironment().setMaxMasterThreads(nativeThreads);
            if (Backend.isCpu()) {
                NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(nativeThreads);
                // OpenBLAS keeps its own pool: without this, GEMMs still fan out to every core.
                if (Nd4j.factory().blas() instanceof Nd4jBlas blas) {
                    blas.setMaxThreads(nativeThreads);
                }
            }
        }
        current = new ComputeSettings(before.backend, before.blasVendor, threads, nativeThreads, reason);
        return current;
    }

    /**
     * Fixes the thread count for every model from now on (e.g. a {@code --threads} option), or
     * returns to the automatic rule with {@code null}.
     */
    public static void fixThreads(Integer threads) {
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        fixedByCaller = threads;
    }

    /** The count fixed by {@link #fixThreads}, or null (the sweep runner restores it after a sweep). */
    public static Integer fixedThreads() {
        return fixedByCaller;
    }

    /** Threads fixed by the user ({@link #fixThreads}, {@code -Duw.threads}, {@code OMP_NUM_THREADS}), or null. */
    static Integer userThreads() {
        Integer f = fixedByCaller;
        if (f != null) {
            return f;
        }
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

    /** One line for a status bar, e.g. {@code ND4J CPU · OpenBLAS · 1 thread · auto for mlp-5}. */
    public String summary() {
        return "ND4J " + backend + " · " + blasVendor + " · " + threads + (threads == 1 ? " thread" : " threads")
                + (nativeThreads != threads ? " (native " + nativeThreads + ")" : "") + " · " + reason;
    }

    /** Backend, BLAS, threads, cores and JVM, for benchmarks and metadata. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nd4j_backend", backend);
        m.put("blas", blasVendor);
        m.put("blas_core", BlasCoreSelection.describe());
        m.put("threads", threads);
        m.put("native_threads", nativeThreads);
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
