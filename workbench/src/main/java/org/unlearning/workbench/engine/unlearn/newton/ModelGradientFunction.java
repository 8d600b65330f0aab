package org.unlearning.workbench.engine.unlearn.newton;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.model.WorkbenchModel;

/**
 * {@link GradientFunction} of a network on a dataset, evaluated in float64: it owns a float64
 * copy of the model, writes w into that copy's parameters and returns the mean cross-entropy
 * gradient (no weight decay) over the requested examples. Counts every per-example gradient it
 * computes ({@link #examplesEvaluated()}) so that the cost of unlearning is measured, not guessed.
 * Not thread-safe.
 */
public final class ModelGradientFunction implements GradientFunction {
    private final WorkbenchModel model;
    private final Dataset data;
    private final int chunk;
    private long examples;

    /**
     * @param source a model of any precision; it is copied to float64 and not modified
     * @param data   the examples the indices refer to
     * @param chunk  examples per forward/backward pass when averaging over many examples
     */
    public ModelGradientFunction(WorkbenchModel source, Dataset data, int chunk) {
        source.spec().requireCompatible(data);
        if (chunk < 1) {
            throw new IllegalArgumentException("gradient chunk size must be >= 1, got " + chunk);
        }
        this.model = toFloat64(source);
        this.data = data;
        this.chunk = chunk;
    }

    /** A float64 copy of {@code m} with the same parameters (float32 values are exact in float64). */
    public static WorkbenchModel toFloat64(WorkbenchModel m) {
        if (m.dataType() == DataType.DOUBLE) {
            return m.copy();
        }
        WorkbenchModel d = WorkbenchModel.create(m.spec().withDataType(DataType.DOUBLE), 0);
        d.setParams(m.params().castTo(DataType.DOUBLE));
        return d;
    }

    /** The parameters of {@code m} as a new double array. */
    public static double[] flatParams(WorkbenchModel m) {
        return m.params().castTo(DataType.DOUBLE).toDoubleVector();
    }

    /** Writes {@code w} into the parameters of {@code m} (cast to its precision). */
    public static void setParams(WorkbenchModel m, double[] w) {
        m.setParams(Nd4j.createFromArray(w).castTo(m.dataType()));
    }

    @Override
    public int dimension() {
        return (int) model.numParams();
    }

    @Override
    public int exampleCount() {
        return data.size();
    }

    @Override
    public double[] meanGradient(double[] w, int[] batch) {
        Vectors.requireLength(w, dimension(), "w");
        if (batch.length == 0) {
            throw new IllegalArgumentException("gradient over an empty set of examples");
        }
        model.params().assign(Nd4j.createFromArray(w));
        INDArray g = model.meanGradient(data, batch, chunk);
        examples += batch.length;
        return g.toDoubleVector();
    }

    /** Mean cross-entropy (no regulariser) at w over the examples. */
    public double meanLoss(double[] w, int[] batch) {
        model.params().assign(Nd4j.createFromArray(w));
        model.meanGradient(data, batch, chunk);
        examples += batch.length;
        return model.lastLoss();
    }

    /** Per-example gradients computed so far. */
    public long examplesEvaluated() {
        return examples;
    }

    public Dataset data() {
        return data;
    }
}
