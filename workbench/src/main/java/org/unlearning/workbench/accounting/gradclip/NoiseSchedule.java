package org.unlearning.workbench.accounting.gradclip;

/** Gradient-clipping noise schedule (§4.4). */
public enum NoiseSchedule {
    /** σ_t = σ for every noisy step. */
    CONSTANT,
    /** σ_t² ∝ ρ^{−2(T − t − 1)}: more noise early; its shift allocation can be infeasible. */
    DECREASING
}
