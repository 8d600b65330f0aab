package org.unlearning.workbench.accounting.calculator;

import org.unlearning.workbench.accounting.GroupPrivacySplit;

/**
 * DP-SGD with group privacy (§8).
 *
 * @param epsilon         target group ε &gt; 0 for the k forgotten points
 * @param delta           target group δ ∈ (0, 1)
 * @param nTrain          training-set size
 * @param forgetCount     k = |D_f| ≥ 1
 * @param batchSize       B (q = B / n_train, Poisson sampling assumed)
 * @param epochs          training epochs (S = epochs · ceil(n_train / B))
 * @param clipNorm        per-example clip C (noise std = C · noise multiplier)
 * @param rule            group rule (default standard)
 * @param noiseMultiplier optional user-fixed noise multiplier; the achieved guarantee is recomputed
 */
public record DpSgdParams(double epsilon, double delta, long nTrain, long forgetCount, long batchSize,
                          long epochs, double clipNorm, GroupPrivacySplit.Rule rule, Double noiseMultiplier)
        implements MethodParams {
    public DpSgdParams {
        if (rule == null) {
            rule = GroupPrivacySplit.Rule.STANDARD;
        }
    }

    @Override
    public Method method() {
        return Method.DP_SGD;
    }
}
