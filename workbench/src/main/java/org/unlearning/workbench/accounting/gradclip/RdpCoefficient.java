package org.unlearning.workbench.accounting.gradclip;

/**
 * Rényi coefficient ρ_R of a gradient-clipping run (§4.2): D_α ≤ α ρ_R for every α &gt; 1.
 *
 * @param rhoR          N² / (2Z)
 * @param shiftFeasible whether the optimal shift allocation keeps every z_t ≥ 0; if false the
 *                      argument does not certify ρ_R
 * @param expansive     some step has |1 − η_t λ_t| &gt; 1 (η λ &gt; 2)
 * @param n             N, the total shift to absorb
 * @param z             Z = Σ σ_t² w_t²
 */
public record RdpCoefficient(double rhoR, boolean shiftFeasible, boolean expansive, double n, double z) {}
