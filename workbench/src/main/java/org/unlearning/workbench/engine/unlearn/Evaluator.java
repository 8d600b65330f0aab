package org.unlearning.workbench.engine.unlearn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.data.Shuffle;
import org.unlearning.workbench.engine.model.WorkbenchModel;
import org.unlearning.workbench.engine.run.CancelToken;
import org.unlearning.workbench.engine.run.EvaluationMetrics;
import org.unlearning.workbench.engine.run.RunCancelledException;
import org.unlearning.workbench.engine.run.RunPhase;

import java.util.Arrays;
import java.util.Random;

/**
 * Accuracy and mean cross-entropy on the test, retain, forget and validation sets (optionally
 * seeded subsets of at most {@code limit} examples). Feature matrices are built once and reused at
 * every evaluation point.
 */
public final class Evaluator {
    /** Forward-pass batch; small enough that a cancel between batches lands well within a second. */
    private static final int BATCH = 256;
    private final EvalSet test;
    private final EvalSet retain;
    private final EvalSet forget;
    private final EvalSet validation;

    /** One set's features [n, d] and integer labels. */
    private record EvalSet(INDArray features, int[] labels) {
        static EvalSet of(Dataset data, int[] idx, DataType type) {
            int[] labels = new int[idx.length];
            for (int i = 0; i < idx.length; i++) {
                labels[i] = data.label(idx[i]);
            }
            return new EvalSet(idx.length == 0 ? null : data.features(idx, type), labels);
        }
    }

    public Evaluator(Dataset train, int[] retain, int[] forget, Dataset test, Dataset validation, Integer limit, long seed,
              DataType type) {
        Random rnd = new Random(seed ^ 0x5EEDL);
        this.test = EvalSet.of(test, cap(test.allIndices(), limit, rnd), type);
        this.retain = EvalSet.of(train, cap(retain, limit, rnd), type);
        this.forget = EvalSet.of(train, cap(forget, limit, rnd), type);
        this.validation = validation == null ? null : EvalSet.of(validation, cap(validation.allIndices(), limit, rnd), type);
    }

    private static int[] cap(int[] idx, Integer limit, Random rnd) {
        if (limit == null || idx.length <= limit) {
            return idx;
        }
        int[] copy = idx.clone();
        Shuffle.shuffle(copy, rnd);
        int[] sub = Arrays.copyOf(copy, limit);
        Arrays.sort(sub);
        return sub;
    }

    public EvaluationMetrics evaluate(WorkbenchModel model, int step, RunPhase phase, long examples, double wall,
                               CancelToken cancel, boolean releasable) {
        double[] te = accuracyAndLoss(model, test, cancel, step);
        double[] re = accuracyAndLoss(model, retain, cancel, step);
        double[] fo = accuracyAndLoss(model, forget, cancel, step);
        double[] va = validation == null ? new double[] {Double.NaN, Double.NaN}
                : accuracyAndLoss(model, validation, cancel, step);
        return new EvaluationMetrics(step, phase, examples, wall, te[0], te[1], re[0], re[1], fo[0], fo[1], va[0], va[1],
                releasable);
    }

    /** {accuracy, mean cross-entropy}; NaN for an empty set (never reported as a number). */
    private static double[] accuracyAndLoss(WorkbenchModel model, EvalSet set, CancelToken cancel, int step) {
        int n = set.labels().length;
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        long correct = 0;
        double loss = 0;
        for (int s = 0; s < n; s += BATCH) {
            if (cancel.isCancelled()) {
                throw new RunCancelledException(step);
            }
            int e = Math.min(n, s + BATCH);
            INDArray x = set.features().get(NDArrayIndex.interval(s, e), NDArrayIndex.all());
            float[] p = model.output(x).castTo(DataType.FLOAT).data().asFloat();
            int classes = p.length / (e - s);
            for (int k = 0; k < e - s; k++) {
                int base = k * classes;
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (p[base + c] > p[base + best]) {
                        best = c;
                    }
                }
                int y = set.labels()[s + k];
                if (best == y) {
                    correct++;
                }
                loss -= Math.log(Math.max(p[base + y], Double.MIN_NORMAL));
            }
        }
        return new double[] {(double) correct / n, loss / n};
    }
}
