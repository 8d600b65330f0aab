package org.unlearning.workbench.engine.model;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A faster implementation of DL4J's forward/backward pass for a known network shape, reading the
 * network's own flat parameters and writing DL4J's flat gradient layout (so the network stays the
 * single source of truth). Chosen automatically for float32 models on the CPU backend; any other
 * network uses DL4J's path. {@code -Duw.kernels=dl4j} turns the kernels off (for comparison).
 */
interface GradientKernel {
    /** SUM over the batch of the cross-entropy gradient into {@code gradFlat}; returns the MEAN loss. */
    double sumGradient(INDArray features, INDArray labels, INDArray gradFlat);

    /** Class probabilities [n, classes] (a new array). */
    INDArray output(INDArray features);

    /** Short name for reports, e.g. {@code dense-gemm}. */
    String name();

    /** True unless {@code -Duw.kernels=dl4j} (or {@code off}) is set. */
    static boolean enabled() {
        String v = System.getProperty("uw.kernels", "auto").trim();
        return !(v.equalsIgnoreCase("dl4j") || v.equalsIgnoreCase("off") || v.equalsIgnoreCase("false"));
    }

    /** The kernel for this network, or null when DL4J's path must be used. */
    static GradientKernel forNetwork(MultiLayerNetwork net, boolean convolutional, int[] chw) {
        if (!enabled()) {
            return null;
        }
        if (!convolutional) {
            GradientKernel k = DenseKernel.tryCreate(net);
            return k == null ? null : new Chunked(k, 1024);
        }
        if (chw == null || chw.length != 3 || SmallCnnKernel.tryCreate(net, chw[0], chw[1], chw[2]) == null) {
            return null;
        }
        int threads = ComputeSettings.current().threads();
        // oneDNN's direct convolutions where available, else im2col + SGEMM
        java.util.function.Supplier<GradientKernel> slice = SmallCnnDnnlKernel.tryCreate(net, chw[0], chw[1], chw[2]) != null
                ? () -> SmallCnnDnnlKernel.tryCreate(net, chw[0], chw[1], chw[2])
                : () -> SmallCnnKernel.tryCreate(net, chw[0], chw[1], chw[2]);
        return new Chunked(new DataParallelKernel(threads, slice), 128 * threads);
    }

    /**
     * Bounds the kernels' buffers: larger batches (evaluation, full-gradient passes) run in row
     * chunks of at most {@code maxRows}, summing gradients and weighting losses.
     */
    final class Chunked implements GradientKernel {
        private final GradientKernel inner;
        private final int maxRows;
        private INDArray partial;

        Chunked(GradientKernel inner, int maxRows) {
            this.inner = inner;
            this.maxRows = maxRows;
        }

        @Override
        public double sumGradient(INDArray features, INDArray labels, INDArray gradFlat) {
            long n = features.size(0);
            if (n <= maxRows) {
                return inner.sumGradient(features, labels, gradFlat);
            }
            if (partial == null || partial.length() != gradFlat.length()) {
                partial = org.nd4j.linalg.factory.Nd4j.create(gradFlat.dataType(), gradFlat.length());
            }
            double lossSum = 0;
            for (long s = 0; s < n; s += maxRows) {
                long e = Math.min(n, s + maxRows);
                INDArray f = rows(features, s, e), l = rows(labels, s, e);
                double loss = inner.sumGradient(f, l, s == 0 ? gradFlat : partial);
                if (s > 0) {
                    gradFlat.addi(partial);
                }
                lossSum += loss * (e - s);
            }
            return lossSum / n;
        }

        @Override
        public INDArray output(INDArray features) {
            long n = features.size(0);
            if (n <= maxRows) {
                return inner.output(features);
            }
            INDArray[] parts = new INDArray[(int) ((n + maxRows - 1) / maxRows)];
            for (long s = 0; s < n; s += maxRows) {
                parts[(int) (s / maxRows)] = inner.output(rows(features, s, Math.min(n, s + maxRows)));
            }
            return org.nd4j.linalg.factory.Nd4j.vstack(parts);
        }

        @Override
        public String name() {
            return inner.name();
        }

        private static INDArray rows(INDArray a, long s, long e) {
            INDArray v = a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(s, e), org.nd4j.linalg.indexing.NDArrayIndex.all());
            return Host.isContiguousFloat(v) ? v : v.dup('c');
        }
    }
}
