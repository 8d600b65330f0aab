package org.unlearning.workbench.engine.unlearn.dpsgd;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.unlearning.workbench.engine.model.WorkbenchModel;
import org.unlearning.workbench.engine.unlearn.ParameterOps;

/**
 * Per-example gradients by one forward/backward pass per example (any architecture, e.g.
 * {@code cnn-small}): each example's gradient is clipped to C and added to the sum.
 */
final class ExampleLoop implements PerExampleGradients {
    private final WorkbenchModel model;
    private final ParameterOps ops;

    ExampleLoop(WorkbenchModel model) {
        this.model = model;
        this.ops = new ParameterOps(model.numParams());
    }

    @Override
    public Batch clippedSum(INDArray features, INDArray labels, double clip, INDArray sum) {
        int b = (int) features.size(0);
        double[] norms = new double[b];
        double loss = 0;
        int correct = 0;
        sum.assign(0);
        for (int i = 0; i < b; i++) {
            INDArray x = features.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all());
            INDArray y = labels.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all());
            INDArray g = model.meanGradient(x, y);   // one example: its own gradient
            loss += model.lastLoss();
            norms[i] = ops.norm(g);
            ParameterOps.axpy(PerExampleGradients.factor(norms[i], clip), g, sum);
            correct += model.output(x).argMax(1).getInt(0) == y.argMax(1).getInt(0) ? 1 : 0;
        }
        return new Batch(norms, loss / b, (double) correct / b);
    }
}
