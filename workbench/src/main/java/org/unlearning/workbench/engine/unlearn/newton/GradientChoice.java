package org.unlearning.workbench.engine.unlearn.newton;

/** Which gradient the Newton step uses (§9.1, §9.4, §12 B-4). */
public enum GradientChoice {
    /** g = ∇L(w; D_r) over the whole retain set: valid whether or not training converged. */
    RETAIN_EXACT,
    /**
     * g = −(n_u/n_r) ∇L(w; D_u): valid only at a stationary point of L(·; D). Checked; when the
     * model is not stationary the exact retain gradient is used instead and the release says so.
     */
    FORGET_SHORTCUT
}
