package org.unlearning.workbench.accounting.modelclip;

/** Where model clipping adds its noise (§5.1). */
public enum ModelClippingVariant {
    /** x_{t+1} = Π_{C2}(x_t − η u_t) + ξ: used in all the paper's experiments (default). */
    AFTER_PROJECTION,
    /** x_{t+1} = Π_{C2}(x_t − η Π_{C1}(u_t) + ξ): needs C1 and η. */
    BEFORE_PROJECTION
}
