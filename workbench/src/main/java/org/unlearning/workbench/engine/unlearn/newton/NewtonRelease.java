package org.unlearning.workbench.engine.unlearn.newton;

import org.unlearning.workbench.accounting.newton.NewtonParams;
import org.unlearning.workbench.engine.model.WorkbenchModel;

import java.util.List;
import java.util.Map;

/**
 * One deletion request of the Newton timeline, as computed (§9): the release w⁻ = w~ + ξ (or a
 * refusal), what its bound used, and what it cost. Distances are Euclidean over all parameters;
 * "noise-free" figures describe the internal w~_k, which is never released.
 *
 * @param request               1-based request number
 * @param forgetSize            n_u of this request
 * @param retainSize            n_r after this request
 * @param model                 the released model w⁻ (null when refused)
 * @param noiseFree             the noise-free estimate w~ (null when refused; internal diagnostic)
 * @param measured              the accountant's inputs as measured for this release (λ_min, radius), or null
 * @param sigma                 σ of the release noise (NaN when refused)
 * @param sensitivity           Δ = Δ_N + Δ_LiSSA the noise covers (NaN when refused)
 * @param problems              why the release is not certified (refusal or failed checks), empty when none
 * @param verified              what was verified (null when refused)
 * @param inputs                every input of the bound (C, M, λ, λ_min, Δ_LiSSA, …)
 * @param outputs               Δ_N, Δ, σ (exact and classical), measured LiSSA error bound, …
 * @param assumptions           what the guarantee rests on beyond the calculator's
 * @param warnings              e.g. that several releases compose
 * @param gradientUsed          which gradient the step used, and why
 * @param spectrum              λ_min / λ_max of ∇²L(w; D_r) (weight decay included, λ not)
 * @param lissa                 the LiSSA run (null when refused before it)
 * @param lissaFullResidual     ‖H_λ v − g‖/‖g‖ on the whole retain set
 * @param newtonSeconds         wall time of gradient + LiSSA + noise
 * @param newtonExamples        per-example gradients of gradient + LiSSA
 * @param certificationSeconds  wall time of the λ_min estimate and residual check
 * @param certificationExamples per-example gradients they cost
 * @param noiseFreeTestAccuracy w~ on the test set (internal diagnostic)
 * @param distanceToOriginal    ‖w⁻ − w*‖
 */
public record NewtonRelease(int request, int forgetSize, int retainSize, WorkbenchModel model, WorkbenchModel noiseFree,
                            NewtonParams measured, double sigma, double sensitivity, List<String> problems,
                            String verified, Map<String, Object> inputs, Map<String, Object> outputs,
                            List<String> assumptions, List<String> warnings, String gradientUsed,
                            SpectrumEstimate spectrum, LissaResult lissa, double lissaFullResidual, double newtonSeconds,
                            long newtonExamples, double certificationSeconds, long certificationExamples,
                            double noiseFreeTestAccuracy, double distanceToOriginal) {
    public NewtonRelease {
        problems = List.copyOf(problems);
        assumptions = List.copyOf(assumptions);
        warnings = List.copyOf(warnings);
        inputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
        outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
    }

    /** Whether a model was released (not refused). */
    public boolean released() {
        return model != null;
    }

    /** Released with every check passed (the noise itself is certified by the ledger). */
    public boolean checksPassed() {
        return released() && problems.isEmpty();
    }

    /** Unlearning time including certification. */
    public double totalSeconds() {
        return newtonSeconds + certificationSeconds;
    }

    public long totalExamples() {
        return newtonExamples + certificationExamples;
    }
}
