package org.unlearning.workbench.engine.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.util.List;

/**
 * Forward/backward pass of a dense ReLU network with a softmax cross-entropy output (mlp-5,
 * mlp-20, mlp-32x32, mlp-head), computing exactly DL4J's {@code computeGradientAndScore()} in
 * float32 with preallocated buffers and no per-layer framework overhead.
 * <p>
 * Why: for mlp-5 at batch 128 the arithmetic is ~1 MFLOP per step; DL4J's per-layer bookkeeping
 * (workspaces, activation/epsilon arrays, gradient views) dominates. Here every matrix product is
 * one ND4J GEMM on preallocated off-heap buffers, reading DL4J's weight views and writing weight
 * gradients straight into the flat gradient (DL4J's dense W is [nIn, nOut] in 'f' order, i.e.
 * [nOut, nIn] in 'c' order, so dWᵀ = δᵀ·a lands in place); the small element-wise work (bias,
 * ReLU, softmax, masks) runs on the heap. The first layer's input gradient is not computed.
 * <p>
 * CPU backend, float32 only. Not thread-safe.
 */
final class DenseKernel implements GradientKernel {
    private final MultiLayerNetwork net;
    private final int layers;
    private final int[] nIn, nOut;
    private final int[] offW, offB;
    private final int nParams;
    private final float[] p;
    private int cap;
    private float[][] z;          // pre-activations, then activations (heap) [cap * nOut]
    private float[] y;
    private INDArray[] zN, aN, dN, daN;

    private DenseKernel(MultiLayerNetwork net) {
        this.net = net;
        this.layers = net.getnLayers();
        nIn = new int[layers];
        nOut = new int[layers];
        offW = new int[layers];
        offB = new int[layers];
        long base = net.params().offset();
        for (int l = 0; l < layers; l++) {
            INDArray w = net.getLayer(l).getParam("W");
            nIn[l] = (int) w.size(0);
            nOut[l] = (int) w.size(1);
            offW[l] = (int) (w.offset() - base);
            offB[l] = (int) (net.getLayer(l).getParam("b").offset() - base);
        }
        nParams = (int) net.numParams();
        p = new float[nParams];
    }

    /** A kernel if {@code net} is a float32 dense ReLU network with softmax/MCXENT output on the CPU, else null. */
    static DenseKernel tryCreate(MultiLayerNetwork net) {
        if (!Backend.isCpu() || net.params().dataType() != DataType.FLOAT || !Host.isContiguousFloat(net.params())
                || net.getnLayers() < 1) {
            return null;
        }
        List<NeuralNetConfiguration> confs = net.getLayerWiseConfigurations().getConfs();
        int n = confs.size();
        for (int l = 0; l < n - 1; l++) {
            if (!(confs.get(l).getLayer() instanceof DenseLayer d) || d.getClass() != DenseLayer.class
                    || !(d.getActivationFn() instanceof ActivationReLU) || !d.hasBias() || d.hasLayerNorm()
                    || d.getIDropout() != null) {
                return null;
            }
        }
        if (!(confs.get(n - 1).getLayer() instanceof OutputLayer o) || !(o.getActivationFn() instanceof ActivationSoftmax)
                || !(o.getLossFn() instanceof LossMCXENT mc) || mc.getWeights() != null || !o.hasBias()
                || o.getIDropout() != null) {
            return null;
        }
        if (net.getLayerWiseConfigurations().getInputPreProcessors() != null
                && !net.getLayerWiseConfigurations().getInputPreProcessors().isEmpty()) {
            return null;
        }
        for (int l = 0; l < n; l++) {
            INDArray w = net.getLayer(l).getParam("W");
            if (w.ordering() != 'f' || w.rank() != 2) {
                return null;
            }
        }
        return new DenseKernel(net);
    }

    private void ensureCapacity(int n) {
        if (n <= cap) {
            return;
        }
        cap = n;
        z = new float[layers][];
        zN = new INDArray[layers];
        aN = new INDArray[layers];
        dN = new INDArray[layers];
        daN = new INDArray[layers];
        for (int l = 0; l < layers; l++) {
            z[l] = new float[n * nOut[l]];
            zN[l] = Nd4j.create(DataType.FLOAT, n, nOut[l]);
            aN[l] = Nd4j.create(DataType.FLOAT, n, nOut[l]);
            dN[l] = Nd4j.create(DataType.FLOAT, n, nOut[l]);
            if (l > 0) {
                daN[l] = Nd4j.create(DataType.FLOAT, n, nIn[l]);
            }
        }
        y = new float[n * nOut[layers - 1]];
    }

    private INDArray forward(INDArray features, int n) {
        INDArray x = Host.isContiguousFloat(features) ? features : features.castTo(DataType.FLOAT).dup('c');
        INDArray params = net.params();
        Host.read(params, p, nParams);
        FloatPointer pp = Sgemm.pointer(params);
        FloatPointer a = Sgemm.pointer(x);
        for (int l = 0; l < layers; l++) {
            // z [n, nOut] = a [n, nIn] · W, W stored as Wᵀ [nOut, nIn] row-major ('f' [nIn, nOut])
            Sgemm.gemm(false, true, n, nOut[l], nIn[l], 1f, a, nIn[l], at(pp, offW[l]), nIn[l], 0f, ptr(zN[l]), nOut[l]);
            float[] zl = z[l];
            int w = nOut[l];
            Host.read(zN[l], zl, n * w);
            boolean hidden = l < layers - 1;
            int ob = offB[l];
            for (int r = 0; r < n; r++) {
                int o = r * w;
                for (int k = 0; k < w; k++) {
                    float s = zl[o + k] + p[ob + k];
                    zl[o + k] = hidden ? Math.max(s, 0f) : s;
                }
            }
            if (hidden) {
                Host.write(zl, aN[l], n * w);
                a = ptr(aN[l]);
            }
        }
        return x;
    }

    /**
     * SUM over the batch of the cross-entropy gradient (DL4J's convention) into {@code gradFlat}
     * (contiguous float32, length numParams); returns the MEAN loss (DL4J's score).
     */
    @Override
    public double sumGradient(INDArray features, INDArray labels, INDArray gradFlat) {
        int n = (int) features.size(0);
        ensureCapacity(n);
        INDArray x = forward(features, n);
        int last = layers - 1;
        int classes = nOut[last];
        Host.read(labels, y, n * classes);
        float[] d = z[last];
        double loss = 0;
        for (int r = 0; r < n; r++) {
            loss += SoftmaxCrossEntropy.apply(d, r * classes, classes, y, true);
        }
        Host.write(d, dN[last], n * classes);
        float[] bias = new float[32];
        FloatPointer pp = Sgemm.pointer(net.params());
        FloatPointer gp = Sgemm.pointer(gradFlat);
        for (int l = last; l >= 0; l--) {
            int w = nOut[l];
            float[] dl = z[l];
            // bias gradient = column sums of δ
            if (bias.length < w) {
                bias = new float[w];
            }
            java.util.Arrays.fill(bias, 0, w, 0f);
            for (int r = 0; r < n; r++) {
                int o = r * w;
                for (int k = 0; k < w; k++) {
                    bias[k] += dl[o + k];
                }
            }
            Host.write(bias, gradFlat, offB[l], w);
            // dWᵀ [nOut, nIn] ('c') = δᵀ · a_{l−1}: DL4J's 'f'-ordered [nIn, nOut] gradient, in place
            FloatPointer prev = l == 0 ? Sgemm.pointer(x) : ptr(aN[l - 1]);
            Sgemm.gemm(true, false, w, nIn[l], n, 1f, ptr(dN[l]), w, prev, nIn[l], 0f, at(gp, offW[l]), nIn[l]);
            if (l > 0) {
                // δ_{l−1} = (δ_l · W_lᵀ) ⊙ 1[a_{l−1} > 0]; W_lᵀ is stored row-major [nOut, nIn]
                Sgemm.gemm(false, false, n, nIn[l], w, 1f, ptr(dN[l]), w, at(pp, offW[l]), nIn[l], 0f, ptr(daN[l]), nIn[l]);
                int wp = nOut[l - 1];
                float[] ap = z[l - 1];
                float[] tmp = scratch(n * wp);
                Host.read(daN[l], tmp, n * wp);
                for (int i = 0; i < n * wp; i++) {
                    ap[i] = tmp[i] * Math.signum(ap[i]); // a ≥ 0 after ReLU: the mask, branch-free
                }
                Host.write(ap, dN[l - 1], n * wp);
            }
        }
        return loss / n;
    }

    /** Pointer to element {@code offset} of the array that {@code base} points into. */
    private static FloatPointer at(FloatPointer base, int offset) {
        return new FloatPointer(base).position(base.position() + offset);
    }

    private static FloatPointer ptr(INDArray a) {
        return Sgemm.pointer(a);
    }

    private float[] scratchBuf = new float[0];

    private float[] scratch(int len) {
        if (scratchBuf.length < len) {
            scratchBuf = new float[len];
        }
        return scratchBuf;
    }

    /** Class probabilities [n, classes] (a new array). */
    @Override
    public INDArray output(INDArray features) {
        int n = (int) features.size(0);
        ensureCapacity(n);
        forward(features, n);
        int classes = nOut[layers - 1];
        float[] out = new float[n * classes];
        float[] zl = z[layers - 1];
        for (int r = 0; r < n; r++) {
            softmax(zl, r * classes, classes, out);
        }
        return Nd4j.create(out, new long[] {n, classes}, DataType.FLOAT);
    }

    private static void softmax(float[] a, int o, int k, float[] out) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            max = Math.max(max, a[o + i]);
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += Math.exp(a[o + i] - max);
        }
        for (int i = 0; i < k; i++) {
            out[o + i] = (float) (Math.exp(a[o + i] - max) / sum);
        }
    }

    @Override
    public String name() {
        return "dense-gemm";
    }
}
