package org.unlearning.workbench.engine.unlearn.newton;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.model.Architecture;
import org.unlearning.workbench.engine.model.ModelSpec;
import org.unlearning.workbench.engine.model.WorkbenchModel;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The central-difference HVP of a real DL4J network agrees with the explicit Hessian of that
 * network built from second differences of the LOSS (function values only, an independent route).
 */
class NetworkHessianTest {

    static Dataset tinyData(int n, int features, int classes, long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[n * features];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextInt(classes);
            for (int k = 0; k < features; k++) {
                x[i * features + k] = (float) (rnd.nextGaussian() + (k % classes == y[i] ? 1.0 : 0.0));
            }
        }
        return new Dataset("tiny", x, y, classes, new int[] {features});
    }

    static WorkbenchModel tinyNet(int features, int classes, long seed) {
        ModelSpec spec = new ModelSpec(Architecture.MLP_20, List.of(features), classes, List.of(3), DataType.DOUBLE);
        return WorkbenchModel.create(spec, seed);
    }

    @Test
    void hvpAgreesWithExplicitHessianOfATinyNetwork() {
        Dataset data = tinyData(12, 4, 3, 1);
        WorkbenchModel net = tinyNet(4, 3, 2);
        ModelGradientFunction f = new ModelGradientFunction(net, data, 64);
        int d = f.dimension();
        assertEquals(4 * 3 + 3 + 3 * 3 + 3, d);
        double[] w = ModelGradientFunction.flatParams(net);
        int[] all = IntStream.range(0, data.size()).toArray();

        // explicit Hessian from loss values: H_ij ≈ [f(++) − f(+−) − f(−+) + f(−−)] / (4h²)
        double h = 1e-4;
        double[][] hess = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double pp = lossAt(f, w, all, i, h, j, h);
                double pm = lossAt(f, w, all, i, h, j, -h);
                double mp = lossAt(f, w, all, i, -h, j, h);
                double mm = lossAt(f, w, all, i, -h, j, -h);
                hess[i][j] = (pp - pm - mp + mm) / (4 * h * h);
                hess[j][i] = hess[i][j];
            }
        }
        double rho = 0.3;
        FiniteDifferenceHvp hvp = new FiniteDifferenceHvp(f, w, all, rho, FiniteDifferenceHvp.DEFAULT_STEP);
        Random rnd = new Random(3);
        for (int t = 0; t < 5; t++) {
            double[] v = new double[d];
            for (int k = 0; k < d; k++) {
                v[k] = rnd.nextGaussian() * Math.pow(10, t - 2);
            }
            double[] expected = LinearOperator.ofMatrix(hess).plusIdentity(rho).apply(v);
            double[] got = hvp.apply(v);
            double err = Vectors.distance(got, expected) / Vectors.norm(expected);
            assertTrue(err < 1e-5, "relative error " + err);
        }
        // λ_min of the tiny network's Hessian by Lanczos on HVPs agrees with the explicit matrix
        SpectrumEstimate s = SmallestEigenvalue.estimate(
                new FiniteDifferenceHvp(f, w, all, 0, FiniteDifferenceHvp.DEFAULT_STEP), d, 1e-9, 0);
        SpectrumEstimate exact = SmallestEigenvalue.estimate(LinearOperator.ofMatrix(hess), d, 1e-12, 0);
        assertEquals(exact.lambdaMin(), s.lambdaMin(), 1e-5);
        assertEquals(exact.lambdaMax(), s.lambdaMax(), 1e-5 * Math.abs(exact.lambdaMax()));
    }

    private static double lossAt(ModelGradientFunction f, double[] w, int[] batch, int i, double hi, int j, double hj) {
        double[] p = w.clone();
        p[i] += hi;
        p[j] += hj;
        return f.meanLoss(p, batch);
    }
}
