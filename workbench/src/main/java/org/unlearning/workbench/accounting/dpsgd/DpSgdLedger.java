package org.unlearning.workbench.accounting.dpsgd;

import org.unlearning.workbench.accounting.method.Guarantee;
import org.unlearning.workbench.accounting.method.Ledger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Running accountant of DP-SGD training (Opacus style, §8.2): the training loop reports every
 * executed Poisson-sampled step with its sampling rate and noise multiplier; the guarantee is the
 * RDP of the steps that ran, converted at δ₁ (C4) and lifted to the group of k points (§8.1).
 */
public final class DpSgdLedger implements Ledger {
    private final DpSgdParams params;
    private final GroupPrivacySplit split;
    private final long plannedSteps;
    private final double noiseMultiplier;
    private final boolean calibrated;
    private long steps;
    private double q = Double.NaN;

    DpSgdLedger(DpSgdParams params, GroupPrivacySplit split, long plannedSteps, double noiseMultiplier,
                boolean calibrated) {
        this.params = params;
        this.split = split;
        this.plannedSteps = plannedSteps;
        this.noiseMultiplier = noiseMultiplier;
        this.calibrated = calibrated;
    }

    /** One executed DP-SGD step at sampling rate q with this noise multiplier (must be the planned ones). */
    public synchronized void recordStep(double samplingRate, double multiplier) {
        if (multiplier != noiseMultiplier) {
            throw new IllegalStateException("DP-SGD step ran with noise multiplier " + multiplier
                    + " but the accountant planned " + noiseMultiplier);
        }
        if (!Double.isNaN(q) && samplingRate != q) {
            throw new IllegalStateException("DP-SGD sampling rate changed from " + q + " to " + samplingRate);
        }
        q = samplingRate;
        steps++;
    }

    /** The calibrated noise multiplier the training must use. */
    public double noiseMultiplier() {
        return noiseMultiplier;
    }

    /** Noise std on the sum of clipped per-example gradients: C · noise multiplier. */
    public double noiseStd() {
        return params.clipNorm() * noiseMultiplier;
    }

    @Override
    public synchronized int steps() {
        return (int) steps;
    }

    @Override
    public Double privacyState() {
        return null; // one RDP evaluation costs ~ms: the guarantee is computed at the end
    }

    /** Per-example (ε₁, δ₁) of the executed steps. */
    private double perExampleEpsilon() {
        return new RdpCurve(q, noiseMultiplier, steps).epsilon(split.delta1()).epsilon();
    }

    @Override
    public synchronized Guarantee guarantee() {
        if (steps != plannedSteps) {
            return Guarantee.none("DP-SGD ran " + steps + " of the " + plannedSteps + " planned steps");
        }
        double e1 = perExampleEpsilon();
        long k = params.forgetCount();
        double groupDelta = calibrated ? split.groupDeltaStandard() : GroupPrivacySplit.groupDelta(e1, split.delta1(), k);
        if (!Double.isFinite(e1) || !(groupDelta < 1)) {
            return Guarantee.none("the group guarantee for k = " + k + " points is void at this noise multiplier");
        }
        return Guarantee.of(k * e1, groupDelta);
    }

    @Override
    public synchronized Map<String, Object> outputs() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps_run", steps);
        m.put("noise_multiplier", noiseMultiplier);
        m.put("eps1", split.eps1());
        m.put("delta1", split.delta1());
        if (steps > 0) {
            m.put("sampling_rate", q);
            m.put("eps1_achieved", perExampleEpsilon());
        }
        return m;
    }
}
