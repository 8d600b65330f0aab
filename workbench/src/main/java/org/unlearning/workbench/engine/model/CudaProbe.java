package org.unlearning.workbench.engine.model;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.ptr.PointerByReference;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Is ND4J's CUDA backend usable on this machine? Answered in a CHILD JVM ({@link #main}), so that
 * nothing the driver or a linkage error does can crash or pollute the workbench's own process: a
 * crash, a hang (killed after the timeout) or an unexpected answer all mean "not usable", with the
 * reason. The child checks, in order, and stops at the first failure:
 * <ol>
 *   <li>the NVIDIA driver: {@code libcuda.so.1} opens, {@code cuInit} succeeds, the driver supports
 *       CUDA ≥ 11.0 (what the CUDA 11.6 build needs under minor-version compatibility) and reports a
 *       device — its name, compute capability and memory are reported;</li>
 *   <li>the CUDA 11 runtime libraries ND4J's natives link against ({@code libcudart.so.11.0},
 *       {@code libcublasLt.so.11}, {@code libcublas.so.11}, {@code libcusolver.so.11}) open — unless
 *       the JavaCPP {@code cuda-redist} jar carries them;</li>
 *   <li>ND4J's own test ({@code JCublasBackend.canRun}: JavaCPP loads the cudart bindings,
 *       {@code cudaGetDeviceCount} > 0, the cuBLAS bindings load) passes.</li>
 * </ol>
 * It does not launch a kernel: that first launch may JIT-compile PTX for GPUs newer than the build
 * (minutes), which {@code scripts/gpu-check.sh} measures instead. Linux x86-64 only.
 */
public final class CudaProbe {
    /** The answer: usable or not, why, and what was found (device, versions) for reports. */
    public record Report(boolean usable, String reason, Map<String, String> details) {
        public Report {
            details = Map.copyOf(details);
        }

        static Report notUsable(String reason) {
            return new Report(false, reason, Map.of());
        }

        /** "NVIDIA GeForce RTX 3090 (compute capability 8.6, 24.0 GB, driver for CUDA 12.4)", or null. */
        public String device() {
            String name = details.get("device");
            if (name == null) {
                return null;
            }
            List<String> parts = new ArrayList<>();
            if (details.containsKey("compute_capability")) {
                parts.add("compute capability " + details.get("compute_capability"));
            }
            String mem = details.get("memory_bytes");
            if (mem != null && mem.matches("\\d{1,18}")) {
                parts.add(String.format(Locale.ROOT, "%.1f GB", Long.parseLong(mem) / 1e9));
            }
            if (details.containsKey("driver_cuda")) {
                parts.add("driver for CUDA " + details.get("driver_cuda"));
            }
            return parts.isEmpty() ? name : name + " (" + String.join(", ", parts) + ")";
        }
    }

    /** Runtime libraries ND4J 1.0.0-M2.1's CUDA 11.6 natives need (NEEDED of libnd4jcuda.so and the preloads of its preset). */
    static final List<String> RUNTIME_LIBRARIES = List.of(
            "libcudart.so.11.0", "libcublasLt.so.11", "libcublas.so.11", "libcusolver.so.11");
    private static final int CUDA_ERROR_NO_DEVICE = 100;
    private static final int ATTR_CC_MAJOR = 75;
    private static final int ATTR_CC_MINOR = 76;

    private CudaProbe() {}

    /**
     * Runs the probe in a child JVM with this JVM's class path and waits at most {@code timeout}.
     * Never throws: every failure is a {@link Report} that is not usable, with the reason.
     */
    public static Report run(Duration timeout) {
        return run(timeout, Map.of());
    }

    /** {@link #run(Duration)} with extra environment variables for the child (tests: a stand-in driver). */
    static Report run(Duration timeout, Map<String, String> environment) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                "-XX:-CreateCoredumpOnCrash", // a crash report, if any, goes to the temp folder, not the cwd:
                "-XX:ErrorFile=" + Path.of(System.getProperty("java.io.tmpdir"), "uw-cuda-probe-hs_err_%p.log")));
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("org.bytedeco.") || key.startsWith("jna.")) { // JavaCPP cache, JNA paths
                cmd.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), CudaProbe.class.getName()));
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().putAll(environment);
            p = pb.start();
        } catch (IOException | RuntimeException e) {
            return Report.notUsable("the CUDA probe could not start (" + e.getMessage() + ")");
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return Report.notUsable("the CUDA probe did not answer within " + timeout.toSeconds()
                        + " s (driver hung?)");
            }
            return interpret(p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return Report.notUsable("the CUDA probe was interrupted");
        } catch (Exception e) {
            return Report.notUsable("the CUDA probe failed (" + e + ")");
        }
    }

    /** The parent's reading of the child's answer: {@code key=value} lines, {@code usable} last. */
    static Report interpret(int exitCode, String stdout, String stderr) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : stdout.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        String usable = kv.remove("usable");
        String reason = kv.remove("reason");
        if (usable == null || exitCode != 0) {
            String last = stderr.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("no output");
            return new Report(false, "the CUDA probe crashed (exit status " + exitCode
                    + (exitCode > 128 ? ", signal " + (exitCode - 128) : "") + ": " + last + ")", kv);
        }
        boolean ok = usable.equals("true");
        return new Report(ok, reason == null ? (ok ? "CUDA usable" : "CUDA not usable") : reason, kv);
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                return b.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    // ---- the child ------------------------------------------------------------------------------

    /** The child: prints {@code key=value} lines ending with {@code usable=true|false}; exit 0. */
    public static void main(String[] args) {
        Map<String, String> found = new LinkedHashMap<>();
        String failure;
        try {
            failure = check(found);
        } catch (Throwable e) { // linkage errors included: the answer is "not usable", never a crash
            failure = "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        StringBuilder sb = new StringBuilder();
        found.forEach((k, v) -> sb.append(k).append('=').append(oneLine(v)).append('\n'));
        if (failure != null) {
            sb.append("reason=").append(oneLine(failure)).append('\n');
        }
        sb.append("usable=").append(failure == null).append('\n');
        System.out.print(sb);
        System.out.flush();
        System.exit(0);
    }

    /** Runs the checks; returns null when CUDA is usable, else the first reason it is not. */
    static String check(Map<String, String> found) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return "the CUDA probe supports Linux x86-64 only (this is " + System.getProperty("os.name") + " " + arch + ")";
        }
        NativeLibrary driver;
        try {
            driver = NativeLibrary.getInstance("libcuda.so.1");
        } catch (UnsatisfiedLinkError e) {
            return "no NVIDIA driver (libcuda.so.1 not found)";
        }
        int rc = call(driver, "cuInit", 0);
        if (rc != 0) {
            return "the NVIDIA driver is installed but cuInit failed: " + errorName(driver, rc)
                    + (rc == CUDA_ERROR_NO_DEVICE ? " (no CUDA-capable device)" : "");
        }
        int[] v = new int[1];
        if (call(driver, "cuDriverGetVersion", v) == 0) {
            found.put("driver_cuda", version(v[0]));
            if (v[0] < 11000) {
                return "the NVIDIA driver supports CUDA " + version(v[0]) + " only; the CUDA 11.6 backend needs a "
                        + "driver for CUDA 11.0 or newer (R450+, R510+ recommended)";
            }
        }
        int[] n = new int[1];
        rc = call(driver, "cuDeviceGetCount", n);
        if (rc != 0 || n[0] < 1) {
            return "the NVIDIA driver reports no CUDA device" + (rc != 0 ? " (" + errorName(driver, rc) + ")" : "");
        }
        found.put("devices", Integer.toString(n[0]));
        describeDevice(driver, found);

        String bundled = "org/bytedeco/cuda/linux-x86_64/libcudart.so.11.0";
        if (CudaProbe.class.getClassLoader().getResource(bundled) != null) {
            found.put("runtime_source", "JavaCPP cuda-redist jar");
        } else {
            for (String lib : RUNTIME_LIBRARIES) {
                try {
                    NativeLibrary l = NativeLibrary.getInstance(lib);
                    if (lib.startsWith("libcudart")) {
                        int[] r = new int[1];
                        if (call(l, "cudaRuntimeGetVersion", r) == 0) {
                            found.put("runtime_cuda", version(r[0]));
                        }
                    }
                } catch (UnsatisfiedLinkError e) {
                    return "the CUDA 11 runtime library " + lib + " was not found (install the CUDA 11.x runtime "
                            + "libraries, e.g. NVIDIA's cuda-libraries-11-6, or add their folder to LD_LIBRARY_PATH)";
                }
            }
            found.put("runtime_source", "system libraries");
        }
        return nd4jCanRun(found);
    }

    /** ND4J's JCublasBackend.canRun, by reflection (the CPU-only build has no CUDA classes). */
    private static String nd4jCanRun(Map<String, String> found) {
        ClassLoader cl = CudaProbe.class.getClassLoader();
        try {
            Class<?> cudart = Class.forName("org.bytedeco.cuda.global.cudart", true, cl);
            int[] count = new int[1];
            Method m = cudart.getMethod("cudaGetDeviceCount", int[].class);
            int rc = (Integer) m.invoke(null, (Object) count);
            if (rc != 0 || count[0] < 1) {
                return "cudaGetDeviceCount through ND4J's bindings found no device (error " + rc + ")";
            }
            Class.forName("org.bytedeco.cuda.global.cublas", true, cl);
            found.put("nd4j_check", "cudaGetDeviceCount=" + count[0] + ", cuBLAS loaded");
            return null;
        } catch (ClassNotFoundException e) {
            return "this build carries no CUDA bindings (" + e.getMessage() + ")";
        } catch (ReflectiveOperationException | LinkageError e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return "JavaCPP could not load ND4J's CUDA bindings: " + root.getMessage();
        }
    }

    private static void describeDevice(NativeLibrary driver, Map<String, String> found) {
        int[] dev = new int[1];
        if (call(driver, "cuDeviceGet", dev, 0) != 0) {
            return;
        }
        byte[] name = new byte[256];
        if (call(driver, "cuDeviceGetName", name, name.length, dev[0]) == 0) {
            int len = 0;
            while (len < name.length && name[len] != 0) {
                len++;
            }
            found.put("device", new String(name, 0, len, StandardCharsets.UTF_8).trim());
        }
        int[] major = new int[1];
        int[] minor = new int[1];
        if (call(driver, "cuDeviceGetAttribute", major, ATTR_CC_MAJOR, dev[0]) == 0
                && call(driver, "cuDeviceGetAttribute", minor, ATTR_CC_MINOR, dev[0]) == 0) {
            found.put("compute_capability", major[0] + "." + minor[0]);
        }
        long[] bytes = new long[1];
        if (call(driver, "cuDeviceTotalMem_v2", bytes, dev[0]) == 0) {
            found.put("memory_bytes", Long.toString(bytes[0]));
        }
    }

    private static int call(NativeLibrary lib, String fn, Object... args) {
        Function f = lib.getFunction(fn);
        return f.invokeInt(args);
    }

    private static String errorName(NativeLibrary driver, int rc) {
        try {
            PointerByReference p = new PointerByReference();
            if (call(driver, "cuGetErrorName", rc, p) == 0 && p.getValue() != null) {
                return p.getValue().getString(0) + " (" + rc + ")";
            }
        } catch (RuntimeException | UnsatisfiedLinkError ignored) {
            // fall through: the number alone
        }
        return "error " + rc;
    }

    /** CUDA's integer version 11060 → "11.6". */
    static String version(int v) {
        return (v / 1000) + "." + (v % 1000) / 10;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ");
    }
}
