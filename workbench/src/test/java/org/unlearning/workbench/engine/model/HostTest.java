package org.unlearning.workbench.engine.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Host copies and raw BLAS pointers must address a row-range view where the view starts. */
class HostTest {
    @Test
    void viewsAreAddressedFromTheirFirstElement() {
        INDArray m = Nd4j.arange(0, 20).castTo(DataType.FLOAT).reshape(5, 4);
        INDArray v = m.get(NDArrayIndex.interval(2, 4), NDArrayIndex.all());
        float[] d = new float[4];
        Host.read(v, d, 4);
        assertEquals(8f, d[0]);
        assertEquals(8f, Sgemm.pointer(v).get(0));
        Host.write(new float[] {-1, -2}, v, 1, 2);
        assertEquals(-1f, m.getFloat(2, 1));
        assertEquals(7f, m.getFloat(1, 3));
    }

    @Test
    void sgemmComputesRowMajorProductsWithTransposes() {
        INDArray a = Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, DataType.FLOAT);
        INDArray b = Nd4j.create(new float[] {1, 0, 2, 1, 0, 3}, new long[] {2, 3}, DataType.FLOAT); // used as bᵀ
        INDArray c = Nd4j.create(DataType.FLOAT, 2, 2);
        Sgemm.gemm(false, true, 2, 2, 3, 1f, Sgemm.pointer(a), 3, Sgemm.pointer(b), 3, 0f, Sgemm.pointer(c), 2);
        assertEquals(a.mmul(b.transpose()), c);
    }
}
