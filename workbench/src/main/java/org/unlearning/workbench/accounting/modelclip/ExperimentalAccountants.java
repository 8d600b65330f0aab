package org.unlearning.workbench.accounting.modelclip;

import org.unlearning.workbench.accounting.Require;
import org.unlearning.workbench.accounting.Numerics;

/**
 * EXPERIMENTAL exploratory accountants of viz_accountants.py (§5.3); not used by the trainer or
 * the paper's figures; ultra_mixing's provenance is unverified. Never the certified figure.
 */
public final class ExperimentalAccountants {
    private ExperimentalAccountants() {}

    /** (ε, δ) after the steps and the per-step coefficient γ. */
    public record Result(double epsilon, double delta, double gamma) {}

    private static void check(double eps, double delta, double sigma, double c, long steps) {
        Require.nonNegative("epsilon", eps);
        Require.unitInterval("delta", delta);
        Require.positive("sigma", sigma);
        Require.nonNegative("C", c);
        Require.atLeast("steps", steps, 0);
    }

    /** weak_dobrushin: γ = θ_0(2C/σ) = 2Φ(C/σ) − 1; δ ← γ δ per step; ε unchanged. */
    public static Result weakDobrushin(double eps, double delta, double sigma, double c, long steps) {
        check(eps, delta, sigma, c, steps);
        double gamma = Numerics.theta(0, 2 * c / sigma);
        double d = delta;
        for (long t = 0; t < steps; t++) {
            d *= gamma;
        }
        return new Result(eps, d, gamma);
    }

    /** ultra_mixing: γ = 1 − exp(−2(C/σ)²); ε' = ln(1 + γ(e^ε − 1)), δ' = γ δ e^{ε' − ε} per step. */
    public static Result ultraMixing(double eps, double delta, double sigma, double c, long steps) {
        check(eps, delta, sigma, c, steps);
        double gamma = -Math.expm1(-2 * (c / sigma) * (c / sigma));
        double e = eps, d = delta;
        for (long t = 0; t < steps; t++) {
            double next = Math.log1p(gamma * Math.expm1(e));
            d = gamma * d * Math.exp(next - e);
            e = next;
        }
        return new Result(e, d, gamma);
    }
}
