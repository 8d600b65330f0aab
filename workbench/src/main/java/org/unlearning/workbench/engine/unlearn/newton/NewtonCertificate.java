package org.unlearning.workbench.engine.unlearn.newton;

import java.util.List;
import java.util.Map;

/**
 * The guarantee of ONE release of the Newton method (§9.3): w⁻ = w~ + N(0, σ²I) with σ the exact
 * Gaussian-mechanism calibration of Δ = Δ_N + Δ_LiSSA for (ε, δ). Certified only when every check
 * passed; otherwise {@code reason} says which failed.
 *
 * @param status        CERTIFIED, NOT_CERTIFIED (released, but a check failed) or REFUSED (nothing
 *                      released: no finite Δ, or LiSSA diverged)
 * @param reason        what was verified (certified) or what failed
 * @param request       1-based request number in the timeline
 * @param epsilon       ε of this release (null when refused)
 * @param delta         δ of this release (null when refused)
 * @param sigma         σ actually used (null when refused)
 * @param inputs        every input of the bound (C, M, λ, λ_min, Δ_LiSSA, …)
 * @param outputs       Δ_N, Δ, σ (exact and classical), measured LiSSA error bound, …
 * @param assumptions   what the guarantee rests on
 * @param warnings      e.g. that several releases compose
 * @param statement     plain-language statement
 */
public record NewtonCertificate(Status status, String reason, int request, Double epsilon, Double delta,
                                Double sigma, Map<String, Object> inputs, Map<String, Object> outputs,
                                List<String> assumptions, List<String> warnings, String statement) {
    public enum Status { CERTIFIED, NOT_CERTIFIED, REFUSED }

    public NewtonCertificate {
        inputs = Map.copyOf(inputs);
        outputs = Map.copyOf(outputs);
        assumptions = List.copyOf(assumptions);
        warnings = List.copyOf(warnings);
    }

    public boolean certified() {
        return status == Status.CERTIFIED;
    }
}
