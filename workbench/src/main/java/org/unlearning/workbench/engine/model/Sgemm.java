package org.unlearning.workbench.engine.model;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Row-major SGEMM straight into the CPU backend's OpenBLAS (the library ND4J itself calls),
 * skipping ND4J's op machinery: {@code C = alpha·op(A)·op(B) + beta·C} on contiguous float32
 * arrays given by base array + element offset. For the tiny products of the dense models the
 * per-call overhead of {@code Nd4j.gemm} (op object, shape checks, output validation: tens of
 * microseconds) is most of a step; here a call costs about a microsecond plus the arithmetic.
 */
final class Sgemm {
    private static final int ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112;

    private Sgemm() {}

    /** A pointer to the first element of a contiguous float32 array (valid while the array lives). */
    static FloatPointer pointer(INDArray a) {
        if (!Host.isContiguousFloat(a)) {
            throw new IllegalArgumentException("SGEMM operands must be contiguous float32 arrays");
        }
        // addressPointer() already points at the data buffer's own offset (views of a larger
        // array get a view buffer); the array's offset counts from the underlying allocation
        FloatPointer p = new FloatPointer(a.data().addressPointer());
        return p.position(a.offset() - a.data().offset());
    }

    static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, FloatPointer a, int lda,
                     FloatPointer b, int ldb, float beta, FloatPointer c, int ldc) {
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k, alpha,
                a, lda, b, ldb, beta, c, ldc);
    }
}
