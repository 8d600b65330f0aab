package org.unlearning.workbench.engine.model;

import org.nd4j.linalg.factory.Nd4j;

/** Which ND4J backend is loaded. */
final class Backend {
    private Backend() {}

    /** True for ND4J's native CPU backend (host memory; the fast kernels apply). */
    static boolean isCpu() {
        return Nd4j.getBackend().getClass().getSimpleName().equals("CpuBackend");
    }
}
