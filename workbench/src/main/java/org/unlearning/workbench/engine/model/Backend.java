package org.unlearning.workbench.engine.model;

import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The workbench's own choice of ND4J backend. ND4J picks the highest-priority backend whose
 * {@code isAvailable()} passes; its CUDA backend answers that by loading the CUDA libraries, so on
 * a machine without a usable GPU it prints a long linkage-error stack trace (and a CUDA-only build
 * has nothing to fall back to). {@link #select()} decides first: when this build carries the CUDA
 * backend it asks {@link CudaProbe} (a child JVM) whether CUDA works here, then hides the other
 * backend's service registrations from ND4J's class loader, so ND4J only ever sees the chosen one.
 * <p>
 * {@code -Duw.backend=auto|cpu|cuda} (or {@code UW_BACKEND}) overrides: {@code cpu} skips the
 * probe; {@code cuda} requires CUDA ({@link BackendChoice#reason()} says so when it is unusable and
 * the CLI stops). {@code -Duw.cudaProbeTimeout=SECONDS} bounds the probe (default 60).
 * {@link #select()} must run before anything touches ND4J (the CLI and the window call it first).
 */
public final class Backend {
    private static final String CUDA_BACKEND_CLASS = "org/nd4j/linalg/jcublas/JCublasBackend.class";
    private static final String CPU_BACKEND_CLASS = "org/nd4j/linalg/cpu/nativecpu/CpuBackend.class";
    private static volatile BackendChoice choice;
    private static volatile boolean cudaRequiredButUnusable;

    private Backend() {}

    /** Selects the backend once (probing CUDA when this build carries it) and returns the choice. Never throws. */
    public static synchronized BackendChoice select() {
        if (choice != null) {
            return choice;
        }
        ClassLoader app = Backend.class.getClassLoader();
        URL cuda = app.getResource(CUDA_BACKEND_CLASS);
        URL cpu = app.getResource(CPU_BACKEND_CLASS);
        String cudaVersion = cuda == null ? null : cudaVersion(cuda.toString());
        String requested = requested();
        BackendChoice c;
        if (cuda == null) {
            c = new BackendChoice(BackendChoice.CPU, requested.equals("cuda")
                    ? "CUDA requested (" + requestSource() + ") but this build carries only the CPU backend (build with -Pcuda)"
                    : "this build carries only the CPU backend (mvn -Pcuda package adds CUDA)", null, false, null);
            cudaRequiredButUnusable = requested.equals("cuda");
        } else if (requested.equals("cpu")) {
            c = new BackendChoice(BackendChoice.CPU, "requested with " + requestSource() + " (CUDA not probed)",
                    null, true, cudaVersion);
        } else {
            CudaProbe.Report r = CudaProbe.run(probeTimeout());
            if (r.usable() || cpu == null) {
                // a CUDA-only build has no fallback: let ND4J try CUDA and say why it may fail
                c = new BackendChoice(BackendChoice.CUDA, r.usable() ? "the CUDA probe found " + r.device()
                        : "no CPU backend in this build, although " + r.reason(), r.device(), true, cudaVersion);
            } else {
                c = new BackendChoice(BackendChoice.CPU, (requested.equals("cuda")
                        ? "CUDA requested (" + requestSource() + ") but unusable: " : "CUDA unusable here: ")
                        + r.reason(), r.device(), true, cudaVersion);
                cudaRequiredButUnusable = requested.equals("cuda");
            }
        }
        if (cuda != null && cpu != null) {
            URL hidden = c.isCuda() ? cpu : cuda;
            String resource = c.isCuda() ? CPU_BACKEND_CLASS : CUDA_BACKEND_CLASS;
            String root = hidden.toString().substring(0, hidden.toString().length() - resource.length());
            ND4JClassLoading.setNd4jClassloader(new HidingServices(ND4JClassLoading.getNd4jClassloader(), root));
        }
        choice = c;
        return c;
    }

    /** The choice made by {@link #select()} (selecting now if nothing did yet). */
    public static BackendChoice choice() {
        BackendChoice c = choice;
        return c != null ? c : select();
    }

    /** True when {@code -Duw.backend=cuda} asked for CUDA and it is not usable (the CLI stops with exit 2). */
    public static boolean cudaRequiredButUnusable() {
        select();
        return cudaRequiredButUnusable;
    }

    /** True for ND4J's native CPU backend (host memory; the fast kernels apply). */
    static boolean isCpu() {
        return Nd4j.getBackend().getClass().getSimpleName().equals("CpuBackend");
    }

    /** The user's request: auto (default), cpu or cuda; an invalid value counts as auto ({@link #invalidRequest()}). */
    static String requested() {
        String v = rawRequest();
        v = v == null ? "auto" : v.trim().toLowerCase(Locale.ROOT);
        return v.equals("cpu") || v.equals("cuda") ? v : "auto";
    }

    /** A one-line complaint when {@code -Duw.backend} / {@code UW_BACKEND} is not auto, cpu or cuda, else null. */
    public static String invalidRequest() {
        String v = rawRequest();
        if (v == null || v.trim().toLowerCase(Locale.ROOT).matches("auto|cpu|cuda")) {
            return null;
        }
        return requestSource() + " is not a backend: use auto, cpu or cuda";
    }

    private static String rawRequest() {
        String v = System.getProperty("uw.backend");
        return v == null || v.isBlank() ? System.getenv("UW_BACKEND") : v;
    }

    private static String requestSource() {
        String p = System.getProperty("uw.backend");
        return p != null && !p.isBlank() ? "-Duw.backend=" + p.trim() : "UW_BACKEND=" + System.getenv("UW_BACKEND");
    }

    private static Duration probeTimeout() {
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(System.getProperty("uw.cudaProbeTimeout", "60").trim())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(60);
        }
    }

    /** "11.6" from the CUDA backend's jar name (nd4j-cuda-11.6-1.0.0-M2.1.jar), else null. */
    static String cudaVersion(String url) {
        Matcher m = Pattern.compile("nd4j-cuda-(\\d+\\.\\d+)").matcher(url);
        return m.find() ? m.group(1) : null;
    }

    /**
     * Delegates everything to ND4J's class loader but hides the {@code META-INF/services} entries of
     * one jar (the backend not chosen), so ND4J's ServiceLoader never instantiates or tests it.
     */
    static final class HidingServices extends ClassLoader {
        private final String hiddenRoot;

        HidingServices(ClassLoader parent, String hiddenRoot) {
            super(parent);
            this.hiddenRoot = hiddenRoot;
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            Enumeration<URL> all = super.getResources(name);
            if (!name.startsWith("META-INF/services/")) {
                return all;
            }
            List<URL> kept = new ArrayList<>();
            for (URL u : Collections.list(all)) {
                if (!u.toString().startsWith(hiddenRoot)) {
                    kept.add(u);
                }
            }
            return Collections.enumeration(kept);
        }
    }
}
