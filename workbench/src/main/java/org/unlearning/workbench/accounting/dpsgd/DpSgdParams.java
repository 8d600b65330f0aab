package org.unlearning.workbench.accounting.dpsgd;

import org.unlearning.workbench.accounting.method.Param;
import org.unlearning.workbench.accounting.method.SharedParams;
import org.unlearning.workbench.accounting.method.Param.Control;
import org.unlearning.workbench.accounting.method.Param.Use;

/**
 * DP-SGD with group privacy (§8): the method's whole configuration, declared once.
 *
 * @param epsilon         target group ε &gt; 0 for the k forgotten points
 * @param delta           target group δ ∈ (0, 1)
 * @param nTrain          training-set size n (a run takes it from the data)
 * @param forgetCount     k = |D_f| ≥ 1 (a run takes it from the forget set)
 * @param batchSize       expected batch size B (Poisson sampling with q = B / n)
 * @param epochs          training epochs (S = epochs · ceil(n / B) steps)
 * @param clipNorm        per-example clip C (noise std = C · noise multiplier)
 * @param rule            group rule
 * @param noiseMultiplier optional user-fixed noise multiplier; the achieved guarantee is recomputed
 * @param learningRate    SGD step size of the DP-SGD training (not an accountant input)
 */
public record DpSgdParams(
        @Param(key = "epsilon", aliases = "eps", name = "Privacy level epsilon (group)", symbol = "ε", unit = "nats",
                min = 0, minInclusive = false, max = 1000, dflt = "50", log = true, slider = {0.01, 1000},
                tooltip = "Guarantee for the whole group of k forgotten points; each example gets epsilon / k. Log-scale slider.")
        double epsilon,
        @Param(key = "delta", from = SharedParams.class) double delta,
        @Param(key = "n_train", name = "Training-set size", symbol = "n", unit = "count", min = 2, max = 1e9,
                dflt = "45000", log = true, slider = {100, 1e7}, use = Use.CALCULATOR,
                tooltip = "Number of training examples (a run takes it from the data).")
        long nTrain,
        @Param(key = "k", name = "Forgotten points", symbol = "k", unit = "count", min = 1, max = 1e9, dflt = "225",
                log = true, slider = {1, 1e5}, use = Use.CALCULATOR,
                tooltip = "How many points may be forgotten: the group size (a run takes it from the forget set).")
        long forgetCount,
        @Param(key = "batch_size", name = "Batch size", symbol = "B", unit = "count", min = 1, max = 1e9, dflt = "128",
                log = true, slider = {1, 8192},
                tooltip = "Expected batch size; each example is sampled independently with probability q = B / n (Poisson).")
        long batchSize,
        @Param(key = "epochs", name = "Epochs", unit = "count", min = 1, max = 1e6, dflt = "50", log = true,
                slider = {1, 1000}, tooltip = "Training epochs with DP-SGD: S = epochs * ceil(n / B) noisy steps.")
        long epochs,
        @Param(key = "clip_norm", name = "Per-example clip", symbol = "C", unit = "L2 norm", min = 0,
                minInclusive = false, max = 1e6, dflt = "0.5", log = true, slider = {0.01, 100},
                tooltip = "Each example's gradient is clipped to this norm; noise std = C * noise multiplier.")
        double clipNorm,
        @Param(key = "rule", name = "Group rule", dflt = "standard",
                tooltip = "How the target delta is split per example; 'code' reproduces the authors' (too small) rule.")
        GroupPrivacySplit.Rule rule,
        @Param(key = "noise_multiplier", name = "Noise multiplier (fixed)", symbol = "σ/C", unit = "ratio", min = 1e-3,
                max = 1e5, log = true, slider = {0.1, 100}, control = Control.FIXABLE,
                tooltip = "Fix the noise multiplier yourself; the achieved group epsilon is recomputed.")
        Double noiseMultiplier,
        @Param(key = "learning_rate", name = "Learning rate", symbol = "η", unit = "step size", min = 0,
                minInclusive = false, max = 1e3, dflt = "0.25", log = true, slider = {1e-4, 10}, use = Use.RUN,
                tooltip = "SGD step size of the DP-SGD training (applied to the noisy sum divided by B).")
        double learningRate) {
    public DpSgdParams {
        if (rule == null) {
            rule = GroupPrivacySplit.Rule.STANDARD;
        }
    }

    /** Calibrated noise multiplier, standard rule, learning rate 0.25. */
    public static DpSgdParams of(double epsilon, double delta, long nTrain, long k, long batchSize, long epochs,
                                 double clipNorm) {
        return new DpSgdParams(epsilon, delta, nTrain, k, batchSize, epochs, clipNorm, GroupPrivacySplit.Rule.STANDARD,
                null, 0.25);
    }

    /** Sampling rate q = B / n. */
    public double samplingRate() {
        return (double) batchSize / nTrain;
    }

    /** S = epochs · ceil(n / B) (§8.3, drop_last = false). */
    public long steps() {
        return epochs * ((nTrain + batchSize - 1) / batchSize);
    }
}
