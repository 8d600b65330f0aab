package org.unlearning.workbench.engine.unlearn.newton;

/**
 * The mean gradient of the data loss (mean cross-entropy, no regulariser) of a model at flat
 * parameters {@code w}, over a subset of a fixed example set. This is all the Newton method needs
 * from the network: Hessian-vector products (§9.2) and the retain gradient (§9.1) are built on it.
 * Implementations evaluate in float64 and must not keep {@code w} after returning.
 */
public interface GradientFunction {

    /** d, the number of parameters. */
    int dimension();

    /** Number of examples the indices refer to ({@code 0 ≤ index < exampleCount()}). */
    int exampleCount();

    /**
     * ∇_w (1/|batch|) Σ_{i∈batch} ℓ(w; x_i) as a new array. Indices may repeat (sampling with
     * replacement); a repeated index counts once per occurrence.
     */
    double[] meanGradient(double[] w, int[] batch);
}
