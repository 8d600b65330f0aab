package org.unlearning.workbench.engine.unlearn;

/**
 * Running accountant of a noisy phase: the engine reports every noisy step as it runs it, and the
 * certificate's (ε, δ) are read from here — so a run stopped after t steps is accounted for the t
 * steps it ran (§4.5), and a complete run gives exactly the calibrated figures.
 */
public interface NoisyPhaseLedger {
    /** Records one executed noisy step with its learning rate, weight decay and noise σ. */
    void recordStep(double eta, double lambda, double sigma);

    /** Steps recorded so far. */
    int steps();

    /** Running Rényi coefficient ρ_R (gradient clipping), or null. */
    Double renyiCoefficient();

    /** Running δ_t (model clipping), or null. */
    Double deltaT();

    /** ε of the guarantee for the steps recorded so far (null if none can be stated). */
    Double epsilon();

    /** δ of the guarantee for the steps recorded so far (null if none can be stated). */
    Double delta();

    /** Whether the recorded steps support the stated guarantee (e.g. PABI shift feasibility). */
    boolean valid();

    /** Accountant outputs to put in the certificate. */
    java.util.Map<String, Object> outputs();
}
