package org.unlearning.workbench.accounting.gradclip;

import org.unlearning.workbench.accounting.Require;
import org.unlearning.workbench.accounting.RenyiConversion;

import org.unlearning.workbench.accounting.method.Guarantee;
import org.unlearning.workbench.accounting.method.Ledger;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Running accountant for a gradient-clipping run (Opacus style): the engine reports every noisy
 * step it actually executed, and asks for the certified state — the same (GC-RDP) formula that
 * planned the run (§4.2), applied to the executed steps (§4.5 for partial runs). Not thread-safe.
 */
public final class GradientClippingLedger implements Ledger {
    /** Relative tolerance between the planned and the ledger's ε (both double, same formula). */
    private static final double PLAN_TOLERANCE = 1e-9;

    private final double c0;
    private final double c1;
    private final Plan plan;
    private double[] etas = new double[16];
    private double[] lambdas = new double[16];
    private double[] sigmas = new double[16];
    private int steps;

    /**
     * @param c0 initial model clip radius C0 &gt; 0
     * @param c1 gradient clip C1 &gt; 0
     */
    public GradientClippingLedger(double c0, double c1) {
        this(c0, c1, null);
    }

    /** A ledger for a planned run: {@link #guarantee()} compares what ran with the plan. */
    public GradientClippingLedger(double c0, double c1, Plan plan) {
        this.c0 = Require.positive("C0", c0);
        this.c1 = Require.positive("C1", c1);
        this.plan = plan;
    }

    /**
     * What the run was calibrated for.
     *
     * @param delta   target δ (the conversion's δ)
     * @param steps   calibrated T
     * @param epsilon planned ε
     */
    public record Plan(double delta, int steps, double epsilon) {}

    /** Records one executed noisy step x ← x − η(Π_{C1}(g) + λx) + N(0, σ²I). */
    public synchronized void recordStep(double eta, double lambda, double sigma) {
        Require.positive("eta", eta);
        Require.nonNegative("lambda", lambda);
        Require.positive("sigma", sigma);
        if (steps == sigmas.length) {
            etas = Arrays.copyOf(etas, 2 * steps);
            lambdas = Arrays.copyOf(lambdas, 2 * steps);
            sigmas = Arrays.copyOf(sigmas, 2 * steps);
        }
        etas[steps] = eta;
        lambdas[steps] = lambda;
        sigmas[steps] = sigma;
        steps++;
    }

    /** Number of noisy steps recorded. */
    @Override
    public synchronized int steps() {
        return steps;
    }

    /** Full coefficient with the shift-feasibility check; throws if no step was recorded. */
    public synchronized RdpCoefficient coefficient() {
        if (steps == 0) {
            throw new IllegalStateException("no noisy step recorded yet: no guarantee");
        }
        return GradientClippingAccountant.rdpCoefficient(c0, c1, Arrays.copyOf(etas, steps),
                Arrays.copyOf(lambdas, steps), Arrays.copyOf(sigmas, steps));
    }

    /** ρ_R of the executed steps. */
    public double rhoR() {
        return coefficient().rhoR();
    }

    /** Whether the executed schedule is certified by the shift argument. */
    public boolean shiftFeasible() {
        return coefficient().shiftFeasible();
    }

    /**
     * ε at this δ by the improved conversion (C2) of the executed steps' ρ_R. It is a certificate
     * only if {@link #shiftFeasible()}; prefer {@link #certifiedEpsilon}.
     */
    public double epsilon(double delta) {
        return RenyiConversion.improved(rhoR(), delta).epsilon();
    }

    /** ε at this δ if the executed schedule is certified by the shift argument, else empty. */
    public java.util.OptionalDouble certifiedEpsilon(double delta) {
        RdpCoefficient c = coefficient();
        return c.shiftFeasible() ? java.util.OptionalDouble.of(RenyiConversion.improved(c.rhoR(), delta).epsilon())
                : java.util.OptionalDouble.empty();
    }

    /** Legacy (authors') ε of the same ρ_R — for comparison only, never the certificate. */
    public double legacyAuthorsEpsilon(double delta) {
        return RenyiConversion.legacyAuthorsEpsilon(rhoR(), delta, RenyiConversion.LegacyGrid.TRAINER).epsilon();
    }

    /** σ_t of the recorded steps. */
    public synchronized double[] sigmas() {
        return Arrays.copyOf(sigmas, steps);
    }

    /** Running ρ_R of the executed steps (null before the first). */
    @Override
    public synchronized Double privacyState() {
        return steps == 0 ? null : rhoR();
    }

    /**
     * (ε, δ) of the executed steps when all T calibrated steps ran, the shift argument certifies
     * them and ε agrees with the plan; otherwise why not.
     */
    @Override
    public synchronized Guarantee guarantee() {
        if (plan == null) {
            throw new IllegalStateException("ledger without a plan: no target delta");
        }
        if (steps != plan.steps()) {
            return Guarantee.none("the noisy phase ran " + steps + " of the " + plan.steps() + " calibrated steps");
        }
        RdpCoefficient c = coefficient();
        if (!c.shiftFeasible()) {
            return Guarantee.none("the running accountant does not certify the executed steps");
        }
        double eps = RenyiConversion.improved(c.rhoR(), plan.delta()).epsilon();
        if (Math.abs(eps - plan.epsilon()) > PLAN_TOLERANCE * Math.max(Math.abs(plan.epsilon()), 1e-300)) {
            return Guarantee.none("ledger and calibration disagree: " + eps + " vs " + plan.epsilon());
        }
        return Guarantee.of(eps, plan.delta());
    }

    @Override
    public synchronized Map<String, Object> outputs() {
        Map<String, Object> m = new LinkedHashMap<>();
        RdpCoefficient c = steps == 0 ? null : coefficient();
        m.put("rho_R", c == null ? null : c.rhoR());
        m.put("shift_feasible", c == null ? null : c.shiftFeasible());
        m.put("expansive", c == null ? null : c.expansive());
        m.put("N", c == null ? null : c.n());
        m.put("Z", c == null ? null : c.z());
        if (c != null && plan != null) {
            m.put("renyi_order_alpha", RenyiConversion.improved(c.rhoR(), plan.delta()).alpha());
            m.put("legacy_authors_epsilon", legacyAuthorsEpsilon(plan.delta()));
        }
        return m;
    }
}
