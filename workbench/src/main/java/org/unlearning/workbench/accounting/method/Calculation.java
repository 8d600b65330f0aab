package org.unlearning.workbench.accounting.method;

import java.util.List;

/**
 * A method's plan for one setting — everything the live calculator shows and a run is calibrated
 * with; immutable, Jackson-serialisable, free of NaN and ∞ (quantities that do not apply are null).
 *
 * @param method           the method's key ({@link MethodAccountant#key()})
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
 * @param accountant       which accountant and conversion certify it (certificates name it)
 */
public record Calculation(String method, boolean feasible, String reason, Long steps, Double sigma,
                          NoiseRange sigmaRange, double[] sigmaSchedule, Double epsilon, Double delta,
                          Double renyiCoefficient, Double deltaT, String bindingConstraint,
                          List<String> warnings, Figure legacyEpsilon, List<Figure> figures, String statement,
                          List<String> assumptions, List<Curve> curves, String accountant) {
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
                curves, accountant);
    }

    /** The figure with this key, if present. */
    public java.util.Optional<Figure> figure(String key) {
        return figures.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    /**
     * Rejects a result carrying NaN or ∞ (results must never carry them): the setting lies outside the
     * numerically representable range.
     */
    public Calculation requireFinite() {
        String bad = firstNonFinite(this);
        if (bad != null) {
            throw new IllegalArgumentException("parameters must stay within the numerically representable range ("
                    + bad + " would not be finite); use values closer to the defaults");
        }
        return this;
    }

    private static String firstNonFinite(Calculation c) {
        Object[][] parts = {{c.sigma, "sigma"}, {c.sigmaRange, "sigma range"}, {c.sigmaSchedule, "sigma schedule"},
                {c.epsilon, "epsilon"}, {c.delta, "delta"}, {c.renyiCoefficient, "rho_R"}, {c.deltaT, "delta_T"},
                {c.legacyEpsilon, "legacy epsilon"}, {c.figures, "figures"}, {c.curves, "curves"}};
        for (Object[] p : parts) {
            String b = firstNonFinite(p[0], (String) p[1]);
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    private static String firstNonFinite(Object o, String path) {
        if (o instanceof Double d) {
            return Double.isFinite(d) ? null : path;
        }
        if (o instanceof double[] a) {
            for (int i = 0; i < a.length; i++) {
                if (!Double.isFinite(a[i])) {
                    return path + "[" + i + "]";
                }
            }
            return null;
        }
        if (o instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                String b = firstNonFinite(l.get(i), path + "[" + i + "]");
                if (b != null) {
                    return b;
                }
            }
            return null;
        }
        if (o instanceof Figure f) {
            return Double.isFinite(f.value()) ? null : f.key();
        }
        if (o instanceof Curve c) {
            String b = firstNonFinite(c.x(), c.name() + ".x");
            return b != null ? b : firstNonFinite(c.y(), c.name() + ".y");
        }
        if (o instanceof NoiseRange r) {
            return Double.isFinite(r.first()) && Double.isFinite(r.last()) && Double.isFinite(r.min())
                    && Double.isFinite(r.max()) ? null : "sigma range";
        }
        return null;
    }
}
