package org.unlearning.workbench.accounting.calculator;

import java.util.List;

/**
 * Everything the live panel shows for one setting; immutable, Jackson-serialisable, free of
 * NaN and ∞ (quantities that do not apply are null).
 *
 * @param method           the method
 * @param feasible         a certificate exists for this setting
 * @param reason           why not (null when feasible)
 * @param steps            T, the number of noisy steps (null where not applicable or infeasible)
 * @param sigma            constant noise std σ (null for a non-constant schedule / not applicable)
 * @param sigmaRange       range of the σ_t schedule (constant: all four equal), or null
 * @param sigmaSchedule    σ_t for t = 0..T−1 when the schedule is not constant (else null)
 * @param epsilon          achieved ε (correct conversion), null when infeasible
 * @param delta            achieved δ, null when infeasible
 * @param renyiCoefficient ρ_R (gradient clipping) or null
 * @param deltaT           δ_T (model clipping) or null
 * @param bindingConstraint which requirement fixes the answer (plain words)
 * @param warnings         sentences, each saying what to change
 * @param legacyEpsilon    "legacy (authors') ε" (gradient clipping, only where it differs), or null
 * @param figures          other labelled numbers (classical σ, classic conversion, noise multiplier, …)
 * @param statement        plain-language statement of the guarantee
 * @param assumptions      what the guarantee rests on
 * @param curves           curves for the panel
 */
public record Calculation(Method method, boolean feasible, String reason, Long steps, Double sigma,
                          NoiseRange sigmaRange, double[] sigmaSchedule, Double epsilon, Double delta,
                          Double renyiCoefficient, Double deltaT, String bindingConstraint,
                          List<String> warnings, Figure legacyEpsilon, List<Figure> figures, String statement,
                          List<String> assumptions, List<Curve> curves) {
    public Calculation {
        warnings = List.copyOf(warnings);
        figures = List.copyOf(figures);
        assumptions = List.copyOf(assumptions);
        curves = List.copyOf(curves);
    }

    /** Copy with another achieved δ. */
    public Calculation withDelta(double newDelta) {
        return new Calculation(method, feasible, reason, steps, sigma, sigmaRange, sigmaSchedule, epsilon, newDelta,
                renyiCoefficient, deltaT, bindingConstraint, warnings, legacyEpsilon, figures, statement, assumptions,
                curves);
    }
}
