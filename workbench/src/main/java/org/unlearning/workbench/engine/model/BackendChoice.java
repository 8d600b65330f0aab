package org.unlearning.workbench.engine.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which ND4J backend the workbench selected and why (made by {@link Backend#select()} before ND4J
 * loads). Shown as one line on the CLI's stderr, in {@code info} and {@code bench}, in the window's
 * status bar, and carried by certificates as {@link #provenance()}.
 *
 * @param backend     {@code "CPU"} or {@code "CUDA"}
 * @param reason      why, in plain words (e.g. "no NVIDIA driver (libcuda.so.1 not found)")
 * @param device      the GPU when one was found (name, compute capability, memory, driver), else null
 * @param cudaInBuild this build carries ND4J's CUDA backend (built with {@code -Pcuda})
 * @param cudaVersion the CUDA version of that backend (e.g. "11.6"), else null
 */
public record BackendChoice(String backend, String reason, String device, boolean cudaInBuild, String cudaVersion) {
    public static final String CPU = "CPU";
    public static final String CUDA = "CUDA";

    public boolean isCuda() {
        return CUDA.equals(backend);
    }

    /** The backend with its version: "CPU" or "CUDA 11.6". */
    public String label() {
        return isCuda() && cudaVersion != null ? CUDA + " " + cudaVersion : backend;
    }

    /** One line for the CLI's stderr, e.g. "ND4J backend: CPU — no NVIDIA driver (libcuda.so.1 not found)". */
    public String line() {
        return "ND4J backend: " + label() + " — " + reason;
    }

    /**
     * Short text for a status bar: "ND4J CPU (CPU-only build)", "ND4J CPU · CUDA unusable here: no
     * NVIDIA driver (…)" or "ND4J CUDA 11.6 · NVIDIA A100 (…)".
     */
    public String statusText() {
        if (!cudaInBuild) {
            return "ND4J CPU (CPU-only build)";
        }
        return "ND4J " + label() + " · " + (isCuda() && device != null ? device : reason);
    }

    /**
     * What a certificate records about the computation: the ND4J version, the backend and the
     * reason it was chosen (the device when CUDA), e.g.
     * {@code "ND4J 1.0.0-M2.1 CPU (no NVIDIA driver (libcuda.so.1 not found))"}.
     */
    public String provenance() {
        return "ND4J " + ModelStore.mavenVersion("org.nd4j", "nd4j-api") + " " + label() + " (" + (isCuda() && device != null ? device : reason) + ")";
    }

    /** For JSON outputs ({@code info}, {@code bench}). */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", label());
        m.put("reason", reason);
        if (device != null) {
            m.put("device", device);
        }
        m.put("cuda_in_build", cudaInBuild);
        m.put("line", line());
        return m;
    }
}
