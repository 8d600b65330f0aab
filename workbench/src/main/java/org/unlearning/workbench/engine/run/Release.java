package org.unlearning.workbench.engine.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One deletion request of a run, released (or refused): its certificate, the released model's
 * figures, the compute it cost and the retrain baseline's figures on the same retain set.
 *
 * @param request            1-based request number
 * @param forgetSize         examples this request forgets
 * @param retainSize         examples retained after it
 * @param certificate        this release's certificate
 * @param evaluation         the released model's last evaluation point (null when refused)
 * @param examplesProcessed  per-example gradients this request cost (method, certification, fine-tune)
 * @param wallSeconds        wall time of this request (without the baseline)
 * @param retrain            the retrain baseline on the same retain set, or null
 * @param distanceToOriginal ‖released − original‖ (null when refused)
 * @param distanceToRetrain  ‖released − retrained‖ (null without baseline)
 * @param diagnostics        the method's own per-request figures (e.g. λ_min, LiSSA residual, noise-free
 *                           distances); not part of the guarantee
 */
public record Release(int request, int forgetSize, int retainSize, Certificate certificate,
                      EvaluationMetrics evaluation, long examplesProcessed, double wallSeconds,
                      BaselineFigures retrain, Double distanceToOriginal, Double distanceToRetrain,
                      Map<String, Double> diagnostics) {
    public Release {
        diagnostics = Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
    }

    /** Whether a model was released (not refused). */
    public boolean released() {
        return certificate.unlearnedModelSha256() != null;
    }
}
