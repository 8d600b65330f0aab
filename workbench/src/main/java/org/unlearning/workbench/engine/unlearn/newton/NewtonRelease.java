package org.unlearning.workbench.engine.unlearn.newton;

import org.unlearning.workbench.engine.model.WorkbenchModel;

/**
 * One deletion request of the timeline, measured (§9.5). Distances are Euclidean over all
 * parameters. "Noise-free" figures describe the internal w~_k, which is never released.
 *
 * @param request                 1-based request number
 * @param forgetSize              n_u of this request
 * @param retainSize              n_r after this request
 * @param model                   the released model w⁻ = w~ + ξ (null when refused)
 * @param certificate             this release's guarantee
 * @param gradientUsed            which gradient the step used, and why
 * @param spectrum                λ_min / λ_max of ∇²L(w; D_r) (weight decay included, λ not)
 * @param lissa                   the LiSSA run
 * @param lissaFullResidual       ‖H_λ v − g‖/‖g‖ on the whole retain set
 * @param newtonSeconds           wall time of gradient + LiSSA + noise
 * @param newtonExamples          per-example gradients of gradient + LiSSA
 * @param certificationSeconds    wall time of the λ_min estimate and residual check
 * @param certificationExamples   per-example gradients they cost
 * @param forgetAccuracy          released model on this request's D_u
 * @param retainAccuracy          released model on D_r
 * @param testAccuracy            released model on the test set
 * @param noiseFreeTestAccuracy   w~ on the test set (internal diagnostic)
 * @param distanceToOriginal      ‖w⁻ − w*‖
 * @param retrain                 retraining on the same D_r (null when not run)
 * @param distanceToRetrain       ‖w⁻ − w_retrain‖ (null when not run)
 * @param noiseFreeDistanceToRetrain ‖w~ − w_retrain‖ (null when not run)
 */
public record NewtonRelease(int request, int forgetSize, int retainSize, WorkbenchModel model,
                            NewtonCertificate certificate, String gradientUsed, SpectrumEstimate spectrum,
                            LissaResult lissa, double lissaFullResidual, double newtonSeconds, long newtonExamples,
                            double certificationSeconds, long certificationExamples, double forgetAccuracy,
                            double retainAccuracy, double testAccuracy, double noiseFreeTestAccuracy,
                            double distanceToOriginal, RetrainOutcome retrain, Double distanceToRetrain,
                            Double noiseFreeDistanceToRetrain) {

    /** Unlearning time including certification. */
    public double totalSeconds() {
        return newtonSeconds + certificationSeconds;
    }

    public long totalExamples() {
        return newtonExamples + certificationExamples;
    }
}
