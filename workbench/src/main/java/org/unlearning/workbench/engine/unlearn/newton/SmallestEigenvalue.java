package org.unlearning.workbench.engine.unlearn.newton;

import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * λ_min (and λ_max) of a symmetric operator, e.g. the regularised Hessian ∇²L(w*; D_r) via
 * Hessian-vector products (§9.3). Lanczos with full re-orthogonalisation (two Gram–Schmidt
 * passes) from a seeded random start; the tridiagonal matrix is diagonalised by commons-math
 * after every step and the iteration stops when the residuals β_k|s_k| of both extreme Ritz pairs
 * are below {@code tolerance · max|θ|}. Memory: one d-vector per step.
 */
public final class SmallestEigenvalue {
    private SmallestEigenvalue() {}

    public static SpectrumEstimate estimate(LinearOperator a, int maxIterations, double tolerance, long seed) {
        return estimate(a, maxIterations, tolerance, seed, () -> false);
    }

    public static SpectrumEstimate estimate(LinearOperator a, int maxIterations, double tolerance, long seed,
                                            BooleanSupplier cancelled) {
        int d = a.dimension();
        if (maxIterations < 1) {
            throw new IllegalArgumentException("Lanczos iterations must be >= 1, got " + maxIterations);
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("Lanczos tolerance must be > 0, got " + tolerance);
        }
        int kMax = Math.min(maxIterations, d);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] q = new double[d];
        for (int i = 0; i < d; i++) {
            q[i] = rng.nextDouble() - 0.5;
        }
        Vectors.scale(1.0 / Vectors.norm(q), q);
        List<double[]> basis = new ArrayList<>();
        double[] alpha = new double[kMax];
        double[] beta = new double[kMax];
        SpectrumEstimate last = null;
        for (int k = 0; k < kMax; k++) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("eigenvalue estimate cancelled at Lanczos step " + (k + 1));
            }
            basis.add(q);
            double[] w = a.apply(q);
            if (!Vectors.allFinite(w)) {
                throw new IllegalStateException("operator returned non-finite values at Lanczos step " + (k + 1));
            }
            alpha[k] = Vectors.dot(q, w);
            Vectors.axpy(-alpha[k], q, w);
            if (k > 0) {
                Vectors.axpy(-beta[k - 1], basis.get(k - 1), w);
            }
            for (int pass = 0; pass < 2; pass++) { // full re-orthogonalisation
                for (double[] b : basis) {
                    Vectors.axpy(-Vectors.dot(b, w), b, w);
                }
            }
            beta[k] = Vectors.norm(w);
            last = ritz(alpha, beta, k + 1);
            double scaleOfSpectrum = Math.max(Math.abs(last.lambdaMin()), Math.abs(last.lambdaMax()));
            boolean invariant = beta[k] <= 1e-12 * Math.max(scaleOfSpectrum, Double.MIN_NORMAL);
            boolean small = last.lambdaMinResidual() <= tolerance * scaleOfSpectrum
                    && last.lambdaMaxResidual() <= tolerance * scaleOfSpectrum;
            if (invariant || small || k + 1 == d) {
                return withVector(alpha, beta, k + 1, basis, true);
            }
            q = w;
            Vectors.scale(1.0 / beta[k], q);
        }
        return withVector(alpha, beta, kMax, basis, false);
    }

    /** The estimate with the Ritz vector of θ_min assembled from the Lanczos basis. */
    private static SpectrumEstimate withVector(double[] alpha, double[] beta, int k, List<double[]> basis,
                                               boolean converged) {
        SpectrumEstimate e = ritz(alpha, beta, k);
        EigenDecomposition eig = new EigenDecomposition(java.util.Arrays.copyOf(alpha, k),
                java.util.Arrays.copyOf(beta, k - 1));
        double[] theta = eig.getRealEigenvalues();
        int iMin = 0;
        for (int i = 1; i < theta.length; i++) {
            if (theta[i] < theta[iMin]) {
                iMin = i;
            }
        }
        RealVector s = eig.getEigenvector(iMin);
        double[] y = new double[basis.get(0).length];
        for (int j = 0; j < k; j++) {
            Vectors.axpy(s.getEntry(j), basis.get(j), y);
        }
        Vectors.scale(1.0 / Vectors.norm(y), y);
        return new SpectrumEstimate(e.lambdaMin(), e.lambdaMinResidual(), e.lambdaMax(), e.lambdaMaxResidual(), k,
                converged, y);
    }

    /** Extreme Ritz values of the k×k tridiagonal T_k and their residuals β_k |s_{k,i}|. */
    private static SpectrumEstimate ritz(double[] alpha, double[] beta, int k) {
        double[] main = java.util.Arrays.copyOf(alpha, k);
        double[] off = java.util.Arrays.copyOf(beta, k - 1);
        EigenDecomposition eig = new EigenDecomposition(main, off);
        double[] theta = eig.getRealEigenvalues();
        int iMin = 0;
        int iMax = 0;
        for (int i = 1; i < theta.length; i++) {
            if (theta[i] < theta[iMin]) {
                iMin = i;
            }
            if (theta[i] > theta[iMax]) {
                iMax = i;
            }
        }
        double bk = beta[k - 1];
        RealVector sMin = eig.getEigenvector(iMin);
        RealVector sMax = eig.getEigenvector(iMax);
        return new SpectrumEstimate(theta[iMin], Math.abs(bk * sMin.getEntry(k - 1)), theta[iMax],
                Math.abs(bk * sMax.getEntry(k - 1)), k, false);
    }
}
