package org.unlearning.workbench.accounting.dpsgd;

import org.unlearning.workbench.accounting.Require;
import org.unlearning.workbench.accounting.ConversionResult;

import java.util.Arrays;

/**
 * Total RDP of S Poisson-subsampled Gaussian steps over an order grid (§8.2), evaluated lazily and
 * converted with (C4). An integer order is computed only if a cheap exact lower bound on its RDP
 * (the largest single term of the sum A_α) could still beat the best ε found so far; skipping it
 * cannot change the minimum because the (C4) candidate is non-decreasing in the RDP value.
 * Not thread-safe.
 */
public final class RdpCurve {
    private final double q;
    private final double sigma;
    private final long steps;
    private final double[] orders;
    private final double[] total;

    public RdpCurve(double q, double noiseMultiplier, long steps, double[] orders) {
        this.q = Require.unitInterval("q", q);
        this.sigma = Require.nonNegative("noise_multiplier", noiseMultiplier); // 0 → RDP = +∞ (§8.2)
        this.steps = Require.atLeast("steps", steps, 1);
        this.orders = orders == null ? SubsampledGaussianRdp.AUTHORS_ORDERS : orders.clone();
        for (double a : this.orders) {
            if (!(a > 1)) {
                throw new IllegalArgumentException("orders must be > 1 (got " + a + ")");
            }
        }
        this.total = new double[this.orders.length];
        Arrays.fill(total, Double.NaN);
    }

    /** Authors' order grid. */
    public RdpCurve(double q, double noiseMultiplier, long steps) {
        this(q, noiseMultiplier, steps, null);
    }

    private double total(int i) {
        if (Double.isNaN(total[i])) {
            total[i] = steps * SubsampledGaussianRdp.rdp(q, sigma, orders[i]);
        }
        return total[i];
    }

    /** (C4) candidate for one order and total RDP r. */
    private static double candidate(double a, double r, double delta, double lnDelta) {
        if (r < 0 || delta * delta + Math.expm1(-r) > 0) {
            return 0;
        }
        if (a > 1.01) {
            return r + Math.log1p(-1 / a) - (lnDelta + Math.log(a)) / (a - 1);
        }
        return Double.POSITIVE_INFINITY;
    }

    /** Exact lower bound on the total RDP at an integer order: S · max term of A_α / (α − 1). */
    private double lowerBound(double a) {
        if (q == 1) {
            return steps * a / (2 * sigma * sigma);
        }
        double t0 = a * Math.log1p(-q);
        double ta = a * Math.log(q) + a * (a - 1) / (2 * sigma * sigma);
        return steps * Math.max(0, Math.max(t0, ta)) / (a - 1);
    }

    /**
     * ε at this δ and the minimising order. ε = {@code Double.POSITIVE_INFINITY} (the vector format's
     * "inf") only if every order is unusable, e.g. noise multiplier 0.
     */
    public ConversionResult epsilon(double delta) {
        Require.probability("delta", delta);
        double lnDelta = Math.log(delta);
        double best = Double.POSITIVE_INFINITY, bestAlpha = orders[0];
        for (int i = 0; i < orders.length; i++) {
            double a = orders[i];
            if (Double.isNaN(total[i]) && a == Math.rint(a) && best < Double.POSITIVE_INFINITY && q > 0 && sigma > 0
                    && candidate(a, lowerBound(a), delta, lnDelta) >= best) {
                continue;
            }
            double e = candidate(a, total(i), delta, lnDelta);
            if (e < best) {
                best = e;
                bestAlpha = a;
            }
        }
        return new ConversionResult(Math.max(0.0, best), bestAlpha);
    }
}
