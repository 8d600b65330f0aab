package org.unlearning.workbench.engine.unlearn.dpsgd;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.data.DatasetLoader;
import org.unlearning.workbench.engine.model.Architecture;
import org.unlearning.workbench.engine.model.ModelSpec;
import org.unlearning.workbench.engine.model.WorkbenchModel;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-example gradients (theory.md §8.3) against DL4J's own gradient of each single example: the
 * closed form of the dense nets, and the loop for {@code cnn-small}; the clipped sum never lets one
 * example contribute more than C.
 */
class PerExampleGradientsTest {
    static Dataset train;
    static int[] batch = {3, 17, 42, 99, 512, 1000, 2048, 4095};

    @BeforeAll
    static void data() throws Exception {
        train = DatasetLoader.bundled().train();
    }

    /** DL4J's gradient of example i alone (batch of one), in double. */
    private static double[] single(WorkbenchModel m, int i) {
        int[] one = {i};
        return m.meanGradient(train.features(one, m.dataType()), train.oneHotLabels(one, m.dataType()))
                .castTo(DataType.DOUBLE).toDoubleVector();
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static void check(WorkbenchModel model, PerExampleGradients grads, double relTol) {
        INDArray x = train.features(batch, model.dataType());
        INDArray y = train.oneHotLabels(batch, model.dataType());
        INDArray sum = Nd4j.create(model.dataType(), model.numParams());
        // no clipping: the sum of per-example gradients, and every example's norm, as DL4J computes them
        PerExampleGradients.Batch b = grads.clippedSum(x, y, 1e9, sum);
        double[] expected = new double[(int) model.numParams()];
        for (int k = 0; k < batch.length; k++) {
            double[] g = single(model, batch[k]);
            assertEquals(norm(g), b.norms()[k], relTol * norm(g), "norm of example " + batch[k]);
            for (int j = 0; j < g.length; j++) {
                expected[j] += g[j];
            }
        }
        double[] got = sum.castTo(DataType.DOUBLE).toDoubleVector();
        double err = 0;
        for (int j = 0; j < got.length; j++) {
            err = Math.max(err, Math.abs(got[j] - expected[j]));
        }
        assertTrue(err <= relTol * norm(expected), "sum of per-example gradients: max error " + err);
        // one example alone gives exactly its own gradient, and clipping scales it to C
        for (int k = 0; k < 3; k++) {
            INDArray xi = x.get(NDArrayIndex.interval(k, k + 1), NDArrayIndex.all());
            INDArray yi = y.get(NDArrayIndex.interval(k, k + 1), NDArrayIndex.all());
            double c = b.norms()[k] / 4;
            grads.clippedSum(xi, yi, c, sum);
            double[] clipped = sum.castTo(DataType.DOUBLE).toDoubleVector();
            double[] g = single(model, batch[k]);
            assertTrue(norm(clipped) <= c, "clipped to C: " + norm(clipped) + " > " + c);
            assertEquals(c, norm(clipped), 1e-4 * c);
            double cos = 0;
            for (int j = 0; j < g.length; j++) {
                cos += g[j] * clipped[j];
            }
            assertEquals(1.0, cos / (norm(g) * norm(clipped)), 1e-4, "same direction");
        }
    }

    @Test
    void denseClosedFormMatchesDl4jSingleExampleGradients() {
        for (Architecture a : List.of(Architecture.MLP_5, Architecture.MLP_32X32)) {
            WorkbenchModel m = WorkbenchModel.create(ModelSpec.forData(a, train), 7);
            assertTrue(DenseClosedForm.supports(m), a.cliName());
            check(m, new DenseClosedForm(m), 1e-4);
        }
        WorkbenchModel d = WorkbenchModel.create(ModelSpec.forData(Architecture.MLP_5, train).withDataType(DataType.DOUBLE), 7);
        check(d, new DenseClosedForm(d), 1e-10);
    }

    @Test
    void exampleLoopServesTheCnn() {
        WorkbenchModel cnn = WorkbenchModel.create(ModelSpec.forData(Architecture.CNN_SMALL, train), 7);
        assertTrue(!DenseClosedForm.supports(cnn));
        assertTrue(PerExampleGradients.of(cnn) instanceof ExampleLoop);
        check(cnn, new ExampleLoop(cnn), 1e-4);
    }
}
