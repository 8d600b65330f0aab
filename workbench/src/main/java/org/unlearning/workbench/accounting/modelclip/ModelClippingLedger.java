package org.unlearning.workbench.accounting.modelclip;

import org.unlearning.workbench.accounting.method.Guarantee;
import org.unlearning.workbench.accounting.method.Ledger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Running accountant for a model-clipping run (§5.2): the engine records each executed noisy
 * step; {@link #deltaT()} is the δ certified so far at the fixed ε. Same recursion as
 * {@link ModelClippingAccountant#run}. Not thread-safe.
 */
public final class ModelClippingLedger implements Ledger {
    /** Relative tolerance between the planned and the ledger's δ_T (same recursion). */
    private static final double PLAN_TOLERANCE = 1e-9;

    private final ModelClippingAccountant.Setting setting;
    private final Long plannedSteps;
    private final Double plannedDelta;
    private double delta;
    private long steps;

    public ModelClippingLedger(ModelClippingAccountant.Setting setting) {
        this(setting, null, null);
    }

    /** A ledger for a run planned to T = {@code plannedSteps} steps reaching {@code plannedDelta}. */
    public ModelClippingLedger(ModelClippingAccountant.Setting setting, Long plannedSteps, Double plannedDelta) {
        this.setting = setting;
        this.delta = setting.delta0();
        this.plannedSteps = plannedSteps;
        this.plannedDelta = plannedDelta;
    }

    /** Records one executed noisy step that ran with noise {@code sigma} (must be the setting's). */
    public synchronized void recordStep(double sigma) {
        if (sigma != setting.sigma()) {
            throw new IllegalStateException("model-clipping step ran with sigma " + sigma
                    + " but the accountant assumes " + setting.sigma());
        }
        recordStep();
    }

    /** Records one executed noisy step with the setting's σ and C2. */
    public synchronized void recordStep() {
        delta = setting.next(steps, delta);
        steps++;
    }

    /** δ_t after the recorded steps (δ_0 before any). */
    public synchronized double deltaT() {
        return delta;
    }

    @Override
    public synchronized int steps() {
        return (int) steps;
    }

    @Override
    public synchronized Double privacyState() {
        return steps == 0 ? null : delta;
    }

    /** (ε, δ_T) when the planned steps ran and δ_T reached the target (agreeing with the plan). */
    @Override
    public synchronized Guarantee guarantee() {
        if (plannedSteps != null && steps != plannedSteps) {
            return Guarantee.none("the noisy phase ran " + steps + " of the " + plannedSteps + " calibrated steps");
        }
        if (!reachedTarget()) {
            return Guarantee.none("the running accountant does not certify the executed steps");
        }
        if (plannedDelta != null
                && Math.abs(delta - plannedDelta) > PLAN_TOLERANCE * Math.max(Math.abs(plannedDelta), 1e-300)) {
            return Guarantee.none("ledger and calibration disagree: " + delta + " vs " + plannedDelta);
        }
        return Guarantee.of(setting.epsilon(), delta);
    }

    @Override
    public synchronized Map<String, Object> outputs() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("delta_0", setting.delta0());
        m.put("delta_T", delta);
        m.put("r", setting.r());
        if (setting.firstStepUnbounded()) {
            m.put("first_step", "unbounded initial model (sigma0 > 0, noise before projection): no contraction (A-13)");
        } else {
            m.put("r_first", setting.rFirst());
        }
        return m;
    }

    /** ε of the guarantee (fixed). */
    public double epsilon() {
        return setting.epsilon();
    }

    /** Whether δ_t ≤ the target δ: the noisy phase may stop. */
    public synchronized boolean reachedTarget() {
        return delta <= setting.delta();
    }

    public ModelClippingAccountant.Setting setting() {
        return setting;
    }
}
