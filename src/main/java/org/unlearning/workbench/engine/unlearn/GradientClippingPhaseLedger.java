package org.unlearning.workbench.engine.unlearn;

import org.unlearning.workbench.accounting.GradientClippingAccountant;
import org.unlearning.workbench.accounting.RdpCoefficient;
import org.unlearning.workbench.accounting.RenyiConversion;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Running gradient-clipping accountant (§4.2, §4.5): ρ_R of the steps executed so far by the
 * general per-step (GC-RDP) formula, converted to (ε, δ) with (C2) at the target δ.
 */
final class GradientClippingPhaseLedger implements NoisyPhaseLedger {
    private final double c0;
    private final double c1;
    private final double delta;
    private double[] etas = new double[16];
    private double[] lambdas = new double[16];
    private double[] sigmas = new double[16];
    private int n;
    private RdpCoefficient current;

    GradientClippingPhaseLedger(double c0, double c1, double delta) {
        this.c0 = c0;
        this.c1 = c1;
        this.delta = delta;
    }

    @Override
    public void recordStep(double eta, double lambda, double sigma) {
        if (n == etas.length) {
            etas = Arrays.copyOf(etas, 2 * n);
            lambdas = Arrays.copyOf(lambdas, 2 * n);
            sigmas = Arrays.copyOf(sigmas, 2 * n);
        }
        etas[n] = eta;
        lambdas[n] = lambda;
        sigmas[n] = sigma;
        n++;
        current = GradientClippingAccountant.rdpCoefficient(c0, c1, Arrays.copyOf(etas, n),
                Arrays.copyOf(lambdas, n), Arrays.copyOf(sigmas, n));
    }

    @Override
    public int steps() {
        return n;
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
        return current == null ? null : RenyiConversion.improved(current.rhoR(), delta).epsilon();
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
        }
        return m;
    }
}
