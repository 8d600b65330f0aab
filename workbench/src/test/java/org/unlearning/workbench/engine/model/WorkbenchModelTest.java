package org.unlearning.workbench.engine.model;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.data.DatasetLoader;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkbenchModelTest {
    static Dataset mnist;

    @BeforeAll
    static void load() throws Exception {
        mnist = DatasetLoader.bundled().train();
    }

    @ParameterizedTest
    @CsvSource({"mlp-5, 3985", "mlp-20, 15910", "mlp-32x32, 26506", "cnn-small, 19466"})
    void parameterCountsMatchThePaper(String arch, long expected) {
        WorkbenchModel m = WorkbenchModel.create(ModelSpec.forData(Architecture.fromName(arch), mnist), 1);
        assertEquals(expected, m.numParams());
    }

    @Test
    void cifarCnnAndFeatureHeadHaveThePapersSizes() {
        assertEquals(20042, WorkbenchModel.create(ModelSpec.of(Architecture.CNN_SMALL, new int[] {3, 32, 32}, 10), 1).numParams());
        assertEquals(17802, WorkbenchModel.create(ModelSpec.of(Architecture.MLP_HEAD, new int[] {512}, 10), 1).numParams());
        assertEquals(20772, WorkbenchModel.create(ModelSpec.of(Architecture.MLP_HEAD, new int[] {512}, 100), 1).numParams());
    }

    /** Central finite differences in float64 vs the flat mean gradient, for every architecture. */
    @ParameterizedTest
    @CsvSource({"mlp-5", "mlp-20", "mlp-32x32", "cnn-small", "mlp-head", "cnn-small-cifar"})
    void gradientMatchesCentralFiniteDifferences(String name) {
        int n = 6;
        ModelSpec spec;
        INDArray x;
        INDArray y;
        Random rnd = new Random(7);
        int[] idx = {0, 1, 2, 3, 4, 5};
        switch (name) {
            case "cnn-small-cifar" -> {
                spec = ModelSpec.of(Architecture.CNN_SMALL, new int[] {3, 32, 32}, 10);
                x = Nd4j.rand(DataType.DOUBLE, n, 3 * 32 * 32);
                y = oneHot(rnd, n, 10);
            }
            case "mlp-head" -> {
                spec = ModelSpec.of(Architecture.MLP_HEAD, new int[] {12}, 4).withHiddenSizes(List.of(7, 5));
                x = Nd4j.randn(DataType.DOUBLE, n, 12);
                y = oneHot(rnd, n, 4);
            }
            default -> {
                spec = ModelSpec.forData(Architecture.fromName(name), mnist);
                x = mnist.features(idx, DataType.DOUBLE);
                y = mnist.oneHotLabels(idx, DataType.DOUBLE);
            }
        }
        WorkbenchModel m = WorkbenchModel.create(spec.withDataType(DataType.DOUBLE), 42);
        // move biases off zero so ReLU units are not all exactly at kinks
        m.params().addi(Nd4j.randn(DataType.DOUBLE, m.numParams()).muli(0.01));
        INDArray g = m.meanGradient(x, y).dup();
        assertEquals(m.meanLoss(x, y), m.lastLoss(), 1e-9, "recorded loss is the mean loss");
        INDArray p0 = m.params().dup();
        double h = 1e-6;
        // directional derivative along a random unit direction (touches every parameter)
        INDArray v = Nd4j.randn(DataType.DOUBLE, m.numParams());
        v.divi(v.norm2Number());
        double fd = (lossAt(m, p0.add(v.mul(h)), x, y) - lossAt(m, p0.sub(v.mul(h)), x, y)) / (2 * h);
        double an = g.mul(v).sumNumber().doubleValue();
        assertEquals(fd, an, 1e-5 * Math.max(1, Math.abs(fd)), "directional derivative");
        // individual coordinates, including the last ones (output bias / weights)
        long P = m.numParams();
        long[] coords = {0, 1, P / 3, P / 2, P - 11, P - 1, rnd.nextInt((int) P), rnd.nextInt((int) P)};
        for (long c : coords) {
            INDArray e = Nd4j.zeros(DataType.DOUBLE, P);
            e.putScalar(c, h);
            double fdc = (lossAt(m, p0.add(e), x, y) - lossAt(m, p0.sub(e), x, y)) / (2 * h);
            assertEquals(fdc, g.getDouble(c), 1e-5 * Math.max(1, Math.abs(fdc)), "coordinate " + c);
        }
        m.setParams(p0);
    }

    @Test
    void rawDl4jGradientIsTheSumOverTheBatch() {
        WorkbenchModel m = WorkbenchModel.create(ModelSpec.forData(Architecture.MLP_5, mnist).withDataType(DataType.DOUBLE), 3);
        int[] a = {10};
        int[] b = {11};
        int[] ab = {10, 11};
        INDArray ga = m.meanGradient(mnist.features(a, DataType.DOUBLE), mnist.oneHotLabels(a, DataType.DOUBLE)).dup();
        INDArray gb = m.meanGradient(mnist.features(b, DataType.DOUBLE), mnist.oneHotLabels(b, DataType.DOUBLE)).dup();
        INDArray gab = m.meanGradient(mnist.features(ab, DataType.DOUBLE), mnist.oneHotLabels(ab, DataType.DOUBLE)).dup();
        assertTrue(ga.add(gb).divi(2).equalsWithEps(gab, 1e-10), "mean of two = average of singles");
    }

    @Test
    void paramsIsALiveViewAndCopyIsIndependent() {
        WorkbenchModel m = WorkbenchModel.create(ModelSpec.forData(Architecture.MLP_5, mnist), 5);
        WorkbenchModel c = m.copy();
        assertArrayEquals(m.params().toFloatVector(), c.params().toFloatVector());
        m.params().addi(1f);
        assertNotEquals(m.params().getFloat(0), c.params().getFloat(0));
        INDArray out = m.output(mnist.features(new int[] {0}, DataType.FLOAT));
        assertEquals(1.0, out.sumNumber().doubleValue(), 1e-5);
        assertThrows(IllegalArgumentException.class, () -> m.setParams(Nd4j.zeros(DataType.FLOAT, 3)));
    }

    @Test
    void sameSeedSameInitialisation() {
        ModelSpec s = ModelSpec.forData(Architecture.CNN_SMALL, mnist);
        assertArrayEquals(WorkbenchModel.create(s, 9).params().toFloatVector(),
                WorkbenchModel.create(s, 9).params().toFloatVector());
    }

    @Test
    void initialisationIsHeNormalAndTheSameInEveryJvm() {
        WorkbenchModel m = WorkbenchModel.create(ModelSpec.forData(Architecture.MLP_5, mnist), 0);
        // pinned: the init must not depend on ND4J's process-dependent RNG state
        assertEquals("e66c976d503c4a0fe34bb77f81a61fb772f3282702a1b62315759b07be0b4e74", ModelStore.paramsSha256(m));
        INDArray w = m.network().getLayer(0).getParam("W");
        assertEquals(Math.sqrt(2.0 / 784), w.stdNumber().doubleValue(), 0.05 * Math.sqrt(2.0 / 784));
        assertEquals(0.0, m.network().getLayer(0).getParam("b").norm2Number().doubleValue(), 0);
        WorkbenchModel c = WorkbenchModel.create(ModelSpec.forData(Architecture.CNN_SMALL, mnist), 0);
        INDArray cw = c.network().getLayer(2).getParam("W"); // conv 3×3×32→64: fan-in 288
        assertEquals(Math.sqrt(2.0 / 288), cw.stdNumber().doubleValue(), 0.05 * Math.sqrt(2.0 / 288));
    }

    @Test
    void evaluateOnFeaturesAgreesWithDatasetEvaluation() {
        WorkbenchModel m = WorkbenchModel.create(ModelSpec.forData(Architecture.MLP_5, mnist), 5);
        int[] idx = java.util.stream.IntStream.range(0, 300).toArray();
        Evaluation a = m.evaluate(mnist, idx, 64);
        Evaluation b = m.evaluate(mnist.features(idx, DataType.FLOAT), mnist.oneHotLabels(idx, DataType.FLOAT), 64);
        assertEquals(a.accuracy(), b.accuracy(), 1e-12);
        assertEquals(a.loss(), b.loss(), 1e-4);
        assertEquals(300, a.count());
    }

    @Test
    void badSpecsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Architecture.fromName("resnet-50"));
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.of(Architecture.CNN_SMALL, new int[] {784}, 10));
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.of(Architecture.MLP_5, new int[] {784}, 1));
        Dataset cifarLike = new Dataset("c", new float[3 * 32 * 32], new int[] {0}, 10, new int[] {3, 32, 32});
        ModelSpec s = ModelSpec.forData(Architecture.MLP_5, mnist);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.requireCompatible(cifarLike));
        assertTrue(e.getMessage().contains("input shape"), e.getMessage());
    }

    private static double lossAt(WorkbenchModel m, INDArray p, INDArray x, INDArray y) {
        m.setParams(p);
        return m.meanLoss(x, y);
    }

    private static INDArray oneHot(Random rnd, int n, int c) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, c);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, rnd.nextInt(c), 1.0);
        }
        return y;
    }
}
