package org.unlearning.workbench.engine.unlearn.newton;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.model.WorkbenchModel;

import java.util.SplittableRandom;

/** Test helper: plain SGD with weight decay and projection onto ‖w‖ ≤ C after every step (§9.1). */
final class ProjectedSgd {
    private ProjectedSgd() {}

    static long train(WorkbenchModel m, Dataset data, int[] subset, int epochs, int batch, double lr, double wd,
                      double c, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] order = subset.clone();
        long examples = 0;
        for (int e = 0; e < epochs; e++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int s = 0; s < order.length; s += batch) {
                int[] idx = java.util.Arrays.copyOfRange(order, s, Math.min(order.length, s + batch));
                INDArray g = m.meanGradient(data.features(idx, m.dataType()), data.oneHotLabels(idx, m.dataType()));
                INDArray x = m.params();
                g.addi(x.mul(wd));
                x.subi(g.muli(lr));
                double norm = x.norm2Number().doubleValue();
                if (norm > c) {
                    x.muli(c / norm);
                }
                examples += idx.length;
            }
        }
        return examples;
    }
}
