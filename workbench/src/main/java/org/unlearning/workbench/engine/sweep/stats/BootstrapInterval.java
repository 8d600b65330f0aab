package org.unlearning.workbench.engine.sweep.stats;

import java.util.Arrays;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Seeded percentile bootstrap confidence interval of a statistic (by default the mean) of a sweep
 * point's values over seeds, used for compute savings (a ratio whose spread over seeds is far from
 * normal). {@code resamples} times the values are drawn n times with replacement
 * ({@link java.util.Random} with {@code seed}: the same on every JVM), the statistic is computed on
 * each resample, and the bounds are the {@code (1 − c)/2} and {@code (1 + c)/2} quantiles of those
 * (linear interpolation between order statistics, "type 7"). With few seeds there are few distinct
 * resamples (n = 3: 10), so the interval is coarse; it says nothing a t-interval could not when the
 * values are near normal.
 */
public record BootstrapInterval(double estimate, double lower, double upper, double confidence, int resamples,
                                long seed) {
    /** Resamples unless a caller says otherwise. */
    public static final int DEFAULT_RESAMPLES = 10_000;

    /** Percentile interval of the mean, {@link #DEFAULT_RESAMPLES} resamples. */
    public static BootstrapInterval ofMean(double[] values, double confidence, long seed) {
        return of(values, BootstrapInterval::mean, confidence, DEFAULT_RESAMPLES, seed);
    }

    /** Percentile interval of {@code statistic}; {@code estimate} is the statistic of the values themselves. */
    public static BootstrapInterval of(double[] values, ToDoubleFunction<double[]> statistic, double confidence,
                                       int resamples, long seed) {
        MeanInterval.checkConfidence(confidence);
        MeanInterval.checkValues(values);
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be >= 1 (got " + resamples + ")");
        }
        int n = values.length;
        Random rnd = new Random(seed);
        double[] stats = new double[resamples];
        double[] sample = new double[n];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < n; i++) {
                sample[i] = values[rnd.nextInt(n)];
            }
            stats[b] = statistic.applyAsDouble(sample);
        }
        Arrays.sort(stats);
        return new BootstrapInterval(statistic.applyAsDouble(values.clone()),
                quantile(stats, (1 - confidence) / 2), quantile(stats, (1 + confidence) / 2), confidence, resamples, seed);
    }

    /** Arithmetic mean. */
    public static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }

    /** Quantile {@code p} of ascending {@code sorted} values, interpolating at (n − 1)·p ("type 7"). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
