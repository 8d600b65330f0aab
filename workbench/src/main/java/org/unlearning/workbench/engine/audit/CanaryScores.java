package org.unlearning.workbench.engine.audit;

import org.nd4j.linalg.api.buffer.DataType;
import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.model.WorkbenchModel;

import java.util.Arrays;

/**
 * The attack's statistics of a model on examples (theory.md §15.2; higher = "was trained"), one
 * entry per example, from batched forward passes:
 * <ul>
 *   <li>{@code −loss = ln p_y}, computed as {@code −ln(1 + Σ_{c≠y} p_c / p_y)} so that a canary the
 *       model is nearly sure of keeps its distance from one it is sure of (ln p_y itself rounds
 *       to 0 once p_y rounds to 1 in float32);</li>
 *   <li>logit margin {@code z_y − max_{c≠y} z_c = ln(p_y / max_{c≠y} p_c)} (softmax preserves logit
 *       differences).</li>
 * </ul>
 * Probabilities come from the model in its own precision; one that underflows to 0 is taken as the
 * smallest positive float, so a margin saturates near ±103 rather than becoming infinite.
 */
public record CanaryScores(double[] negativeLoss, double[] logitMargin) {
    private static final double FLOOR = Float.MIN_VALUE;

    public CanaryScores {
        if (negativeLoss.length != logitMargin.length) {
            throw new IllegalArgumentException(negativeLoss.length + " losses but " + logitMargin.length + " margins");
        }
        negativeLoss = negativeLoss.clone();
        logitMargin = logitMargin.clone();
    }

    @Override
    public double[] negativeLoss() { return negativeLoss.clone(); }

    @Override
    public double[] logitMargin() { return logitMargin.clone(); }

    /** Which statistic an attack uses. */
    public enum Statistic {
        NEGATIVE_LOSS("-loss"),
        LOGIT_MARGIN("logit margin");

        private final String label;

        Statistic(String label) {
            this.label = label;
        }

        public String label() { return label; }
    }

    /** Scores of {@code model} on {@code data}'s examples {@code indices}, each against its own label. */
    public static CanaryScores of(WorkbenchModel model, Dataset data, int[] indices, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        model.spec().requireCompatible(data);
        double[] loss = new double[indices.length];
        double[] margin = new double[indices.length];
        for (int s = 0; s < indices.length; s += batchSize) {
            int[] idx = Arrays.copyOfRange(indices, s, Math.min(indices.length, s + batchSize));
            double[][] p = model.output(data.features(idx, model.dataType())).castTo(DataType.DOUBLE).toDoubleMatrix();
            for (int k = 0; k < idx.length; k++) {
                int y = data.label(idx[k]);
                double py = Math.max(p[k][y], FLOOR);
                double others = 0;
                double best = 0;
                for (int c = 0; c < p[k].length; c++) {
                    if (c != y) {
                        others += p[k][c];
                        best = Math.max(best, p[k][c]);
                    }
                }
                loss[s + k] = -Math.log1p(others / py);
                margin[s + k] = Math.log(py) - Math.log(Math.max(best, FLOOR));
            }
        }
        return new CanaryScores(loss, margin);
    }

    /** The scores of one statistic. */
    public double[] get(Statistic statistic) {
        return statistic == Statistic.NEGATIVE_LOSS ? negativeLoss() : logitMargin();
    }

    public int size() { return negativeLoss.length; }
}
