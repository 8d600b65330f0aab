package org.unlearning.workbench.engine.model;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
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
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.unlearning.workbench.engine.data.Dataset;

import java.util.List;

/**
 * A DL4J {@link MultiLayerNetwork} built from a {@link ModelSpec}, exposing what the unlearning
 * algorithms need: all parameters as one flat vector and the flat gradient of the mean
 * cross-entropy of a minibatch. DL4J's updater is {@link NoOp}; callers update the flat
 * parameters themselves (clipping, weight decay, noise and projection act on the whole model).
 * Not thread-safe.
 */
public final class WorkbenchModel {
    private final ModelSpec spec;
    private final MultiLayerNetwork net;
    private final INDArray gradBuffer;
    /** Fast forward/backward for float32 models on the CPU (null: DL4J's own path). */
    private final GradientKernel kernel;
    private double lastLoss = Double.NaN;

    private WorkbenchModel(ModelSpec spec, MultiLayerNetwork net) {
        this.spec = spec;
        this.net = net;
        this.gradBuffer = Nd4j.create(spec.dataType(), net.numParams());
        boolean conv = spec.architecture().isConvolutional();
        // thread rule per model size (ComputeSettings), then the kernel for this network, if any
        ComputeSettings.applyFor(conv, spec.dataType() == DataType.FLOAT && Backend.isCpu() && GradientKernel.enabled(),
                spec.architecture().cliName());
        this.kernel = GradientKernel.forNetwork(net, conv,
                conv ? spec.inputShape().stream().mapToInt(Integer::intValue).toArray() : null);
    }

    /**
     * Which implementation computes gradients and outputs: an engine kernel (float32, CPU; see
     * {@link ComputeSettings}) or {@code dl4j} (DL4J's MultiLayerNetwork path).
     */
    public String computePath() {
        return kernel == null ? "dl4j" : kernel.name();
    }

    /**
     * Builds and initialises a model from a seed: He-normal weights (std √(2/fan-in)), zero
     * biases. The weights are drawn with {@link java.util.Random} in parameter order, so the same
     * seed gives the same model in every JVM (ND4J's own RNG does not, across processes).
     */
    public static WorkbenchModel create(ModelSpec spec, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(spec, seed));
        net.init();
        heInit(net, seed);
        return new WorkbenchModel(spec, net);
    }

    private static void heInit(MultiLayerNetwork net, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            for (java.util.Map.Entry<String, INDArray> e : layer.paramTable().entrySet()) {
                INDArray p = e.getValue();
                if (e.getKey().equals("b")) {
                    p.assign(0);
                    continue;
                }
                long[] shape = p.shape();
                // dense W: [nIn, nOut]; conv W: [nOut, nIn, kh, kw]
                long fanIn = shape.length == 4 ? shape[1] * shape[2] * shape[3] : shape[0];
                double std = Math.sqrt(2.0 / fanIn);
                double[] w = new double[(int) p.length()];
                for (int i = 0; i < w.length; i++) {
                    w[i] = rnd.nextGaussian() * std;
                }
                p.assign(Nd4j.create(w, shape, 'c').castTo(p.dataType()));
            }
        }
    }

    /**
     * A model built from {@code spec} holding the given flat parameters (read from a file by
     * {@link ModelArchive}; their length was checked against {@link ModelSpec#parameterCount()}).
     */
    static WorkbenchModel restore(ModelSpec spec, INDArray params) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(spec, 0));
        net.init(params, false);
        if (net.numParams() != params.length()) {
            throw new IllegalStateException(spec + " builds " + net.numParams() + " parameters, not " + params.length());
        }
        return new WorkbenchModel(spec, net);
    }

    /** Wraps an existing network (e.g. restored from disk); its shape must match {@code spec}. */
    public static WorkbenchModel wrap(ModelSpec spec, MultiLayerNetwork net) {
        long expected = create(spec, 0).numParams();
        if (net.numParams() != expected) {
            throw new IllegalArgumentException("network has " + net.numParams() + " parameters but "
                    + spec.architecture() + " with this spec has " + expected);
        }
        return new WorkbenchModel(spec, net);
    }

    static MultiLayerConfiguration configuration(ModelSpec spec, long seed) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(spec.dataType())
                .updater(new NoOp())
                .weightInit(WeightInit.RELU) // He et al. normal init
                .biasInit(0.0)
                .list();
        List<Integer> in = spec.inputShape();
        if (spec.architecture().isConvolutional()) {
            int c = in.get(0);
            int h = in.get(1);
            int w = in.get(2);
            b.layer(new ConvolutionLayer.Builder(3, 3).nOut(32).stride(1, 1)
                            .convolutionMode(ConvolutionMode.Same).activation(Activation.RELU).build())
                    .layer(new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2).build())
                    .layer(new ConvolutionLayer.Builder(3, 3).nOut(64).stride(1, 1)
                            .convolutionMode(ConvolutionMode.Same).activation(Activation.RELU).build())
                    .layer(new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2).build())
                    .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                            .nOut(spec.numClasses()).activation(Activation.SOFTMAX).build())
                    .setInputType(InputType.convolutionalFlat(h, w, c));
        } else {
            for (int hidden : spec.hiddenSizes()) {
                b.layer(new DenseLayer.Builder().nOut(hidden).activation(Activation.RELU).build());
            }
            b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                            .nOut(spec.numClasses()).activation(Activation.SOFTMAX).build())
                    .setInputType(InputType.feedForward(spec.inputLength()));
        }
        return b.build();
    }

    public ModelSpec spec() { return spec; }
    public DataType dataType() { return spec.dataType(); }

    /** The underlying network (for inspection and persistence). */
    public MultiLayerNetwork network() { return net; }

    /** Live flat view of all parameters (length {@link #numParams()}); writes change the model. */
    public INDArray params() { return net.params(); }

    /** Copies {@code flat} into the parameters. */
    public void setParams(INDArray flat) {
        if (flat.length() != numParams()) {
            throw new IllegalArgumentException("parameter vector has length " + flat.length()
                    + ", model has " + numParams());
        }
        net.params().assign(flat.reshape(numParams()));
    }

    public long numParams() { return net.numParams(); }

    /**
     * Flat gradient of the MEAN cross-entropy over the batch (no weight decay), written into a
     * reused buffer (valid until the next call; copy it to keep it). Also records the mean loss
     * ({@link #lastLoss()}). DL4J's raw gradient is the SUM over the batch; it is divided here.
     */
    public INDArray meanGradient(INDArray features, INDArray labels) {
        long n = features.size(0);
        if (kernel != null) {
            lastLoss = kernel.sumGradient(cast(features), cast(labels), gradBuffer);
            gradBuffer.divi(n);
            return gradBuffer;
        }
        net.setInput(cast(features));
        net.setLabels(cast(labels));
        net.computeGradientAndScore();
        INDArray g = net.gradient().gradient();
        gradBuffer.assign(g.reshape(numParams())).divi(n);
        lastLoss = net.score();
        net.clear();
        return gradBuffer;
    }

    /** Mean loss of the last {@link #meanGradient} call. */
    public double lastLoss() { return lastLoss; }

    /**
     * Mean gradient over a subset of a dataset (exact average over all of it, computed in
     * batches); returns a new array.
     */
    public INDArray meanGradient(Dataset data, int[] indices, int batchSize) {
        INDArray sum = Nd4j.zeros(spec.dataType(), numParams());
        double lossSum = 0;
        for (int start = 0; start < indices.length; start += batchSize) {
            int[] idx = java.util.Arrays.copyOfRange(indices, start, Math.min(indices.length, start + batchSize));
            INDArray g = meanGradient(data.features(idx, spec.dataType()), data.oneHotLabels(idx, spec.dataType()));
            sum.addi(g.mul(idx.length));
            lossSum += lastLoss * idx.length;
        }
        lastLoss = lossSum / indices.length;
        return sum.divi(indices.length);
    }

    /** Mean cross-entropy of a batch (no gradient). */
    public double meanLoss(INDArray features, INDArray labels) {
        INDArray p = probabilities(features);
        return crossEntropySum(p, cast(labels)) / features.size(0);
    }

    /** Class probabilities [n, classes]. */
    public INDArray output(INDArray features) {
        return probabilities(features);
    }

    /** Accuracy and mean loss on the given features / one-hot labels. */
    public Evaluation evaluate(INDArray features, INDArray labels, int batchSize) {
        long n = features.size(0);
        long correct = 0;
        double loss = 0;
        for (long s = 0; s < n; s += batchSize) {
            long e = Math.min(n, s + batchSize);
            INDArray x = features.get(NDArrayIndex.interval(s, e), NDArrayIndex.all());
            INDArray y = labels.get(NDArrayIndex.interval(s, e), NDArrayIndex.all());
            // scored on the host: two copies instead of a chain of small ND4J ops per batch
            int rows = (int) (e - s);
            int k = (int) y.size(1);
            double[] pv = probabilities(x).castTo(DataType.DOUBLE).reshape(rows * (long) k).toDoubleVector();
            double[] yv = y.castTo(DataType.DOUBLE).reshape(rows * (long) k).toDoubleVector();
            for (int r = 0; r < rows; r++) {
                int o = r * k;
                int best = 0;
                int truth = 0;
                double pTrue = 0;
                for (int c = 0; c < k; c++) {
                    if (pv[o + c] > pv[o + best]) {
                        best = c;
                    }
                    if (yv[o + c] > yv[o + truth]) {
                        truth = c;
                    }
                    pTrue += pv[o + c] * yv[o + c];
                }
                if (best == truth) {
                    correct++;
                }
                loss -= Math.log(Math.max(pTrue, Double.MIN_NORMAL));
            }
        }
        return new Evaluation(n == 0 ? Double.NaN : (double) correct / n, n == 0 ? Double.NaN : loss / n, (int) n);
    }

    /** Accuracy and mean loss on a whole dataset. */
    public Evaluation evaluate(Dataset data, int batchSize) {
        return evaluate(data, data.allIndices(), batchSize);
    }

    /** Accuracy and mean loss on the given examples of a dataset. */
    public Evaluation evaluate(Dataset data, int[] indices, int batchSize) {
        spec.requireCompatible(data);
        long correct = 0;
        double loss = 0;
        for (int s = 0; s < indices.length; s += batchSize) {
            int[] idx = java.util.Arrays.copyOfRange(indices, s, Math.min(indices.length, s + batchSize));
            INDArray p = probabilities(data.features(idx, spec.dataType()));
            double[][] pm = p.castTo(DataType.DOUBLE).toDoubleMatrix();
            for (int k = 0; k < idx.length; k++) {
                int y = data.label(idx[k]);
                int best = 0;
                for (int c = 1; c < pm[k].length; c++) {
                    if (pm[k][c] > pm[k][best]) {
                        best = c;
                    }
                }
                if (best == y) {
                    correct++;
                }
                loss -= Math.log(Math.max(pm[k][y], Double.MIN_NORMAL));
            }
        }
        int n = indices.length;
        return new Evaluation(n == 0 ? Double.NaN : (double) correct / n, n == 0 ? Double.NaN : loss / n, n);
    }

    /** An independent deep copy (configuration and parameters). */
    public WorkbenchModel copy() {
        return new WorkbenchModel(spec, net.clone());
    }

    private static double crossEntropySum(INDArray probs, INDArray oneHot) {
        INDArray pTrue = probs.mul(oneHot).sum(1).castTo(DataType.DOUBLE);
        double s = 0;
        for (double v : pTrue.toDoubleVector()) {
            s -= Math.log(Math.max(v, Double.MIN_NORMAL));
        }
        return s;
    }

    /** Class probabilities through the kernel when there is one, else DL4J's inference path. */
    private INDArray probabilities(INDArray features) {
        return kernel != null ? kernel.output(cast(features)) : net.output(cast(features), false);
    }

    private INDArray cast(INDArray a) {
        return a.dataType() == spec.dataType() ? a : a.castTo(spec.dataType());
    }

    @Override
    public String toString() {
        return spec.architecture() + " " + spec.inputShape() + "→" + spec.numClasses() + " (" + numParams()
                + " parameters, " + spec.dataType() + ")";
    }
}
