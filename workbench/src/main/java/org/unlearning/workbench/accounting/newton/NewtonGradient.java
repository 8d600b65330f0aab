package org.unlearning.workbench.accounting.newton;

/** Which gradient the Newton step uses (§9.1, §9.4, B-4). */
public enum NewtonGradient {
    /** Exact gradient over the retain set ∇L(w; D_r): valid without convergence (default). */
    RETAIN,
    /** The D_u shortcut −(n_u/n_r)∇L(w; D_u): only valid at a stationary point of L(·; D). */
    FORGET_SHORTCUT
}
