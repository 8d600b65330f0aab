package org.unlearning.workbench.engine.unlearn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpdateRulesTest {
    private static final int D = 3985; // mlp-5 parameter count (§10.1)

    @Test
    void withZeroLearningRateTheIncrementIsCentredGaussianWithTheConfiguredVariance() {
        double sigma = 0.05;
        INDArray x = Nd4j.rand(DataType.FLOAT, D).subi(0.5);
        INDArray g = Nd4j.rand(DataType.FLOAT, D).muli(100);
        try (NoiseSource noise = NoiseSource.seeded(42)) {
            UpdateRules rules = new UpdateRules(D, DataType.FLOAT, noise);
            int steps = 50;
            double sum = 0, sumSq = 0;
            long n = 0;
            for (int s = 0; s < steps; s++) {
                INDArray before = x.dup();
                rules.gradientClipping(x, g, 0.0, 10.0, 1.0, sigma);
                INDArray inc = x.sub(before);
                for (int i = 0; i < D; i++) {
                    double v = inc.getDouble(i);
                    sum += v;
                    sumSq += v * v;
                    n++;
                }
            }
            double mean = sum / n;
            double var = sumSq / n - mean * mean;
            // mean ~ N(0, σ²/n): 5 standard errors; variance rel. s.e. sqrt(2/n) ≈ 0.0032: 5 s.e.
            assertEquals(0.0, mean, 5 * sigma / Math.sqrt(n));
            assertEquals(sigma * sigma, var, 5 * Math.sqrt(2.0 / n) * sigma * sigma);
        }
    }

    @Test
    void seededNoiseIsReproducibleAndSecureNoiseIsNot() {
        INDArray a = Nd4j.create(DataType.FLOAT, 100);
        INDArray b = Nd4j.create(DataType.FLOAT, 100);
        try (NoiseSource n1 = NoiseSource.seeded(7); NoiseSource n2 = NoiseSource.seeded(7)) {
            n1.fill(a, 1.0);
            n2.fill(b, 1.0);
            assertArrayEquals(a.toFloatVector(), b.toFloatVector());
        }
        try (NoiseSource s1 = NoiseSource.of(org.unlearning.workbench.engine.noise.GaussianNoise.secure());
             NoiseSource s2 = NoiseSource.of(org.unlearning.workbench.engine.noise.GaussianNoise.secure())) {
            s1.fill(a, 1.0);
            s2.fill(b, 1.0);
            assertTrue(!a.equals(b));
            assertThrows(IllegalStateException.class, s1::seed);
            assertTrue(s1.isSecure());
        }
    }

    @Test
    void gradientClippingAppliesClipThenDecayExactly() {
        INDArray x = Nd4j.createFromArray(1.0, 2.0, 2.0); // ‖x‖ = 3
        INDArray g = Nd4j.createFromArray(3.0, 0.0, 4.0); // ‖g‖ = 5
        try (NoiseSource noise = NoiseSource.seeded(1)) {
            UpdateRules.Outcome o = new UpdateRules(3, DataType.DOUBLE, noise).gradientClipping(x, g, 0.1, 2.0, 1.0, 0.0);
            assertEquals(5.0, o.gradientNorm(), 1e-12);
            assertEquals(0.2, o.clipFactor(), 1e-6);
            // x − 0.1(Π_1(g) + 2x) = 0.8x − 0.1·(0.6, 0, 0.8)
            assertArrayEquals(new double[] {0.8 - 0.06, 1.6, 1.6 - 0.08}, x.toDoubleVector(), 1e-6);
        }
    }

    @Test
    void modelClippingKeepsTheModelInsideItsBall() {
        INDArray x = Nd4j.rand(DataType.FLOAT, D).muli(3);
        INDArray g = Nd4j.rand(DataType.FLOAT, D);
        try (NoiseSource noise = NoiseSource.seeded(3)) {
            UpdateRules rules = new UpdateRules(D, DataType.FLOAT, noise);
            for (int i = 0; i < 20; i++) {
                UpdateRules.Outcome o = rules.modelClippingBeforeProjection(x, g, 0.1, 0.5, 0.7, 0.25, 0.3);
                assertTrue(o.gradientNorm() * o.clipFactor() <= 0.7, "clipped gradient within C1");
                assertTrue(exactNorm(x) <= 0.25, "model within C2 after projection: " + exactNorm(x));
            }
            for (int i = 0; i < 20; i++) {
                rules.modelClippingAfterProjection(x, g, 0.1, 0.5, 0.25, 0.0);
                assertTrue(exactNorm(x) <= 0.25, "model within C2 after projection: " + exactNorm(x));
            }
        }
    }

    /**
     * The bulk updates (noise drawn in one call, one pass over heap copies) give bit-for-bit the
     * results of the per-coordinate form they replaced: same draws in the same order, each
     * coordinate evaluated in double and rounded once per store, for float32 and float64 vectors.
     */
    @Test
    void bulkUpdatesEqualThePerCoordinateFormBitForBit() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (int rule = 0; rule < 3; rule++) {
                for (double sigma : new double[] {0.0, 0.05}) {
                    INDArray x = Nd4j.rand(type, D).subi(0.5).muli(4);
                    INDArray g = Nd4j.rand(type, D).subi(0.5).muli(8);
                    double[] ref = x.toDoubleVector();
                    double[] gv = g.toDoubleVector();
                    boolean f32 = type == DataType.FLOAT;
                    try (NoiseSource bulk = NoiseSource.seeded(11); NoiseSource single = NoiseSource.seeded(11)) {
                        UpdateRules rules = new UpdateRules(D, type, bulk);
                        for (int step = 0; step < 3; step++) {
                            UpdateRules.Outcome o = switch (rule) {
                                case 0 -> rules.gradientClipping(x, g, 0.05, 2.0, 1.5, sigma);
                                case 1 -> rules.modelClippingAfterProjection(x, g, 0.05, 2.0, 3.0, sigma);
                                default -> rules.modelClippingBeforeProjection(x, g, 0.05, 2.0, 1.5, 3.0, sigma);
                            };
                            double[] expected = perCoordinate(rule, ref, gv, sigma, single, f32);
                            String what = type + " rule " + rule + " sigma " + sigma + " step " + step;
                            assertArrayEquals(ref, x.toDoubleVector(), 0.0, what);
                            assertEquals(expected[0], o.gradientNorm(), 0.0, what);
                            assertEquals(expected[1], o.clipFactor(), 0.0, what);
                        }
                    }
                }
            }
        }
    }

    /** The per-coordinate reference (η = 0.05, λ = 2, C1 = 1.5, C2 = 3), in place on {@code x}. */
    private static double[] perCoordinate(int rule, double[] x, double[] g, double sigma, NoiseSource noise,
                                          boolean f32) {
        int n = x.length;
        double eta = 0.05, lambda = 2.0, c1 = 1.5, c2 = 3.0;
        java.util.function.DoubleUnaryOperator store = v -> f32 ? (float) v : v;
        if (rule == 0) {
            double[] lane = new double[4];   // ParameterOps.norm's order: partial sums over i mod 4, tail into 0
            for (int i = 0; i < n; i++) {
                lane[i < n - n % 4 ? i % 4 : 0] += g[i] * g[i];
            }
            double gg = (lane[0] + lane[1]) + (lane[2] + lane[3]);
            double f = ParameterOps.clipFactor(Math.sqrt(gg), c1);
            for (int i = 0; i < n; i++) {
                double z = sigma == 0 ? 0 : sigma * noise.nextGaussian();
                x[i] = store.applyAsDouble((1.0 - eta * lambda) * x[i] + -eta * f * g[i] + z);
            }
            return new double[] {Math.sqrt(gg), f};
        }
        double uu = 0, yy = 0;
        if (rule == 1) {
            for (int i = 0; i < n; i++) {
                double u = g[i] + lambda * x[i];
                uu += u * u;
                x[i] = store.applyAsDouble(x[i] - eta * u);
                yy += x[i] * x[i];
            }
            double f = ParameterOps.clipFactor(Math.sqrt(yy), c2);
            for (int i = 0; i < n; i++) {
                double z = sigma == 0 ? 0 : sigma * noise.nextGaussian();
                x[i] = store.applyAsDouble(f * x[i] + z);
            }
            return new double[] {Math.sqrt(uu), 1.0};
        }
        for (int i = 0; i < n; i++) {
            double u = g[i] + lambda * x[i];
            uu += u * u;
        }
        double f1 = ParameterOps.clipFactor(Math.sqrt(uu), c1);
        for (int i = 0; i < n; i++) {
            double u = g[i] + lambda * x[i];
            double z = sigma == 0 ? 0 : sigma * noise.nextGaussian();
            x[i] = store.applyAsDouble(x[i] - eta * f1 * u + z);
            yy += x[i] * x[i];
        }
        double f2 = ParameterOps.clipFactor(Math.sqrt(yy), c2);
        if (f2 < 1) {
            for (int i = 0; i < n; i++) {
                x[i] = store.applyAsDouble(f2 * x[i]);
            }
        }
        return new double[] {Math.sqrt(uu), f1};
    }

    private static double exactNorm(INDArray v) {
        double s = 0;
        for (double d : v.toDoubleVector()) {
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
