package org.unlearning.workbench.accounting.gradclip;

/** λ = 0 branch of the gradient-clipping σ for a target ε_R (§4.4, discrepancy A-2). */
public enum SigmaFormula {
    /** Denominator 2 ε_R T: achieves ρ_R = ε_R (λ → 0 limit of the λ > 0 formula). Default. */
    CONSISTENT,
    /** Authors' code, denominator 4 ε_R T: achieves ρ_R = 2 ε_R. Reproduction only. */
    CODE
}
