package org.unlearning.workbench.accounting.dpsgd;

import org.unlearning.workbench.accounting.Require;
import org.unlearning.workbench.accounting.RenyiConversion;
import org.unlearning.workbench.accounting.Numerics;

import org.apache.commons.math3.special.Gamma;

/**
 * RDP of the Poisson-subsampled Gaussian mechanism (§8.2), as dp_accounting 0.4.4 computes it:
 * exact sum for integer orders, the Mironov–Talwar–Zhang series (absolute binomials, an upper
 * bound) for fractional orders. Per-step values may be +∞ (σ = 0, or the series does not
 * converge); callers convert with {@link RenyiConversion#curve}.
 */
public final class SubsampledGaussianRdp {
    /** The authors' order grid: 1.1, 1.2, …, 10.9 and 11, 61, …, 10211. */
    public static final double[] AUTHORS_ORDERS = authorsOrders();

    private static volatile double[] logFactorial = new double[0];

    private SubsampledGaussianRdp() {}

    private static double[] authorsOrders() {
        double[] o = new double[99 + 205];
        for (int k = 0; k < 99; k++) {
            o[k] = new java.math.BigDecimal(11 + k).movePointLeft(1).doubleValue();
        }
        for (int k = 0; k < 205; k++) {
            o[99 + k] = 11 + 50 * k;
        }
        return o;
    }

    private static double[] logFactorials(int n) {
        double[] t = logFactorial;
        if (t.length > n) {
            return t;
        }
        synchronized (SubsampledGaussianRdp.class) {
            if (logFactorial.length > n) {
                return logFactorial;
            }
            int size = Math.max(n + 1, 10_300);
            double[] nt = new double[size];
            for (int k = 2; k < size; k++) {
                nt[k] = Gamma.logGamma(k + 1.0);
            }
            logFactorial = nt;
            return nt;
        }
    }

    /** Per-step RDP at each order. */
    public static double[] rdp(double q, double noiseMultiplier, double[] orders) {
        Require.unitInterval("q", q);
        Require.nonNegative("noise_multiplier", noiseMultiplier);
        double[] out = new double[orders.length];
        for (int i = 0; i < orders.length; i++) {
            out[i] = rdp(q, noiseMultiplier, orders[i]);
        }
        return out;
    }

    /** Per-step RDP at one order α &gt; 1. */
    public static double rdp(double q, double sigma, double alpha) {
        if (!(alpha > 1)) {
            throw new IllegalArgumentException("orders must be > 1 (got " + alpha + ")");
        }
        if (q == 0) {
            return 0;
        }
        if (sigma == 0 || alpha == Double.POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        if (q == 1) {
            return alpha / (2 * sigma * sigma);
        }
        double logA = alpha == Math.rint(alpha) && alpha < 1e7 ? logAInt(q, sigma, (int) alpha) : logAFrac(q, sigma, alpha);
        return logA / (alpha - 1);
    }

    private static double logAInt(double q, double sigma, int alpha) {
        double[] lf = logFactorials(alpha);
        double lq = Math.log(q), l1q = Math.log1p(-q), inv2s2 = 1 / (2 * sigma * sigma);
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[alpha + 1];
        for (int i = 0; i <= alpha; i++) {
            double s = lf[alpha] - lf[i] - lf[alpha - i] + i * lq + (alpha - i) * l1q + ((double) i * i - i) * inv2s2;
            terms[i] = s;
            if (s > max) {
                max = s;
            }
        }
        double sum = 0;
        double cut = max - 750;
        for (int i = 0; i <= alpha; i++) {
            if (terms[i] > cut) {
                sum += Math.exp(terms[i] - max);
            }
        }
        return max + Math.log(sum);
    }

    private static double logAFrac(double q, double sigma, double alpha) {
        double a0 = Double.NEGATIVE_INFINITY, a1 = Double.NEGATIVE_INFINITY;
        double z0 = sigma * sigma * Math.log(1 / q - 1) + 0.5;
        double lq = Math.log(q), l1q = Math.log1p(-q), s2 = 2 * sigma * sigma;
        double lgA = Numerics.logAbsGamma(alpha + 1);
        double s0Prev = Double.NEGATIVE_INFINITY, s1Prev = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 1000; i++) {
            double j = alpha - i;
            double lc = lgA - Numerics.logAbsGamma(i + 1.0) - Numerics.logAbsGamma(alpha - i + 1);
            double s0 = lc + i * lq + j * l1q + ((double) i * i - i) / s2 + Numerics.logQ((i - z0) / sigma);
            double s1 = lc + j * lq + i * l1q + (j * j - j) / s2 + Numerics.logQ((z0 - j) / sigma);
            a0 = Numerics.logAdd(a0, s0);
            a1 = Numerics.logAdd(a1, s1);
            if (i > 0 && s0 < s0Prev && s1 < s1Prev && Math.max(s0, s1) < Numerics.logAdd(a0, a1) - 30) {
                return Numerics.logAdd(a0, a1);
            }
            s0Prev = s0;
            s1Prev = s1;
        }
        return Double.POSITIVE_INFINITY;
    }
}
