package org.unlearning.workbench.engine.run;

/** Phase a step belongs to. Only {@link #NOISY} steps enter the accountant. */
public enum RunPhase {
    /** Clip of the original model (and, for output perturbation, the single Gaussian draw). */
    INITIAL,
    /** The method's own unlearning computation between steps (e.g. a second-order step). */
    UNLEARN,
    /** Calibrated noisy steps (§4.1, §5.1; or a method's private training steps). */
    NOISY,
    /** Noise-free fine-tuning on the retain set: post-processing (§1). */
    FINE_TUNE,
    /** Retraining from a fresh initialisation on the retain set (§7). */
    RETRAIN;

    /** Lower-case name used in files ({@code noisy}, {@code fine_tune}, ...). */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
