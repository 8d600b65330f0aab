package org.unlearning.workbench.engine.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.function.Supplier;

/**
 * Splits a minibatch into one contiguous slice per thread, runs a single-threaded kernel on each
 * slice concurrently (each with its own buffers, native code on one OpenMP/BLAS thread) and sums
 * the slices' gradients. The sum of per-slice SUM gradients is exactly the batch's SUM gradient.
 * <p>
 * Why: on a shared two-core machine, OpenMP/OpenBLAS threads spin at every parallel region and
 * collapse when another process takes a core; independent slices synchronise once per step.
 */
final class DataParallelKernel implements GradientKernel {
    private final GradientKernel[] workers;
    private final INDArray[] partial;
    private final double[] losses;

    DataParallelKernel(int threads, Supplier<GradientKernel> factory) {
        workers = new GradientKernel[threads];
        partial = new INDArray[threads];
        losses = new double[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = factory.get();
        }
    }

    int threads() {
        return workers.length;
    }

    @Override
    public double sumGradient(INDArray features, INDArray labels, INDArray gradFlat) {
        int n = (int) features.size(0);
        int parts = Math.min(workers.length, n);
        if (parts <= 1) {
            return workers[0].sumGradient(features, labels, gradFlat);
        }
        Parallel.forEachChunk(n, parts, (from, to, part) -> {
            INDArray target = gradFlat;
            if (part > 0) {
                if (partial[part] == null || partial[part].length() != gradFlat.length()) {
                    partial[part] = Nd4j.create(gradFlat.dataType(), gradFlat.length());
                }
                target = partial[part];
            }
            losses[part] = workers[part].sumGradient(rows(features, from, to), rows(labels, from, to), target)
                    * (to - from);
        });
        double loss = losses[0];
        for (int k = 1; k < parts; k++) {
            gradFlat.addi(partial[k]);
            loss += losses[k];
        }
        return loss / n;
    }

    @Override
    public INDArray output(INDArray features) {
        int n = (int) features.size(0);
        int parts = Math.min(workers.length, n);
        if (parts <= 1) {
            return workers[0].output(features);
        }
        INDArray[] out = new INDArray[parts];
        Parallel.forEachChunk(n, parts, (from, to, part) -> out[part] = workers[part].output(rows(features, from, to)));
        return Nd4j.vstack(out);
    }

    @Override
    public String name() {
        return workers[0].name() + " ×" + workers.length + " threads";
    }

    private static INDArray rows(INDArray a, int from, int to) {
        INDArray v = a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
        return Host.isContiguousFloat(v) ? v : v.dup('c');
    }
}
