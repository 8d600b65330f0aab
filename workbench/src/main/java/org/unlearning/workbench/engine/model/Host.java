package org.unlearning.workbench.engine.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;

/** Bulk copies between contiguous float32 ND4J arrays (host memory) and Java arrays. */
final class Host {
    private Host() {}

    static boolean isContiguousFloat(INDArray a) {
        return a.dataType() == DataType.FLOAT && (a.isVector() || a.ordering() == 'c') && a.elementWiseStride() == 1;
    }

    /** Copies the first {@code len} elements of {@code a} (in 'c' order) into {@code dst}. */
    static void read(INDArray a, float[] dst, int len) {
        INDArray src = isContiguousFloat(a) ? a : a.castTo(DataType.FLOAT).dup('c');
        FloatBuffer fb = src.data().asNioFloat();
        fb.get((int) src.offset(), dst, 0, len);
    }

    /** Copies {@code len} elements of {@code src} into the contiguous float32 array {@code a}. */
    static void write(float[] src, INDArray a, int len) {
        if (!isContiguousFloat(a)) {
            throw new IllegalArgumentException("target must be a contiguous float32 array");
        }
        FloatBuffer fb = a.data().asNioFloat();
        fb.put((int) a.offset(), src, 0, len);
    }

    /** Copies {@code len} elements of {@code src} into the contiguous float32 array {@code a} from element {@code at}. */
    static void write(float[] src, INDArray a, int at, int len) {
        if (!isContiguousFloat(a)) {
            throw new IllegalArgumentException("target must be a contiguous float32 array");
        }
        FloatBuffer fb = a.data().asNioFloat();
        fb.put((int) a.offset() + at, src, 0, len);
    }

    /** Copies {@code len} elements of {@code a} (contiguous float32, 'c' order) into {@code dst} from {@code at}. */
    static void read(INDArray a, float[] dst, int at, int len) {
        INDArray src = isContiguousFloat(a) ? a : a.castTo(DataType.FLOAT).dup('c');
        src.data().asNioFloat().get((int) src.offset(), dst, at, len);
    }
}
