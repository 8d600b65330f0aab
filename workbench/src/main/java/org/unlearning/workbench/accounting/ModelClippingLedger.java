package org.unlearning.workbench.accounting;

/**
 * Running accountant for a model-clipping run (§5.2): the engine records each executed noisy
 * step; {@link #deltaT()} is the δ certified so far at the fixed ε. Same recursion as
 * {@link ModelClippingAccountant#run}. Not thread-safe.
 */
public final class ModelClippingLedger {
    private final ModelClippingAccountant.Setting setting;
    private double delta;
    private long steps;

    public ModelClippingLedger(ModelClippingAccountant.Setting setting) {
        this.setting = setting;
        this.delta = setting.delta0();
    }

    /** Records one executed noisy step with the setting's σ and C2. */
    public synchronized void recordStep() {
        delta = ModelClippingAccountant.nextDelta(setting.epsilon(), delta, steps == 0 ? setting.rFirst() : setting.r());
        steps++;
    }

    /** δ_t after the recorded steps (δ_0 before any). */
    public synchronized double deltaT() {
        return delta;
    }

    public synchronized long steps() {
        return steps;
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
