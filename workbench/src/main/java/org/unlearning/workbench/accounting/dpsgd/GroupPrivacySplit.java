package org.unlearning.workbench.accounting.dpsgd;

import org.unlearning.workbench.accounting.Require;
import org.unlearning.workbench.accounting.Numerics;

/**
 * Per-example budget for forgetting k points by group privacy (§8.1).
 *
 * @param eps1               ε₁ = ε / k
 * @param delta1             per-example δ₁ (rule-dependent)
 * @param groupDeltaStandard the true group δ_k = δ₁ Σ_{i&lt;k} e^{iε₁} implied by δ₁
 */
public record GroupPrivacySplit(double eps1, double delta1, double groupDeltaStandard) {

    /** Group rule. */
    public enum Rule {
        /** δ₁ = δ (e^{ε₁} − 1)/(e^{kε₁} − 1): group δ is exactly δ. Default. */
        STANDARD,
        /** Authors' code δ₁ = δ e^{−(k−1)ε₁}: the real group δ exceeds δ. */
        CODE
    }

    public static GroupPrivacySplit of(double eps, double delta, long k, Rule rule) {
        Require.positive("epsilon", eps);
        Require.probability("delta", delta);
        Require.atLeast("k", k, 1);
        double eps1 = eps / k;
        double lnDelta1;
        if (rule == Rule.CODE) {
            lnDelta1 = Math.log(delta) + (eps1 - 1) - (k * eps1 - 1);
        } else {
            lnDelta1 = Math.log(delta) + logRatio(eps1, k);
        }
        double delta1 = Math.exp(lnDelta1);
        double group = Math.exp(lnDelta1 - logRatio(eps1, k));
        return new GroupPrivacySplit(eps1, delta1, group);
    }

    /** ln((e^{ε₁} − 1)/(e^{kε₁} − 1)). */
    private static double logRatio(double eps1, long k) {
        return Numerics.logExpm1(eps1) - Numerics.logExpm1(k * eps1);
    }

    /** Group δ for k points from a per-example (ε₁, δ₁): δ₁ Σ_{i&lt;k} e^{iε₁}. */
    public static double groupDelta(double eps1, double delta1, long k) {
        if (eps1 == 0) {
            return delta1 * k;
        }
        return Math.exp(Math.log(delta1) - logRatio(eps1, k));
    }
}
