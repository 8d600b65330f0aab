package org.unlearning.workbench.engine.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Picks OpenBLAS's CPU kernels before ND4J loads the library. OpenBLAS 0.3.19 (bundled with ND4J
 * 1.0.0-M2.1) does not recognise AMD's AVX-512 processors (Zen 4/5) and falls back to its Haswell
 * (AVX2) kernels; its SkylakeX (AVX-512) kernels make cnn-small's GEMMs about 25 % faster there
 * (measured: 15.0 → 18.8 steps per CPU-second). This sets {@code OPENBLAS_CORETYPE=SkylakeX} in
 * the process environment (JavaCPP's libc bindings) on such CPUs unless the user set it. It is
 * OPT-IN ({@code -Duw.blasCore=auto}): older OpenBLAS builds are known to compute wrong results or
 * crash on some CPUs they do not recognise, and a silently wrong gradient would void a
 * certificate, so the default keeps OpenBLAS's own choice. OpenBLAS
 * reads the variable once when it loads, so {@link #apply()} must run before the first ND4J call
 * (the CLI and the window call it first thing); afterwards it changes nothing.
 */
public final class BlasCoreSelection {
    private static volatile String outcome;

    private BlasCoreSelection() {}

    /** Applies the selection once; returns what was decided (for reports). Never throws. */
    public static synchronized String apply() {
        if (outcome != null) {
            return outcome;
        }
        String user = System.getenv("OPENBLAS_CORETYPE");
        if (user != null && !user.isBlank()) {
            outcome = "OPENBLAS_CORETYPE=" + user + " (set by the user)";
        } else if (!System.getProperty("uw.blasCore", "off").equalsIgnoreCase("auto")) {
            outcome = "OpenBLAS default (AVX-512 selection is opt-in: -Duw.blasCore=auto)";
        } else if (amdWithAvx512()) {
            outcome = setenv("SkylakeX") ? "SkylakeX (AVX-512 kernels on an AMD CPU)" : "OpenBLAS default (setenv failed)";
        } else {
            outcome = "OpenBLAS default";
        }
        return outcome;
    }

    /** What {@link #apply()} decided, or "OpenBLAS default" if it never ran. */
    public static String describe() {
        String o = outcome;
        return o == null ? "OpenBLAS default" : o;
    }

    private static boolean setenv(String core) {
        try {
            return org.bytedeco.systems.global.linux.setenv("OPENBLAS_CORETYPE", core, 0) == 0;
        } catch (Throwable e) { // not Linux, or the native bindings are missing: keep OpenBLAS's choice
            return false;
        }
    }

    /** AMD x86-64 Linux CPU with the AVX-512 subsets OpenBLAS's SkylakeX kernels use. */
    static boolean amdWithAvx512() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return false;
        }
        try {
            return amdWithAvx512(Files.readAllLines(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static boolean amdWithAvx512(List<String> cpuinfo) {
        boolean amd = false;
        String flags = null;
        for (String line : cpuinfo) {
            if (line.startsWith("vendor_id")) {
                amd = line.contains("AuthenticAMD");
            } else if (line.startsWith("flags") && flags == null) {
                flags = " " + line.substring(line.indexOf(':') + 1).trim() + " ";
            }
        }
        if (!amd || flags == null) {
            return false;
        }
        for (String f : new String[] {"avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd"}) {
            if (!flags.contains(" " + f + " ")) {
                return false;
            }
        }
        return true;
    }
}
