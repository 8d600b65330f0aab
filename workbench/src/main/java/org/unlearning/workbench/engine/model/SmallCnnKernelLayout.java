package org.unlearning.workbench.engine.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The {@code cnn-small} network the engine's CNN kernels implement (conv 3×3 same → ReLU → avg-pool
 * 2 → conv 3×3 same → ReLU → avg-pool 2 → global mean → dense → softmax cross-entropy), its sizes
 * and where DL4J keeps each parameter in the flat vector. Conv weights are DL4J's [out, in, ky, kx]
 * ('c'); the dense weights [c2, classes] are 'f' ordered: W[i][k] at {@code offWd + i + k·c2}.
 */
record SmallCnnKernelLayout(int c0, int h0, int w0, int c1, int c2, int classes, int nParams,
                            int offB1, int offW1, int offB2, int offW2, int offWd, int offBd) {
    static final int K = 3; // kernel size

    int h1() { return h0 / 2; }
    int w1() { return w0 / 2; }

    /**
     * The layout of {@code net} if it is exactly this network (float32, CPU backend, input height
     * and width divisible by 4, NCHW, 3×3 same convolutions with bias and ReLU, 2×2 average pooling,
     * global average pooling, softmax/MCXENT output, DL4J's parameter orderings), else null.
     */
    static SmallCnnKernelLayout of(MultiLayerNetwork net, int channels, int height, int width) {
        if (!Backend.isCpu() || net.params().dataType() != DataType.FLOAT
                || height % 4 != 0 || width % 4 != 0
                || net.getnLayers() != 6 || !net.params().isVector() || net.params().elementWiseStride() != 1) {
            return null;
        }
        var l = net.getLayerWiseConfigurations().getConfs();
        if (!(l.get(0).getLayer() instanceof ConvolutionLayer a) || !isSame3x3Relu(a)
                || !(l.get(1).getLayer() instanceof SubsamplingLayer p1) || !isAvg2x2(p1)
                || !(l.get(2).getLayer() instanceof ConvolutionLayer b) || !isSame3x3Relu(b)
                || !(l.get(3).getLayer() instanceof SubsamplingLayer p2) || !isAvg2x2(p2)
                || !(l.get(4).getLayer() instanceof GlobalPoolingLayer gp) || gp.getPoolingType() != PoolingType.AVG
                || !(l.get(5).getLayer() instanceof OutputLayer o)
                || !(o.getActivationFn() instanceof ActivationSoftmax) || !(o.getLossFn() instanceof LossMCXENT mc)
                || mc.getWeights() != null || a.getNIn() != channels) {
            return null;
        }
        if (net.getLayer(0).getParam("W").ordering() != 'c' || net.getLayer(2).getParam("W").ordering() != 'c'
                || net.getLayer(5).getParam("W").ordering() != 'f') {
            return null;
        }
        INDArray flat = net.params();
        Layer conv1 = net.getLayer(0), conv2 = net.getLayer(2), out = net.getLayer(5);
        long base = flat.offset();
        return new SmallCnnKernelLayout(channels, height, width,
                (int) conv1.getParam("W").size(0), (int) conv2.getParam("W").size(0), (int) out.getParam("W").size(1),
                (int) flat.length(),
                (int) (conv1.getParam("b").offset() - base), (int) (conv1.getParam("W").offset() - base),
                (int) (conv2.getParam("b").offset() - base), (int) (conv2.getParam("W").offset() - base),
                (int) (out.getParam("W").offset() - base), (int) (out.getParam("b").offset() - base));
    }

    private static boolean isSame3x3Relu(ConvolutionLayer c) {
        return c.getConvolutionMode() == ConvolutionMode.Same && c.getKernelSize()[0] == K && c.getKernelSize()[1] == K
                && c.getStride()[0] == 1 && c.getStride()[1] == 1 && c.getDilation()[0] == 1 && c.getDilation()[1] == 1
                && c.hasBias() && c.getActivationFn() instanceof ActivationReLU
                && c.getCnn2dDataFormat() == CNN2DFormat.NCHW;
    }

    private static boolean isAvg2x2(SubsamplingLayer s) {
        return s.getPoolingType() == PoolingType.AVG
                && s.getKernelSize()[0] == 2 && s.getKernelSize()[1] == 2 && s.getStride()[0] == 2 && s.getStride()[1] == 2
                && s.getPadding()[0] == 0 && s.getPadding()[1] == 0
                && (s.getConvolutionMode() == ConvolutionMode.Truncate || s.getConvolutionMode() == ConvolutionMode.Same
                || s.getConvolutionMode() == ConvolutionMode.Strict);
    }

    /**
     * The dense head on the global means {@code gap} [n, c2]: logits [n, classes] = gap·W + b, from
     * the parameters {@code p} (a heap copy of the flat vector).
     */
    void denseForward(float[] gap, float[] p, float[] logits, int n) {
        for (int b = 0; b < n; b++) {
            int go = b * c2;
            for (int k = 0; k < classes; k++) {
                float s = p[offBd + k];
                int wo = offWd + k * c2;
                for (int i = 0; i < c2; i++) {
                    s += gap[go + i] * p[wo + i];
                }
                logits[b * classes + k] = s;
            }
        }
    }

    /**
     * Backward of the dense head: with {@code dLogits} [n, classes], adds dW and db to {@code g}
     * (DL4J's flat layout) and writes d gap [n, c2] scaled by {@code scale}.
     */
    void denseBackward(float[] dLogits, float[] gap, float[] p, float[] g, float[] dGap, float scale, int n) {
        for (int b = 0; b < n; b++) {
            int go = b * c2;
            for (int k = 0; k < classes; k++) {
                float d = dLogits[b * classes + k];
                g[offBd + k] += d;
                int wo = offWd + k * c2;
                for (int i = 0; i < c2; i++) {
                    g[wo + i] += gap[go + i] * d;
                }
            }
            for (int i = 0; i < c2; i++) {
                float s = 0;
                for (int k = 0; k < classes; k++) {
                    s += dLogits[b * classes + k] * p[offWd + k * c2 + i];
                }
                dGap[go + i] = s * scale;
            }
        }
    }
}
