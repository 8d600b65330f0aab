package org.unlearning.workbench.accounting.newton;

import org.unlearning.workbench.accounting.GaussianMechanism;
import org.unlearning.workbench.accounting.method.Guarantee;
import org.unlearning.workbench.accounting.method.Ledger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Running accountant of one Newton release (§9.3): the engine reports the sensitivity Δ it derived
 * and the noise σ it added; the release is (ε, δ)-certified when the exact Gaussian mechanism gives
 * θ_ε(Δ/σ) ≤ δ.
 */
public final class NewtonLedger implements Ledger {
    private final double epsilon;
    private final double delta;
    private int releases;
    private double sensitivity = Double.NaN;
    private double sigma = Double.NaN;

    NewtonLedger(double epsilon, double delta) {
        this.epsilon = epsilon;
        this.delta = delta;
    }

    /** One release w~ + N(0, σ²I) whose mean is within Δ of the retrained estimate's. */
    public synchronized void recordRelease(double sensitivityBound, double noiseSigma) {
        releases++;
        sensitivity = sensitivityBound;
        sigma = noiseSigma;
    }

    @Override
    public synchronized int steps() {
        return releases;
    }

    @Override
    public synchronized Double privacyState() {
        return releases == 0 ? null : epsilon;
    }

    @Override
    public synchronized Guarantee guarantee() {
        if (releases != 1) {
            return Guarantee.none(releases == 0 ? "nothing was released" : releases + " releases under one guarantee");
        }
        double exact = GaussianMechanism.exactDelta(sensitivity, sigma, epsilon);
        if (!(exact <= delta)) {
            return Guarantee.none("sigma " + sigma + " is too small for Delta = " + sensitivity + " at (" + epsilon + ", "
                    + delta + ")");
        }
        return Guarantee.of(epsilon, delta);
    }

    @Override
    public synchronized Map<String, Object> outputs() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (releases > 0) {
            m.put("exact_delta", GaussianMechanism.exactDelta(sensitivity, sigma, epsilon));
        }
        return m;
    }
}
