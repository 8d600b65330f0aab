package org.unlearning.workbench.engine.unlearn.newton;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmallestEigenvalueTest {

    @Test
    void findsExtremeEigenvaluesOfKnownSpectra() {
        Random rnd = new Random(5);
        for (int trial = 0; trial < 4; trial++) {
            int d = 30;
            double[] eigs = new double[d];
            for (int i = 0; i < d; i++) {
                eigs[i] = -1 + 11 * rnd.nextDouble();
            }
            double[][] a = LissaSolverTest.spd(eigs, 100 + trial);
            SpectrumEstimate s = SmallestEigenvalue.estimate(LinearOperator.ofMatrix(a), 60, 1e-10, trial);
            double min = Arrays.stream(eigs).min().orElseThrow();
            double max = Arrays.stream(eigs).max().orElseThrow();
            assertEquals(min, s.lambdaMin(), 1e-8, "trial " + trial);
            assertEquals(max, s.lambdaMax(), 1e-8, "trial " + trial);
            assertTrue(s.lambdaMinLower() <= min + 1e-12);
            assertTrue(s.lambdaMaxUpper() >= max - 1e-12);
            assertTrue(s.converged());
            double[] y = s.minVector();
            assertEquals(1, Vectors.norm(y), 1e-12);
            double[] ay = LinearOperator.ofMatrix(a).apply(y);
            Vectors.axpy(-s.lambdaMin(), y, ay);
            assertTrue(Vectors.norm(ay) <= s.lambdaMinResidual() + 1e-8, "Ritz vector residual " + Vectors.norm(ay));
        }
    }

    @Test
    void largeSparseSpectrumConvergesWithFewProducts() {
        // diagonal operator of dimension 5,000: eigenvalues 0.05 (isolated) and a bulk in [1, 50]
        int d = 5000;
        double[] diag = new double[d];
        Random rnd = new Random(1);
        for (int i = 0; i < d; i++) {
            diag[i] = 1 + 49 * rnd.nextDouble();
        }
        diag[1234] = 0.05;
        diag[77] = 50.5;
        LinearOperator op = new LinearOperator() {
            public int dimension() {
                return d;
            }

            public double[] apply(double[] v) {
                double[] out = new double[d];
                for (int i = 0; i < d; i++) {
                    out[i] = diag[i] * v[i];
                }
                return out;
            }
        };
        SpectrumEstimate s = SmallestEigenvalue.estimate(op, 150, 1e-6, 3);
        assertEquals(0.05, s.lambdaMin(), 1e-4);
        assertEquals(50.5, s.lambdaMax(), 1e-4);
        assertTrue(s.iterations() <= 150);
        assertTrue(s.lambdaMinLower() <= 0.05 + 1e-12, "conservative: " + s.lambdaMinLower());
    }

    @Test
    void regulariserShiftsTheSpectrum() {
        double[][] a = LissaSolverTest.spd(new double[] {-0.2, 1, 3}, 9);
        SpectrumEstimate s = SmallestEigenvalue.estimate(LinearOperator.ofMatrix(a).plusIdentity(0.5), 10, 1e-12, 0);
        assertEquals(0.3, s.lambdaMin(), 1e-10);
        assertEquals(3.5, s.lambdaMax(), 1e-10);
    }

    @Test
    void rejectsBadArguments() {
        LinearOperator op = LinearOperator.ofMatrix(new double[][] {{1}});
        assertThrows(IllegalArgumentException.class, () -> SmallestEigenvalue.estimate(op, 0, 1e-6, 0));
        assertThrows(IllegalArgumentException.class, () -> SmallestEigenvalue.estimate(op, 5, 0, 0));
    }
}
