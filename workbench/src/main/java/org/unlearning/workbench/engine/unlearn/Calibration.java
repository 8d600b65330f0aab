package org.unlearning.workbench.engine.unlearn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The noisy phase a method must run for its guarantee, computed by the accountant before the run
 * (the numbers {@code accountant calc} gives for the same inputs).
 *
 * @param method            method
 * @param noisySteps        T
 * @param sigmas            σ_t for t = 0..T−1 (GC, MC); for OP the single draw's σ; empty for retrain
 * @param schedule          constant / decreasing / single_draw / none
 * @param epsilon           planned ε (achieved if the phase runs as planned)
 * @param delta             planned δ
 * @param accountant        accountant and conversion, e.g. "gradient_clipping PABI, RDP→DP conversion C2"
 * @param accountantInputs  every input the accountant used
 * @param accountantOutputs its outputs (ρ_R, T rule, δ_T, ...)
 * @param notes             lines for the log (e.g. "σ fixed by the user: achieved ε = ...")
 */
public record Calibration(MethodKind method, int noisySteps, double[] sigmas, String schedule, double epsilon,
                          double delta, String accountant, Map<String, Object> accountantInputs,
                          Map<String, Object> accountantOutputs, List<String> notes) {
    public Calibration {
        sigmas = sigmas.clone();
        accountantInputs = Collections.unmodifiableMap(new LinkedHashMap<>(accountantInputs));
        accountantOutputs = Collections.unmodifiableMap(new LinkedHashMap<>(accountantOutputs));
        notes = List.copyOf(notes);
    }

    @Override
    public double[] sigmas() {
        return sigmas.clone();
    }

    /** σ of step t. */
    public double sigma(int t) {
        return sigmas[t];
    }

    public double sigmaFirst() {
        return sigmas.length == 0 ? 0 : sigmas[0];
    }

    public double sigmaLast() {
        return sigmas.length == 0 ? 0 : sigmas[sigmas.length - 1];
    }

    /** The common σ when the schedule is constant, else null. */
    public Double constantSigma() {
        if (sigmas.length == 0) {
            return null;
        }
        for (double s : sigmas) {
            if (s != sigmas[0]) {
                return null;
            }
        }
        return sigmas[0];
    }
}
