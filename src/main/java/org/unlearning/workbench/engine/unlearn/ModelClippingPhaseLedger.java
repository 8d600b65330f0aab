package org.unlearning.workbench.engine.unlearn;

import org.unlearning.workbench.accounting.ModelClippingAccountant;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Running model-clipping accountant (§5.2): δ_{t+1} = δ_t · θ_{ε̃(ε, δ_t)}(r_t) with ε fixed,
 * r_0 = the strict first-step value and r_t = r afterwards.
 */
final class ModelClippingPhaseLedger implements NoisyPhaseLedger {
    private final ModelClippingAccountant.Setting setting;
    private double deltaT;
    private int n;

    ModelClippingPhaseLedger(ModelClippingAccountant.Setting setting) {
        this.setting = setting;
        this.deltaT = setting.delta0();
    }

    @Override
    public void recordStep(double eta, double lambda, double sigma) {
        if (sigma != setting.sigma()) {
            throw new IllegalStateException("model-clipping step ran with sigma " + sigma + " but the accountant assumes "
                    + setting.sigma());
        }
        deltaT = ModelClippingAccountant.nextDelta(setting.epsilon(), deltaT, n == 0 ? setting.rFirst() : setting.r());
        n++;
    }

    /** True once δ_t ≤ target δ (§5.2 stopping rule). */
    boolean reachedTarget() {
        return deltaT <= setting.delta();
    }

    @Override
    public int steps() {
        return n;
    }

    @Override
    public Double renyiCoefficient() {
        return null;
    }

    @Override
    public Double deltaT() {
        return deltaT;
    }

    @Override
    public Double epsilon() {
        return setting.epsilon();
    }

    @Override
    public Double delta() {
        return deltaT;
    }

    @Override
    public boolean valid() {
        return deltaT <= setting.delta();
    }

    @Override
    public Map<String, Object> outputs() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("delta_0", setting.delta0());
        m.put("delta_T", deltaT);
        m.put("r", setting.r());
        m.put("r_first", setting.rFirst());
        return m;
    }
}
