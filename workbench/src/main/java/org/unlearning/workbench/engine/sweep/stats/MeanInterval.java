package org.unlearning.workbench.engine.sweep.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Mean of a sweep point's values over seeds with a Student-t confidence interval
 * {@code mean ± t_{(1+c)/2, n−1} · s / √n} (s: sample standard deviation, n − 1 in the
 * denominator). With a single seed the interval is undefined (NaN bounds, {@link #defined()} false).
 */
public record MeanInterval(int n, double mean, double standardDeviation, double lower, double upper,
                           double confidence) {

    /** The interval at {@code confidence} in (0, 1) over finite {@code values} (at least one). */
    public static MeanInterval of(double[] values, double confidence) {
        checkConfidence(confidence);
        checkValues(values);
        int n = values.length;
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        if (n == 1) {
            return new MeanInterval(1, mean, Double.NaN, Double.NaN, Double.NaN, confidence);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double t = new TDistribution(null, n - 1, 1e-12).inverseCumulativeProbability(0.5 + confidence / 2);
        double half = t * sd / Math.sqrt(n);
        return new MeanInterval(n, mean, sd, mean - half, mean + half, confidence);
    }

    /** The 95 % interval. */
    public static MeanInterval of95(double[] values) {
        return of(values, 0.95);
    }

    /** True when there were at least two values (an interval exists). */
    public boolean defined() { return n >= 2; }

    public double halfWidth() { return (upper - lower) / 2; }

    /**
     * True when the interval reaches outside {@code [min, max]}, the range of a bounded quantity
     * (an accuracy in [0, 1], a difference of AUCs in [−1, 1]): the t-interval assumes an unbounded
     * normal mean, which few, spread seeds of a bounded quantity break.
     */
    public boolean exceeds(double min, double max) {
        return defined() && (lower < min || upper > max);
    }

    /** This interval with its bounds cut to {@code [min, max]} (mean, n and s unchanged). */
    public MeanInterval clampedTo(double min, double max) {
        if (!(min <= max)) {
            throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
        }
        if (!exceeds(min, max)) {
            return this;
        }
        return new MeanInterval(n, mean, standardDeviation, Math.max(min, Math.min(max, lower)),
                Math.min(max, Math.max(min, upper)), confidence);
    }

    static void checkConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1) (got " + confidence + ")");
        }
    }

    static void checkValues(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to summarise");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("value " + i + " is not a finite number (" + values[i]
                        + "); leave runs without a value out and report how many");
            }
        }
    }
}
