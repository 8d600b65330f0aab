package org.unlearning.workbench.accounting.method;

/** Range of a σ_t schedule (t = 0..T−1). */
public record NoiseRange(double first, double last, double min, double max) {
    public static NoiseRange of(double[] s) {
        double mn = Double.POSITIVE_INFINITY, mx = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            mn = Math.min(mn, v);
            mx = Math.max(mx, v);
        }
        return new NoiseRange(s[0], s[s.length - 1], mn, mx);
    }
}
