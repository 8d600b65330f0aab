package org.unlearning.workbench.engine.unlearn.newton;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Central-difference HVPs against the analytic Hessian of logistic regression. */
class FiniteDifferenceHvpTest {

    /** Binary logistic loss ℓ(w; x, y) = log(1 + exp(−y xᵀw)). */
    record Logistic(double[][] x, double[] y) implements GradientFunction {
        public int dimension() {
            return x[0].length;
        }

        public int exampleCount() {
            return x.length;
        }

        public double[] meanGradient(double[] w, int[] batch) {
            double[] g = new double[w.length];
            for (int i : batch) {
                double m = y[i] * Vectors.dot(x[i], w);
                double s = 1 / (1 + Math.exp(m)); // σ(−m)
                Vectors.axpy(-y[i] * s / batch.length, x[i], g);
            }
            return g;
        }

        double[] hessianTimes(double[] w, int[] batch, double[] v) {
            double[] out = new double[w.length];
            for (int i : batch) {
                double p = 1 / (1 + Math.exp(-Vectors.dot(x[i], w)));
                Vectors.axpy(p * (1 - p) * Vectors.dot(x[i], v) / batch.length, x[i], out);
            }
            return out;
        }
    }

    static Logistic randomProblem(int n, int d, long seed) {
        Random rnd = new Random(seed);
        double[][] x = new double[n][d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                x[i][k] = rnd.nextGaussian();
            }
            y[i] = rnd.nextBoolean() ? 1 : -1;
        }
        return new Logistic(x, y);
    }

    @Test
    void agreesWithAnalyticHessianForVectorsOfAnyScale() {
        Logistic f = randomProblem(50, 8, 1);
        Random rnd = new Random(2);
        double[] w = new double[8];
        for (int k = 0; k < 8; k++) {
            w[k] = 0.3 * rnd.nextGaussian();
        }
        int[] batch = {0, 3, 3, 7, 12, 49};
        double rho = 0.25;
        FiniteDifferenceHvp hvp = new FiniteDifferenceHvp(f, w, batch, rho, FiniteDifferenceHvp.DEFAULT_STEP);
        for (double norm : new double[] {1e-8, 1, 1e6}) {
            double[] v = new double[8];
            for (int k = 0; k < 8; k++) {
                v[k] = rnd.nextGaussian();
            }
            Vectors.scale(norm / Vectors.norm(v), v);
            double[] expected = f.hessianTimes(w, batch, v);
            Vectors.axpy(rho, v, expected);
            double[] got = hvp.apply(v);
            double err = Vectors.distance(got, expected) / Vectors.norm(expected);
            assertTrue(err < 1e-8, "‖v‖ = " + norm + ": relative error " + err);
        }
        assertArrayEquals(new double[8], hvp.apply(new double[8]));
    }

    @Test
    void rejectsBadArguments() {
        Logistic f = randomProblem(3, 2, 0);
        double[] w = {0, 0};
        assertThrows(IllegalArgumentException.class, () -> new FiniteDifferenceHvp(f, w, new int[] {0}, -1, 1e-5));
        assertThrows(IllegalArgumentException.class, () -> new FiniteDifferenceHvp(f, w, new int[] {0}, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FiniteDifferenceHvp(f, w, new int[0], 0, 1e-5));
        assertThrows(IllegalArgumentException.class, () -> new FiniteDifferenceHvp(f, new double[3], new int[] {0}, 0, 1e-5));
        assertThrows(IllegalArgumentException.class, () -> HessianSampler.miniBatch(f, w, new int[] {0, 1}, 0, 0, 1e-5));
    }

    @Test
    void miniBatchSamplerCountsExamplesAndMatchesFullHessianOnAverage() {
        Logistic f = randomProblem(20, 3, 4);
        double[] w = {0.1, -0.2, 0.3};
        int[] retain = java.util.stream.IntStream.range(0, 20).toArray();
        HessianSampler s = HessianSampler.miniBatch(f, w, retain, 5, 0.0, 1e-5);
        double[] v = {1, 0, 0};
        double[] mean = new double[3];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(0);
        int draws = 4000;
        for (int k = 0; k < draws; k++) {
            Vectors.axpy(1.0 / draws, s.draw(rng).apply(v), mean);
        }
        double[] full = f.hessianTimes(w, retain, v);
        assertTrue(Vectors.distance(mean, full) < 0.02 * Vectors.norm(full));
        assertTrue(s.examplesPerProduct() == 10);
    }
}
