package org.unlearning.workbench.accounting.newton;

import org.unlearning.workbench.accounting.Require;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;

/**
 * Reference LiSSA recursion on an explicit matrix (§9.2): h_0 = v, h_j = v + h_{j−1} − A h_{j−1}/H,
 * x = h_depth / H → A⁻¹ v iff the spectral radius of I − A/H is &lt; 1.
 */
public final class Lissa {
    private Lissa() {}

    /**
     * @param x              h_depth / H
     * @param converges      spectral radius of I − A/H &lt; 1
     * @param spectralRadius that radius
     */
    public record Result(double[] x, boolean converges, double spectralRadius) {}

    public static Result run(double[][] a, double[] v, double scale, int depth) {
        int n = v.length;
        if (n == 0 || a.length != n) {
            throw new IllegalArgumentException("A must be a square matrix matching v (got " + a.length + " rows, " + n + " entries)");
        }
        for (double[] row : a) {
            if (row.length != n) {
                throw new IllegalArgumentException("A must be square (" + n + " x " + n + ")");
            }
            for (double e : row) {
                Require.finite("A", e);
            }
        }
        for (double e : v) {
            Require.finite("v", e);
        }
        Require.positive("scale", scale);
        Require.atLeast("depth", depth, 0);
        double[] h = v.clone();
        for (int j = 0; j < depth; j++) {
            double[] next = new double[n];
            for (int r = 0; r < n; r++) {
                double ah = 0;
                for (int c = 0; c < n; c++) {
                    ah += a[r][c] * h[c];
                }
                next[r] = v[r] + h[r] - ah / scale;
            }
            h = next;
        }
        double[] x = new double[n];
        boolean finite = true;
        for (int r = 0; r < n; r++) {
            x[r] = h[r] / scale;
            finite &= Double.isFinite(x[r]);
        }
        if (!finite) {
            throw new IllegalArgumentException("LiSSA overflowed after " + depth
                    + " steps: scale must exceed half the largest eigenvalue of A");
        }
        var m = MatrixUtils.createRealIdentityMatrix(n).subtract(new Array2DRowRealMatrix(a).scalarMultiply(1 / scale));
        EigenDecomposition ed = new EigenDecomposition(m);
        double radius = 0;
        double[] re = ed.getRealEigenvalues(), im = ed.getImagEigenvalues();
        for (int i = 0; i < n; i++) {
            radius = Math.max(radius, Math.hypot(re[i], im[i]));
        }
        return new Result(x, radius < 1, radius);
    }
}
