package org.unlearning.workbench.engine.unlearn;

import org.unlearning.workbench.accounting.method.Calculation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan a run executes, computed by the method's accountant before the run (the numbers
 * {@code accountant calc} gives for the same inputs).
 *
 * @param method            the method and its parameters (data-bound)
 * @param plan              the accountant's full answer
 * @param noisySteps        T
 * @param sigmas            σ_t for t = 0..T−1; a single draw's σ; empty without noise
 * @param schedule          constant / decreasing / single_draw / none
 * @param epsilon           planned ε (achieved if the run goes as planned)
 * @param delta             planned δ
 * @param accountant        accountant and conversion
 * @param accountantInputs  every parameter of the method
 * @param accountantOutputs its outputs (ρ_R, T, δ_T, figures, …)
 * @param notes             lines for the log (binding constraint, warnings, weaker-than-target)
 */
public record Calibration(MethodConfig method, Calculation plan, int noisySteps, double[] sigmas, String schedule,
                          Double epsilon, Double delta, String accountant, Map<String, Object> accountantInputs,
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

    /** The same plan, recording {@code inputs} as the accountant's inputs (e.g. the configured values of a re-planned request). */
    public Calibration withInputs(Map<String, Object> inputs) {
        return new Calibration(method, plan, noisySteps, sigmas, schedule, epsilon, delta, accountant, inputs,
                accountantOutputs, notes);
    }
}
