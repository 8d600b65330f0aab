package org.unlearning.workbench.engine.model;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's fast kernels must compute exactly what DL4J computes for the same network: the
 * SUM gradient in DL4J's flat layout, the mean loss, and the class probabilities (float32
 * tolerance). DL4J's own path is itself checked against finite differences in float64 elsewhere.
 */
class GradientKernelTest {

    @AfterEach
    void restoreThreads() {
        ComputeSettings.apply(1, "test");
    }

    static MultiLayerNetwork dense(DataType type, Activation hiddenActivation, int... hidden) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(3).dataType(type)
                .updater(new NoOp()).weightInit(WeightInit.RELU).biasInit(0.0).list();
        for (int h : hidden) {
            b.layer(new DenseLayer.Builder().nOut(h).activation(hiddenActivation).build());
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(784));
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return perturb(net);
    }

    static MultiLayerNetwork cnn(int c, int h, int w) {
        var conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).updater(new NoOp())
                .weightInit(WeightInit.RELU).biasInit(0.0).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(32).stride(1, 1).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(64).stride(1, 1).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(h, w, c)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return perturb(net);
    }

    /** Non-zero biases and asymmetric weights so every path of the gradient is exercised. */
    private static MultiLayerNetwork perturb(MultiLayerNetwork net) {
        Nd4j.getRandom().setSeed(11);
        net.params().addi(Nd4j.rand(net.params().dataType(), net.numParams()).subi(0.5).muli(0.1));
        return net;
    }

    private static INDArray[] batch(int n, int d, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 10);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, r.nextInt(10), 1.0);
        }
        return new INDArray[] {Nd4j.create(x, new long[] {n, d}, DataType.FLOAT), y};
    }

    /** Kernel vs DL4J: relative L2 error of the gradient, loss difference, max output difference. */
    private static void assertMatchesDl4j(MultiLayerNetwork net, GradientKernel k, int n, int d) {
        INDArray[] xy = batch(n, d, 5);
        net.setInput(xy[0]);
        net.setLabels(xy[1]);
        net.computeGradientAndScore();
        INDArray ref = net.gradient().gradient().dup();
        double refLoss = net.score();
        INDArray g = Nd4j.create(DataType.FLOAT, net.numParams());
        g.assign(Float.NaN); // every coordinate must be written
        double loss = k.sumGradient(xy[0], xy[1], g);
        double rel = g.sub(ref).norm2Number().doubleValue() / ref.norm2Number().doubleValue();
        assertTrue(rel < 2e-5, "gradient relative error " + rel + " (" + k.name() + ")");
        assertEquals(refLoss, loss, 1e-5 * Math.max(1, refLoss), "loss (" + k.name() + ")");
        INDArray pRef = net.output(xy[0], false);
        INDArray p = k.output(xy[0]);
        assertEquals(0, pRef.sub(p).amaxNumber().doubleValue(), 1e-5, "probabilities (" + k.name() + ")");
    }

    @Test
    void denseKernelMatchesDl4jForEveryDenseArchitecture() {
        for (int[] hidden : new int[][] {{5}, {20}, {32, 32}, {7, 5, 3}}) {
            MultiLayerNetwork net = dense(DataType.FLOAT, Activation.RELU, hidden);
            GradientKernel k = GradientKernel.forNetwork(net, false, null);
            assertNotNull(k, "kernel for hidden sizes " + java.util.Arrays.toString(hidden));
            assertMatchesDl4j(net, k, 16, 784);
        }
    }

    @Test
    void denseKernelSplitsLargeBatchesIntoChunks() {
        MultiLayerNetwork net = dense(DataType.FLOAT, Activation.RELU, 5);
        assertMatchesDl4j(net, GradientKernel.forNetwork(net, false, null), 1500, 784); // > 1024 rows
    }

    @Test
    void cnnKernelMatchesDl4jOnMnistAndCifarShapes() {
        MultiLayerNetwork mnist = cnn(1, 28, 28);
        assertMatchesDl4j(mnist, GradientKernel.forNetwork(mnist, true, new int[] {1, 28, 28}), 6, 784);
        MultiLayerNetwork cifar = cnn(3, 32, 32);
        assertMatchesDl4j(cifar, GradientKernel.forNetwork(cifar, true, new int[] {3, 32, 32}), 5, 3 * 32 * 32);
    }

    @Test
    void oneDnnAndSgemmCnnKernelsEachMatchDl4j() {
        // the oneDNN natives ship for this platform (dnnl-platform, host natives): it must load here
        assertEquals("", OneDnnKernelRuntime.unavailableReason(), "oneDNN should load beside ND4J");
        for (int[] chw : new int[][] {{1, 28, 28}, {3, 32, 32}}) {
            MultiLayerNetwork net = cnn(chw[0], chw[1], chw[2]);
            SmallCnnDnnlKernel dnnl = SmallCnnDnnlKernel.tryCreate(net, chw[0], chw[1], chw[2]);
            assertNotNull(dnnl, "oneDNN kernel for " + java.util.Arrays.toString(chw));
            String impls = dnnl.implementations(5);
            assertTrue(!impls.contains("ref:"), "optimised primitives only: " + impls);
            int d = chw[0] * chw[1] * chw[2];
            assertMatchesDl4j(net, dnnl, 5, d);
            assertMatchesDl4j(net, dnnl, 3, d); // a second batch size (another plan) on the same kernel
            assertMatchesDl4j(net, SmallCnnKernel.tryCreate(net, chw[0], chw[1], chw[2]), 5, d);
        }
        assertTrue(GradientKernel.forNetwork(cnn(1, 28, 28), true, new int[] {1, 28, 28}).name().contains("onednn"));
    }

    @Test
    void cnnKernelSplitsTheBatchAcrossThreadsWithTheSameResult() {
        ComputeSettings.apply(2, 1, "test");
        MultiLayerNetwork net = cnn(1, 28, 28);
        GradientKernel k = GradientKernel.forNetwork(net, true, new int[] {1, 28, 28});
        assertTrue(k.name().contains("2 threads"), k.name());
        assertMatchesDl4j(net, k, 7, 784);   // uneven halves
        assertMatchesDl4j(net, k, 300, 784); // more rows than one chunk (256): chunked + split
    }

    @Test
    void kernelsFollowParameterChangesThroughTheLiveFlatView() {
        MultiLayerNetwork net = dense(DataType.FLOAT, Activation.RELU, 5);
        GradientKernel k = GradientKernel.forNetwork(net, false, null);
        assertMatchesDl4j(net, k, 8, 784);
        net.params().muli(0.5).addi(0.01);
        assertMatchesDl4j(net, k, 8, 784);
    }

    @Test
    void unsupportedNetworksFallBackToDl4j() {
        assertNull(GradientKernel.forNetwork(dense(DataType.DOUBLE, Activation.RELU, 5), false, null), "float64");
        assertNull(GradientKernel.forNetwork(dense(DataType.FLOAT, Activation.TANH, 5), false, null), "tanh");
        assertNull(GradientKernel.forNetwork(cnn(1, 30, 30), true, new int[] {1, 30, 30}), "30×30: pooled size odd");
        String before = System.getProperty("uw.kernels");
        System.setProperty("uw.kernels", "dl4j");
        try {
            assertNull(GradientKernel.forNetwork(dense(DataType.FLOAT, Activation.RELU, 5), false, null), "switched off");
        } finally {
            if (before == null) {
                System.clearProperty("uw.kernels");
            } else {
                System.setProperty("uw.kernels", before);
            }
        }
    }
}
