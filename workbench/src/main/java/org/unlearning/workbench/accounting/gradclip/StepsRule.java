package org.unlearning.workbench.accounting.gradclip;

/**
 * Result of the gradient-clipping steps rule (§4.3).
 *
 * @param steps           T, the number of noisy steps
 * @param stepsNoReg      T_noreg = ceil(C0 / (C1 η))
 * @param stepsReg        T_reg = ceil(ln(2 λ C0 / C1) / (η λ)), or null when λ = 0 (or C0 = 0)
 * @param usedRegShortcut whether T = T_reg
 */
public record StepsRule(long steps, long stepsNoReg, Long stepsReg, boolean usedRegShortcut) {}
