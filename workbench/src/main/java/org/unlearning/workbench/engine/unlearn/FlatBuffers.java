package org.unlearning.workbench.engine.unlearn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearning.workbench.engine.model.ComputeSettings;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * In-place element access to a contiguous flat vector through its native buffer: for the paper's
 * small models one fused Java loop is far cheaper than a sequence of ND4J ops (each op costs tens
 * of microseconds of dispatch).
 */
final class FlatBuffers {
    private FlatBuffers() {}

    /**
     * True for a contiguous FLOAT or DOUBLE vector this class can address directly: only on the CPU
     * backend, where the host buffer is the array's memory (on CUDA a host write would bypass the
     * device copy, and the callers fall back to ND4J ops).
     */
    static boolean direct(INDArray v) {
        return ComputeSettings.hostMemoryBackend() && v.elementWiseStride() == 1
                && (v.dataType() == DataType.FLOAT || v.dataType() == DataType.DOUBLE);
    }

    /** Element accessor over a direct vector (index 0 = first element of the vector). */
    interface Access {
        double get(int i);

        void set(int i, double v);
    }

    static Access access(INDArray v) {
        int off = (int) v.offset();
        if (v.dataType() == DataType.FLOAT) {
            FloatBuffer f = v.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
            return new Access() {
                @Override public double get(int i) { return f.get(off + i); }
                @Override public void set(int i, double x) { f.put(off + i, (float) x); }
            };
        }
        DoubleBuffer d = v.data().asNio().order(ByteOrder.nativeOrder()).asDoubleBuffer();
        return new Access() {
            @Override public double get(int i) { return d.get(off + i); }
            @Override public void set(int i, double x) { d.put(off + i, x); }
        };
    }

    /** True for a direct FLOAT vector, which {@link #read} / {@link #write} copy in bulk. */
    static boolean isFloat(INDArray v) {
        return v.dataType() == DataType.FLOAT && direct(v);
    }

    /** Bulk copy of the first {@code n} elements of a direct FLOAT vector into {@code dst}. */
    static void read(INDArray v, float[] dst, int n) {
        floats(v).get((int) v.offset(), dst, 0, n);
    }

    /** Bulk copy of {@code src[0..n)} into a direct FLOAT vector. */
    static void write(float[] src, INDArray v, int n) {
        floats(v).put((int) v.offset(), src, 0, n);
    }

    private static FloatBuffer floats(INDArray v) {
        return v.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
