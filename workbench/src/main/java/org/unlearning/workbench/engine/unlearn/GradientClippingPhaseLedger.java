package org.unlearning.workbench.engine.unlearn;

import org.unlearning.workbench.accounting.GradientClippingLedger;
import org.unlearning.workbench.accounting.RdpCoefficient;
import org.unlearning.workbench.accounting.RenyiConversion;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine's view of the accountants' running {@link GradientClippingLedger} (§4.2, §4.5): ρ_R
 * of the steps executed so far, converted to (ε, δ) with (C2) at the target δ.
 */
final class GradientClippingPhaseLedger implements NoisyPhaseLedger {
    private final GradientClippingLedger ledger;
    private final double delta;
    private RdpCoefficient current;

    GradientClippingPhaseLedger(double c0, double c1, double delta) {
        this.ledger = new GradientClippingLedger(c0, c1);
        this.delta = delta;
    }

    @Override
    public void recordStep(double eta, double lambda, double sigma) {
        ledger.recordStep(eta, lambda, sigma);
        current = ledger.coefficient();
    }

    @Override
    public int steps() {
        return ledger.steps();
    }

    @Override
    public Double renyiCoefficient() {
        return current == null ? null : current.rhoR();
    }

    @Override
    public Double deltaT() {
        return null;
    }

    @Override
    public Double epsilon() {
        return current == null ? null : ledger.epsilon(delta);
    }

    @Override
    public Double delta() {
        return current == null ? null : delta;
    }

    @Override
    public boolean valid() {
        return current != null && current.shiftFeasible();
    }

    @Override
    public Map<String, Object> outputs() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rho_R", current == null ? null : current.rhoR());
        m.put("shift_feasible", current == null ? null : current.shiftFeasible());
        m.put("expansive", current == null ? null : current.expansive());
        m.put("N", current == null ? null : current.n());
        m.put("Z", current == null ? null : current.z());
        if (current != null) {
            m.put("renyi_order_alpha", RenyiConversion.improved(current.rhoR(), delta).alpha());
            m.put("legacy_authors_epsilon", ledger.legacyAuthorsEpsilon(delta));
        }
        return m;
    }
}
