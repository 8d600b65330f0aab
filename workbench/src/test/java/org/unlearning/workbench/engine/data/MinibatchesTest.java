package org.unlearning.workbench.engine.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reused full-batch buffers and fresh partial batches hold exactly the examples of the batch. */
class MinibatchesTest {
    @Test
    void everyBatchHoldsItsExamplesAndOneHotLabels() {
        int n = 10, d = 3;
        float[] x = new float[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = i * 10 + j;
            }
            y[i] = i % 4;
        }
        Dataset data = new Dataset("toy", x, y, 4, new int[] {d});
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Minibatches b = new Minibatches(data, 4, 3, type);
            for (int step = 0; step < 7; step++) { // full, full, partial (2), full, ...
                int m = b.next();
                int[] idx = b.batchIndices();
                INDArray f = b.features(), l = b.labels();
                assertEquals(type, f.dataType());
                assertEquals(m, f.rows());
                for (int k = 0; k < m; k++) {
                    for (int j = 0; j < d; j++) {
                        assertEquals(idx[k] * 10 + j, f.getDouble(k, j), 0.0);
                    }
                    for (int c = 0; c < 4; c++) {
                        assertEquals(c == y[idx[k]] ? 1.0 : 0.0, l.getDouble(k, c), 0.0);
                    }
                }
            }
        }
    }
}
