package org.unlearning.workbench.accounting;

import java.util.Arrays;

/**
 * Running accountant for a gradient-clipping run (Opacus style): the engine reports every noisy
 * step it actually executed, and asks for the certified state — the same (GC-RDP) formula that
 * planned the run (§4.2), applied to the executed steps (§4.5 for partial runs). Not thread-safe.
 */
public final class GradientClippingLedger {
    private final double c0;
    private final double c1;
    private double[] etas = new double[16];
    private double[] lambdas = new double[16];
    private double[] sigmas = new double[16];
    private int steps;

    /**
     * @param c0 initial model clip radius C0 &gt; 0
     * @param c1 gradient clip C1 &gt; 0
     */
    public GradientClippingLedger(double c0, double c1) {
        this.c0 = Require.positive("C0", c0);
        this.c1 = Require.positive("C1", c1);
    }

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
}
