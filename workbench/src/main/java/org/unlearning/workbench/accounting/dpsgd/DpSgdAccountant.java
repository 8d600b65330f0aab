package org.unlearning.workbench.accounting.dpsgd;

import org.unlearning.workbench.accounting.CalibrationSearch;
import org.unlearning.workbench.accounting.Require;
import org.unlearning.workbench.accounting.ConversionResult;

/**
 * DP-SGD with group privacy as an unlearning baseline (§8): ε of S Poisson-subsampled Gaussian
 * steps over the authors' order grid via (C4), the noise-multiplier calibration (§8.3) and
 * the full pipeline from a target (ε, δ) for k forgotten points.
 */
public final class DpSgdAccountant {
    private DpSgdAccountant() {}

    /**
     * ε after {@code steps} steps at sampling rate q ∈ [0, 1] and noise multiplier σ ≥ 0 (authors' grid
     * unless given); +∞ when σ = 0 and q &gt; 0 (§8.2).
     */
    public static ConversionResult epsilon(double q, double noiseMultiplier, long steps, double delta,
                                           double[] orders) {
        Require.probability("delta", delta);
        return new RdpCurve(q, noiseMultiplier, steps, orders).epsilon(delta);
    }

    /**
     * The noise multiplier for ε₁ at δ₁ by the calibration search with §8.3's bracket [0.01, 1e5] and
     * stopping rule (arithmetic bisection until |ε − ε₁| ≤ 1e−4 or the midpoint moves less than 1e−5):
     * the last midpoint with ε ≤ ε₁; empty when even 1e5 does not reach ε₁ (infeasible).
     */
    public static java.util.OptionalDouble noiseMultiplier(double eps1, double delta1, double q, long steps) {
        Require.positive("epsilon", eps1);
        Require.probability("delta", delta1);
        Require.probabilityOrOne("q", q);
        Require.atLeast("steps", steps, 1);
        return CalibrationSearch.bisect(new CalibrationSearch.Budget(
                        nm -> new RdpCurve(q, nm, steps).epsilon(delta1).epsilon(), eps1, true),
                0.01, 1e5, CalibrationSearch.Scale.ARITHMETIC, 1e-5, 1e-4);
    }

    /**
     * Data sizes of the DP-SGD runs (§8.1, §8.3).
     *
     * @param nTrain n_total − floor(n_total · val_split)
     * @param k      forgotten points floor(n_train · forget_split)
     * @param q      B / n_train
     * @param steps  epochs · ceil(n_train / B)
     */
    public record Sizes(long nTrain, long k, double q, long steps) {
        public static Sizes of(long nTotal, double valSplit, double forgetSplit, long batchSize, long epochs) {
            Require.atLeast("n_total", nTotal, 2);
            Require.finite("val_split", valSplit);
            if (valSplit < 0 || valSplit >= 1) {
                throw new IllegalArgumentException("val_split must be in [0, 1) (got " + valSplit + ")");
            }
            Require.probability("forget_split", forgetSplit);
            Require.atLeast("batch_size", batchSize, 1);
            Require.atLeast("epochs", epochs, 1);
            long nTrain = nTotal - (long) Math.floor(nTotal * valSplit);
            long k = (long) Math.floor(nTrain * forgetSplit);
            if (k < 1) {
                throw new IllegalArgumentException("forget_split * n_train must be >= 1 forgotten point (got "
                        + nTrain * forgetSplit + ")");
            }
            if (batchSize > nTrain) {
                throw new IllegalArgumentException("batch_size must be <= n_train = " + nTrain + " (got " + batchSize + ")");
            }
            long steps = epochs * ((nTrain + batchSize - 1) / batchSize);
            return new Sizes(nTrain, k, (double) batchSize / nTrain, steps);
        }
    }

    /**
     * Full pipeline result.
     *
     * @param noiseMultiplier σ*, or null when infeasible
     */
    public record Pipeline(Sizes sizes, GroupPrivacySplit split, Double noiseMultiplier) {}

    public static Pipeline pipeline(double eps, double delta, Sizes sizes, GroupPrivacySplit.Rule rule) {
        GroupPrivacySplit split = GroupPrivacySplit.of(eps, delta, sizes.k(), rule);
        java.util.OptionalDouble nm = noiseMultiplier(split.eps1(), split.delta1(), sizes.q(), sizes.steps());
        return new Pipeline(sizes, split, nm.isPresent() ? nm.getAsDouble() : null);
    }
}
