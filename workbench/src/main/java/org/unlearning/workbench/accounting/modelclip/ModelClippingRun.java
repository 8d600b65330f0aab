package org.unlearning.workbench.accounting.modelclip;

/**
 * Outcome of the model-clipping δ_t recursion (§5.2).
 *
 * @param feasible    δ_t ≤ δ was reached within max_steps
 * @param steps       T (first t with δ_t ≤ δ), or null when infeasible
 * @param delta0      δ_0 (1 without initial noise)
 * @param deltaT      δ after the last evaluated step (δ_T when feasible)
 * @param gamma1      first contraction factor θ_{ε̃_0}(r_0), or null if no step was needed or infeasible
 * @param reason      why it is infeasible (null when feasible)
 * @param deltas      δ_t for t = 0..T (only when requested, else null)
 */
public record ModelClippingRun(boolean feasible, Long steps, double delta0, double deltaT, Double gamma1,
                               String reason, double[] deltas) {}
