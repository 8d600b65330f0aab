package org.unlearning.workbench.accounting.method;

import java.util.function.DoubleUnaryOperator;

/**
 * A curve for the live panel: x and y of equal length, all finite.
 *
 * @param name   e.g. "sigma_T_frontier", "epsilon_delta", "delta_t"
 * @param xLabel axis label with unit
 * @param yLabel axis label with unit
 * @param logX   suggested log scale for x
 * @param logY   suggested log scale for y
 */
public record Curve(String name, String xLabel, String yLabel, boolean logX, boolean logY, double[] x,
                    double[] y) {
    /** Points of the ε(δ) curve (δ from 1e−12 to 1e−1, log-spaced). */
    public static final int DELTA_CURVE_POINTS = 23;
    /** Maximum number of points of the σ–T frontier and δ_t curves. */
    public static final int MAX_POINTS = 400;

    /** The ε(δ) curve of a setting on a log grid of δ. */
    public static Curve epsilonDelta(DoubleUnaryOperator epsOfDelta) {
        double[] xs = logGrid(1e-12, 1e-1, DELTA_CURVE_POINTS);
        double[] ys = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            ys[i] = epsOfDelta.applyAsDouble(xs[i]);
        }
        return new Curve("epsilon_delta", "delta", "epsilon", true, false, xs, ys);
    }

    /** {@code n} log-spaced points from lo to hi. */
    public static double[] logGrid(double lo, double hi, int n) {
        double[] x = new double[n];
        double a = Math.log10(lo), b = Math.log10(hi);
        for (int i = 0; i < n; i++) {
            x[i] = Math.pow(10, a + (b - a) * i / (n - 1));
        }
        return x;
    }
}
