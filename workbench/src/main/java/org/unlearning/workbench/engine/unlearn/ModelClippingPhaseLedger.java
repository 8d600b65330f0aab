package org.unlearning.workbench.engine.unlearn;

import org.unlearning.workbench.accounting.ModelClippingAccountant;
import org.unlearning.workbench.accounting.ModelClippingLedger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine's view of the accountants' running {@link ModelClippingLedger} (§5.2):
 * δ_{t+1} = δ_t · θ_{ε̃(ε, δ_t)}(r_t), ε fixed, strict first step.
 */
final class ModelClippingPhaseLedger implements NoisyPhaseLedger {
    private final ModelClippingLedger ledger;

    ModelClippingPhaseLedger(ModelClippingAccountant.Setting setting) {
        this.ledger = new ModelClippingLedger(setting);
    }

    @Override
    public void recordStep(double eta, double lambda, double sigma) {
        ModelClippingAccountant.Setting s = ledger.setting();
        if (sigma != s.sigma()) {
            throw new IllegalStateException("model-clipping step ran with sigma " + sigma + " but the accountant assumes "
                    + s.sigma());
        }
        ledger.recordStep();
    }

    /** True once δ_t ≤ target δ (§5.2 stopping rule). */
    boolean reachedTarget() {
        return ledger.reachedTarget();
    }

    @Override
    public int steps() {
        return (int) ledger.steps();
    }

    @Override
    public Double renyiCoefficient() {
        return null;
    }

    @Override
    public Double deltaT() {
        return ledger.deltaT();
    }

    @Override
    public Double epsilon() {
        return ledger.epsilon();
    }

    @Override
    public Double delta() {
        return ledger.deltaT();
    }

    @Override
    public boolean valid() {
        return ledger.reachedTarget();
    }

    @Override
    public Map<String, Object> outputs() {
        ModelClippingAccountant.Setting s = ledger.setting();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("delta_0", s.delta0());
        m.put("delta_T", ledger.deltaT());
        m.put("r", s.r());
        m.put("r_first", s.rFirst());
        return m;
    }
}
