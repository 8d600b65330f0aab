package org.unlearning.workbench.engine.audit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.data.DatasetLoader;
import org.unlearning.workbench.engine.model.Architecture;
import org.unlearning.workbench.engine.model.ModelSpec;
import org.unlearning.workbench.engine.model.WorkbenchModel;
import org.unlearning.workbench.engine.run.MembershipInference;
import org.unlearning.workbench.engine.train.Trainer;
import org.unlearning.workbench.engine.train.TrainingConfig;

import java.util.Arrays;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The power check's premise on real data: mlp-20 trained with the canaries scores them far higher
 * than the same network trained without them. Cheapest setting found that memorises both kinds:
 * the first 2,000 bundled MNIST training examples, 8 epochs of SGD (batch 64, rate 0.1, momentum
 * 0.9: 256 steps). On all 8,000 examples, 3 epochs memorise the synthetic canaries but leave the
 * mislabeled ones where the network without them puts them.
 */
class CanaryMemorisationTest {
    static CanarySet canaries;
    static CanaryScores withCanaries;
    static CanaryScores without;
    static WorkbenchModel trainedWith;

    @BeforeAll
    static void trainBothWorlds() throws Exception {
        Dataset train = DatasetLoader.bundled().train().subset(IntStream.range(0, 2000).toArray(), "mnist-train-2000");
        canaries = CanarySet.plant(train, new CanarySpec(5, 5, 1));
        TrainingConfig cfg = TrainingConfig.sgd(8, 64, 0.1, 5).withMomentum(0.9);
        boolean[] all = new boolean[canaries.size()];
        Arrays.fill(all, true);
        trainedWith = WorkbenchModel.create(ModelSpec.forData(Architecture.MLP_20, canaries.dataset()), 3);
        new Trainer(cfg).train(trainedWith, canaries.dataset(), canaries.trainingIndices(all), null, null, null);
        WorkbenchModel trainedWithout = WorkbenchModel.create(ModelSpec.forData(Architecture.MLP_20, canaries.dataset()), 3);
        new Trainer(cfg).train(trainedWithout, canaries.dataset(), canaries.nonCanaryIndices(), null, null, null);
        withCanaries = CanaryScores.of(trainedWith, canaries.dataset(), canaries.indices(), 4);
        without = CanaryScores.of(trainedWithout, canaries.dataset(), canaries.indices(), 4);
    }

    @Test
    void everyCanaryScoresHigherWhenTrainedOn() {
        for (CanaryScores.Statistic s : CanaryScores.Statistic.values()) {
            double[] w1 = withCanaries.get(s);
            double[] w0 = without.get(s);
            for (int j = 0; j < canaries.size(); j++) {
                assertTrue(w1[j] > w0[j] + 1, s.label() + " of canary " + canaries.canaries().get(j) + ": trained "
                        + w1[j] + " vs not " + w0[j]);
            }
        }
    }

    @Test
    void pooledScoresSeparateTheWorlds() {
        // the one-run audit ranks canaries of both worlds together: AUC of W1 over W0 (ties ½)
        double[] w1 = withCanaries.get(CanaryScores.Statistic.NEGATIVE_LOSS);
        double[] w0 = without.get(CanaryScores.Statistic.NEGATIVE_LOSS);
        double wins = 0;
        for (double a : w1) {
            for (double b : w0) {
                wins += a > b ? 1 : a == b ? 0.5 : 0;
            }
        }
        double auc = wins / (w1.length * w0.length);
        assertTrue(auc >= 0.9, "AUC " + auc + " W1 " + Arrays.toString(w1) + " W0 " + Arrays.toString(w0));
    }

    @Test
    void scoresAgreeWithTheModelsOwnLoss() {
        // −loss averages to minus the model's mean cross-entropy; margins are ln(p_y / max other p)
        int[] idx = canaries.indices();
        double meanLoss = -Arrays.stream(withCanaries.negativeLoss()).average().orElseThrow();
        assertEquals(trainedWith.evaluate(canaries.dataset(), idx, 10).loss(), meanLoss, 1e-4 * Math.max(1, meanLoss));
        double[] ce = MembershipInference.perExampleLosses(trainedWith, canaries.dataset(), idx, 10);
        double[][] p = trainedWith.output(canaries.dataset().features(idx, DataType.FLOAT)).castTo(DataType.DOUBLE)
                .toDoubleMatrix();
        for (int j = 0; j < idx.length; j++) {
            int y = canaries.dataset().label(idx[j]);
            double other = 0;
            for (int c = 0; c < p[j].length; c++) {
                other = c == y ? other : Math.max(other, p[j][c]);
            }
            assertEquals(Math.log(p[j][y] / other), withCanaries.logitMargin()[j], 1e-9);
            // float rounding of p_y near 1 limits the direct form; the log1p form is the sharper one
            assertEquals(-ce[j], withCanaries.negativeLoss()[j], 1e-6 + 1e-6 * ce[j]);
            assertTrue(withCanaries.negativeLoss()[j] < 0, "a finite loss stays negative: " + withCanaries.negativeLoss()[j]);
        }
    }
}
