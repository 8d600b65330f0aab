package org.unlearning.workbench.accounting.gradclip;

import org.unlearning.workbench.accounting.Require;
import org.unlearning.workbench.accounting.RenyiConversion;

/**
 * Gradient clipping, Paper A eq. (3) (theory.md §4): number of noisy steps, noise calibration and
 * the privacy-amplification-by-iteration accountant. Requires 0 &lt; ηλ &lt; 1 or λ = 0 for the
 * closed forms; the general per-step coefficient accepts any η_t, λ_t ≥ 0.
 */
public final class GradientClippingAccountant {
    private GradientClippingAccountant() {}

    /** §4.3 steps rule, evaluated exactly in the order written (binary64). */
    public static StepsRule steps(double c0, double c1, double eta, double lambda) {
        Require.nonNegative("C0", c0);
        Require.positive("C1", c1);
        Require.positive("eta", eta);
        Require.nonNegative("lambda", lambda);
        double tNoReg = Math.ceil(c0 / (c1 * eta));
        if (tNoReg > 1e15) {
            throw new IllegalArgumentException("C0 / (C1 * eta) must be at most 1e15 steps (got " + tNoReg + ")");
        }
        long noReg = (long) tNoReg;
        if (lambda > 0 && c0 > 0) {
            double x = lambda * 2 * c0 / c1;
            double tReg = Math.ceil(Math.log(x) / (eta * lambda));
            long reg = (long) Math.max(-9.0e15, Math.min(9.0e15, tReg));
            if (reg > 0 && reg < noReg) {
                return new StepsRule(reg, noReg, reg, true);
            }
            return new StepsRule(noReg, noReg, reg, false);
        }
        return new StepsRule(noReg, noReg, null, false);
    }

    private static void checkClosedForm(double eta, double lambda) {
        Require.positive("eta", eta);
        Require.nonNegative("lambda", lambda);
        if (lambda > 0 && !(eta * lambda < 1)) {
            throw new IllegalArgumentException("eta * lambda must be < 1 for gradient clipping (got "
                    + eta * lambda + "; theory §12 A-8)");
        }
    }

    /** N = D0 ρ^T + (2 C1/λ)(1 − ρ^T), or D0 + 2 C1 η T for λ = 0 (§4.2 closed form). */
    public static double shiftTotal(double c0, double c1, double eta, double lambda, long t) {
        double d0 = 2 * c0;
        if (lambda == 0) {
            return d0 + 2 * c1 * eta * t;
        }
        double lr = t * Math.log1p(-eta * lambda);
        return d0 * Math.exp(lr) + (2 * c1 / lambda) * -Math.expm1(lr);
    }

    /** Z₁ = Z(σ = 1) = (1 − ρ^{2T})/(ηλ(2 − ηλ)), or T for λ = 0. */
    public static double unitNoiseWeight(double eta, double lambda, long t) {
        if (lambda == 0) {
            return t;
        }
        double el = eta * lambda;
        return -Math.expm1(2 * t * Math.log1p(-el)) / (el * (2 - el));
    }

    private static void checkCommon(double c0, double c1, long t) {
        Require.positive("C0", c0);
        Require.positive("C1", c1);
        Require.atLeast("T", t, 1);
    }

    /** §4.4 constant-schedule σ for a target ε_R (the code's parametrisation). */
    public static double sigmaConstant(double epsRenyi, double c0, double c1, double eta, double lambda,
                                       long t, SigmaFormula formula) {
        Require.positive("eps_renyi", epsRenyi);
        checkCommon(c0, c1, t);
        checkClosedForm(eta, lambda);
        double n = shiftTotal(c0, c1, eta, lambda, t);
        if (lambda == 0) {
            double denom = (formula == SigmaFormula.CODE ? 4 : 2) * epsRenyi * t;
            return Math.sqrt(n * n / denom);
        }
        return n / Math.sqrt(2 * epsRenyi * unitNoiseWeight(eta, lambda, t));
    }

    /**
     * §4.4 decreasing schedule σ_t² = N² / (2 ε_R T ρ^{2(T − t − 1)}), t = 0..T−1. For λ = 0 the
     * code ignores the schedule and this returns the constant σ.
     */
    public static double[] sigmaDecreasing(double epsRenyi, double c0, double c1, double eta, double lambda,
                                           long t, SigmaFormula formula) {
        Require.positive("eps_renyi", epsRenyi);
        checkCommon(c0, c1, t);
        checkClosedForm(eta, lambda);
        checkArrayLength(t);
        double[] s = new double[(int) t];
        if (lambda == 0) {
            java.util.Arrays.fill(s, sigmaConstant(epsRenyi, c0, c1, eta, lambda, t, formula));
            return s;
        }
        double n = shiftTotal(c0, c1, eta, lambda, t);
        double lnRho = Math.log1p(-eta * lambda);
        for (int i = 0; i < t; i++) {
            s[i] = n / Math.sqrt(2 * epsRenyi * t) * Math.exp(-(t - i - 1) * lnRho);
        }
        return s;
    }

    private static void checkArrayLength(long t) {
        if (t > 50_000_000) {
            throw new IllegalArgumentException("T must be at most 50000000 for a per-step schedule (got " + t + ")");
        }
    }

    /**
     * Correct calibration (§4.4, workbench default): ρ* = ρ_max(ε, δ) by (C2), σ = N / sqrt(2 ρ* Z₁).
     */
    public static double sigmaForEpsDelta(double eps, double delta, double c0, double c1, double eta,
                                          double lambda, long t) {
        double rho = RenyiConversion.maxRhoImproved(eps, delta);
        return sigmaForRho(rho, c0, c1, eta, lambda, t);
    }

    /** σ (constant schedule) achieving exactly ρ_R = rho. */
    public static double sigmaForRho(double rho, double c0, double c1, double eta, double lambda, long t) {
        Require.positive("rho_R", rho);
        checkCommon(c0, c1, t);
        checkClosedForm(eta, lambda);
        return shiftTotal(c0, c1, eta, lambda, t) / Math.sqrt(2 * rho * unitNoiseWeight(eta, lambda, t));
    }

    /** Decreasing schedule achieving ρ_R = rho (feasibility must be checked with {@link #rdpCoefficient}). */
    public static double[] sigmasDecreasingForRho(double rho, double c0, double c1, double eta, double lambda,
                                                  long t) {
        double[] s = sigmaDecreasing(rho, c0, c1, eta, lambda, t, SigmaFormula.CONSISTENT);
        return s;
    }

    /** ρ_R of a constant-σ run with constant η, λ (closed form of §4.2). */
    public static double rhoConstant(double sigma, double c0, double c1, double eta, double lambda, long t) {
        Require.positive("sigma", sigma);
        checkCommon(c0, c1, t);
        checkClosedForm(eta, lambda);
        double n = shiftTotal(c0, c1, eta, lambda, t);
        return n * n / (2 * sigma * sigma * unitNoiseWeight(eta, lambda, t));
    }

    /**
     * General per-step coefficient (GC-RDP, §4.2) with the shift-feasibility check: steps
     * t = 0..T−1 with learning rate etas[t], regularisation lambdas[t] and noise sigmas[t].
     */
    public static RdpCoefficient rdpCoefficient(double c0, double c1, double[] etas, double[] lambdas,
                                                double[] sigmas) {
        Require.nonNegative("C0", c0);
        Require.nonNegative("C1", c1);
        int t = sigmas.length;
        if (t == 0 || etas.length != t || lambdas.length != t) {
            throw new IllegalArgumentException("sigmas, etas and lambdas must have the same length >= 1 (got "
                    + sigmas.length + ", " + etas.length + ", " + lambdas.length + ")");
        }
        double[] rho = new double[t];
        boolean expansive = false;
        for (int i = 0; i < t; i++) {
            Require.positive("sigmas[" + i + "]", sigmas[i]);
            Require.nonNegative("etas[" + i + "]", etas[i]);
            Require.nonNegative("lambdas[" + i + "]", lambdas[i]);
            rho[i] = Math.abs(1 - etas[i] * lambdas[i]);
            expansive |= rho[i] > 1;
        }
        // w_t = Π_{k>t} |ρ_k|; N = D0 Π|ρ_t| + Σ s_t w_t; Z = Σ σ_t² w_t² (computed backwards)
        double[] w = new double[t];
        double prod = 1;
        for (int i = t - 1; i >= 0; i--) {
            w[i] = prod;
            prod *= rho[i];
        }
        double n = 2 * c0 * prod, z = 0;
        for (int i = 0; i < t; i++) {
            n += 2 * etas[i] * c1 * w[i];
            z += sigmas[i] * sigmas[i] * w[i] * w[i];
        }
        if (!(z > 0)) {
            throw new IllegalArgumentException("etas and lambdas must not give eta*lambda = 1 at every step after the first (the noise weights Z vanish)");
        }
        // Validity: a_t = (N/Z) w_t σ_t², z_{t+1} = |ρ_t| z_t + s_t − a_t, z_0 = D0, all z_t ≥ 0.
        double tol = 1e-9 * Math.max(1, n);
        double zt = 2 * c0;
        boolean feasible = true;
        for (int i = 0; i < t; i++) {
            zt = rho[i] * zt + 2 * etas[i] * c1 - (n / z) * w[i] * sigmas[i] * sigmas[i];
            if (zt < -tol) {
                feasible = false;
            }
        }
        return new RdpCoefficient(n * n / (2 * z), feasible, expansive, n, z);
    }

    /** Convenience: constant η, λ with a per-step σ schedule. */
    public static RdpCoefficient rdpCoefficient(double c0, double c1, double eta, double lambda, double[] sigmas) {
        double[] etas = new double[sigmas.length], lams = new double[sigmas.length];
        java.util.Arrays.fill(etas, eta);
        java.util.Arrays.fill(lams, lambda);
        return rdpCoefficient(c0, c1, etas, lams, sigmas);
    }
}
