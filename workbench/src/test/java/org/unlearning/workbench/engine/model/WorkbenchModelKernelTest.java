package org.unlearning.workbench.engine.model;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.data.DatasetLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Through the public API: the kernel path and DL4J's path give the same gradients, losses and evaluations. */
class WorkbenchModelKernelTest {
    static Dataset mnist;

    @BeforeAll
    static void load() throws Exception {
        mnist = DatasetLoader.bundled().train();
    }

    @AfterEach
    void kernelsOn() {
        System.clearProperty("uw.kernels");
    }

    private static WorkbenchModel create(Architecture arch, boolean kernels) {
        if (kernels) {
            System.clearProperty("uw.kernels");
        } else {
            System.setProperty("uw.kernels", "dl4j");
        }
        try {
            return WorkbenchModel.create(ModelSpec.forData(arch, mnist), 4);
        } finally {
            System.clearProperty("uw.kernels");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp-5", "mlp-32x32", "cnn-small"})
    void kernelAndDl4jPathsAgree(String name) {
        Architecture arch = Architecture.fromName(name);
        WorkbenchModel fast = create(arch, true);
        WorkbenchModel ref = create(arch, false);
        assertNotEquals("dl4j", fast.computePath());
        assertEquals("dl4j", ref.computePath());
        assertEquals(ref.params(), fast.params(), "same seed, same initial parameters");
        int[] idx = new int[24];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = 37 * i;
        }
        INDArray x = mnist.features(idx, DataType.FLOAT);
        INDArray y = mnist.oneHotLabels(idx, DataType.FLOAT);
        INDArray gRef = ref.meanGradient(x, y).dup();
        INDArray g = fast.meanGradient(x, y);
        double rel = g.sub(gRef).norm2Number().doubleValue() / gRef.norm2Number().doubleValue();
        assertTrue(rel < 2e-5, name + ": gradient relative error " + rel);
        assertEquals(ref.lastLoss(), fast.lastLoss(), 1e-5);
        assertEquals(ref.meanLoss(x, y), fast.meanLoss(x, y), 1e-5);
        Evaluation a = ref.evaluate(x, y, 10), b = fast.evaluate(x, y, 10);
        assertEquals(a.accuracy(), b.accuracy());
        assertEquals(a.loss(), b.loss(), 1e-5);
        Evaluation c = fast.evaluate(mnist, idx, 7);
        assertEquals(a.accuracy(), c.accuracy());
        assertEquals(a.loss(), c.loss(), 1e-5);
    }

    @Test
    void float64ModelsUseDl4jsPath() {
        WorkbenchModel m = WorkbenchModel.create(ModelSpec.forData(Architecture.MLP_5, mnist).withDataType(DataType.DOUBLE), 1);
        assertEquals("dl4j", m.computePath());
    }

    @Test
    void copiesGetTheirOwnKernel() {
        WorkbenchModel m = create(Architecture.MLP_5, true);
        WorkbenchModel c = m.copy();
        assertEquals(m.computePath(), c.computePath());
        c.params().muli(2);
        assertNotEquals(m.params(), c.params());
    }
}
