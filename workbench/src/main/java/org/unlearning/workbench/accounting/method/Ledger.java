package org.unlearning.workbench.accounting.method;

import java.util.Map;

/**
 * A method's running accountant, Opacus style: the engine reports each noisy step (draw, release) it
 * actually executed to the method's concrete ledger, and the run asks this view for the certified
 * state — the same formula that planned the run, applied to what ran (§4.5 for partial runs), so a
 * complete run gives exactly the planned figures.
 */
public interface Ledger {
    /** Noisy steps (draws, releases) recorded so far. */
    int steps();

    /** The running privacy state after the last step (ρ_R, δ_t, ε so far) for charts, or null. */
    Double privacyState();

    /** The guarantee of what was recorded, or why there is none (e.g. fewer steps than planned). */
    Guarantee guarantee();

    /** Accountant outputs for the certificate. */
    Map<String, Object> outputs();

    /** A ledger with nothing to record (exact unlearning: ε = δ = 0). */
    static Ledger exact() {
        return new Ledger() {
            @Override public int steps() { return 0; }
            @Override public Double privacyState() { return null; }
            @Override public Guarantee guarantee() { return Guarantee.of(0, 0); }
            @Override public Map<String, Object> outputs() { return Map.of(); }
        };
    }
}
