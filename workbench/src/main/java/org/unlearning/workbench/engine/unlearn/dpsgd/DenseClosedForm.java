package org.unlearning.workbench.engine.unlearn.dpsgd;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.BaseOutputLayer;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.unlearning.workbench.engine.model.WorkbenchModel;

/**
 * Per-example gradients of a dense ReLU network with a softmax cross-entropy output, in closed form
 * and batched: one forward pass keeps every layer's input a_{l−1} [b, n_in] and one backward pass gives
 * δ_l = ∂ℓ_i/∂z_l [b, n_out] for all examples at once. Example i's gradient of W_l is the outer product
 * a_{l−1}[i]ᵀ δ_l[i] and of b_l is δ_l[i], so its squared norm is Σ_l (‖a_{l−1}[i]‖² + 1)·‖δ_l[i]‖² —
 * computed in double without materialising any per-example gradient — and the clipped sum is
 * Σ_l a_{l−1}ᵀ (c ⊙ δ_l) with c_i = min(1, C/‖g_i‖): one matrix product per layer.
 */
final class DenseClosedForm implements PerExampleGradients {
    private final WorkbenchModel model;
    private final Layer[] layers;
    /** Same network shape; its parameter views write a layer's gradient into the flat layout. */
    private final WorkbenchModel layout;

    DenseClosedForm(WorkbenchModel model) {
        this.model = model;
        this.layers = model.network().getLayers();
        this.layout = model.copy();
    }

    /** Dense hidden layers (ReLU) and a softmax output layer, nothing else. */
    static boolean supports(WorkbenchModel m) {
        if (m.spec().architecture().isConvolutional()) {
            return false;
        }
        Layer[] ls = m.network().getLayers();
        for (int i = 0; i < ls.length; i++) {
            boolean last = i == ls.length - 1;
            if (last ? !(ls[i] instanceof BaseOutputLayer) : !(ls[i] instanceof DenseLayer)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Batch clippedSum(INDArray features, INDArray labels, double clip, INDArray sum) {
        DataType t = model.dataType();
        int n = layers.length;
        INDArray[] inputs = new INDArray[n];
        INDArray[] pre = new INDArray[n];
        INDArray a = features.castTo(t);
        for (int l = 0; l < n; l++) {
            inputs[l] = a;
            INDArray z = a.mmul(layers[l].getParam("W")).addiRowVector(layers[l].getParam("b"));
            pre[l] = z;
            a = l == n - 1 ? softmax(z) : Transforms.relu(z, true);
        }
        INDArray y = labels.castTo(t);
        INDArray[] deltas = new INDArray[n];
        INDArray d = a.sub(y);   // ∂ CE / ∂ z_L = p − y, per example
        for (int l = n - 1; l >= 0; l--) {
            deltas[l] = d;
            if (l > 0) {
                d = d.mmul(layers[l].getParam("W").transpose()).muli(pre[l - 1].gt(0).castTo(t));
            }
        }
        int b = (int) features.size(0);
        double[] sq = new double[b];
        for (int l = 0; l < n; l++) {
            double[] an = rowSquares(inputs[l]);
            double[] dn = rowSquares(deltas[l]);
            for (int i = 0; i < b; i++) {
                sq[i] += (an[i] + 1) * dn[i];
            }
        }
        double[] norms = new double[b];
        double[] factors = new double[b];
        for (int i = 0; i < b; i++) {
            norms[i] = Math.sqrt(sq[i]);
            factors[i] = PerExampleGradients.factor(norms[i], clip);
        }
        INDArray c = Nd4j.createFromArray(factors).castTo(t).reshape(b, 1);
        for (int l = 0; l < n; l++) {
            INDArray cd = deltas[l].mulColumnVector(c);
            layout.network().getLayer(l).getParam("W").assign(inputs[l].transpose().mmul(cd));
            layout.network().getLayer(l).getParam("b").assign(cd.sum(0).reshape(1, cd.size(1)));
        }
        sum.assign(layout.params());
        double[][] p = a.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] yy = y.castTo(DataType.DOUBLE).toDoubleMatrix();
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < b; i++) {
            int best = 0;
            int truth = 0;
            for (int k = 0; k < p[i].length; k++) {
                if (p[i][k] > p[i][best]) {
                    best = k;
                }
                if (yy[i][k] > yy[i][truth]) {
                    truth = k;
                }
            }
            loss -= Math.log(Math.max(p[i][truth], Double.MIN_NORMAL));
            correct += best == truth ? 1 : 0;
        }
        return new Batch(norms, loss / b, (double) correct / b);
    }

    private static INDArray softmax(INDArray z) {
        INDArray shifted = z.subColumnVector(z.max(1).reshape(z.size(0), 1));
        INDArray e = Transforms.exp(shifted, true);
        return e.diviColumnVector(e.sum(1).reshape(z.size(0), 1));
    }

    /** Squared Euclidean norm of every row, accumulated in double. */
    private static double[] rowSquares(INDArray m) {
        double[][] v = m.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double s = 0;
            for (double x : v[i]) {
                s += x * x;
            }
            out[i] = s;
        }
        return out;
    }
}
