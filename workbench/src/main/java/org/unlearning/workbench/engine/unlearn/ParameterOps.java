package org.unlearning.workbench.engine.unlearn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Norms and clipping of one flat vector length, accurate in double even for float32 vectors:
 * ND4J's float reductions carry ~1e−7 relative error, enough to leave a clipped vector outside
 * its ball, so the norm is accumulated in double (no allocation in the hot loop).
 */
public final class ParameterOps {
    /**
     * Relative margin applied when a clip is active so that float32 rounding of the scaled vector
     * (≤ 2⁻²⁴ relative per coordinate) can never leave it outside the ball; it only strengthens
     * the norm bound the accountants rely on (§4.2, §5.2).
     */
    public static final double CLIP_MARGIN = 1e-6;

    private final INDArray doubleCopy;

    public ParameterOps(long length) {
        this.doubleCopy = Nd4j.create(DataType.DOUBLE, length);
    }

    /**
     * Euclidean norm over all coordinates, accumulated in double. Contiguous vectors are read in
     * place through their native buffer (an order of magnitude cheaper than an ND4J reduction for
     * the paper's small models) into four interleaved partial sums (coordinates i mod 4, the tail
     * into the first; then (s0 + s1) + (s2 + s3)): one sequential sum is bound by the add latency,
     * ≈ 20 µs for mlp-20's 15,910 parameters, most of a noisy step's overhead over a plain one.
     * Others go through a double copy.
     */
    public double norm(INDArray v) {
        if (v.elementWiseStride() == 1 && (v.dataType() == DataType.FLOAT || v.dataType() == DataType.DOUBLE)) {
            ByteBuffer raw = v.data().asNio().order(ByteOrder.nativeOrder());
            int off = (int) v.offset();
            int n = (int) v.length();
            java.util.function.IntToDoubleFunction x = v.dataType() == DataType.FLOAT
                    ? raw.asFloatBuffer()::get : raw.asDoubleBuffer()::get;
            double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
            int i = 0;
            for (; i + 3 < n; i += 4) {
                double x0 = x.applyAsDouble(off + i), x1 = x.applyAsDouble(off + i + 1);
                double x2 = x.applyAsDouble(off + i + 2), x3 = x.applyAsDouble(off + i + 3);
                a0 += x0 * x0;
                a1 += x1 * x1;
                a2 += x2 * x2;
                a3 += x3 * x3;
            }
            for (; i < n; i++) {
                double xi = x.applyAsDouble(off + i);
                a0 += xi * xi;
            }
            return Math.sqrt((a0 + a1) + (a2 + a3));
        }
        doubleCopy.assign(v);
        return doubleCopy.norm2Number().doubleValue();
    }

    /**
     * Π_C(v) = v · min(1, C/‖v‖) in place (§ Notation). Returns the norm before projection.
     */
    public double project(INDArray v, double radius) {
        double n = norm(v);
        double f = clipFactor(n, radius);
        if (f < 1.0) {
            v.muli(f);
        }
        return n;
    }

    /**
     * Factor of the global L2 clip Π_C: {@code min(1, C/‖v‖)} (with {@link #CLIP_MARGIN} when
     * active); 1 for the zero vector.
     */
    public static double clipFactor(double norm, double radius) {
        if (!(radius >= 0)) {
            throw new IllegalArgumentException("clipping radius must be >= 0, got " + radius);
        }
        if (!Double.isFinite(norm)) {
            throw new IllegalStateException("vector norm is " + norm + " (training diverged or invalid input)");
        }
        return norm <= radius || norm == 0 ? 1.0 : (radius / norm) * (1 - CLIP_MARGIN);
    }

    /** y ← y + a·x (BLAS axpy, no allocation). */
    public static void axpy(double a, INDArray x, INDArray y) {
        Nd4j.getBlasWrapper().level1().axpy(x.length(), a, x, y);
    }
}
