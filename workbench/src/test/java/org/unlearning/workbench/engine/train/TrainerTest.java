package org.unlearning.workbench.engine.train;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.data.DatasetLoader;
import org.unlearning.workbench.engine.data.DatasetSplit;
import org.unlearning.workbench.engine.model.Architecture;
import org.unlearning.workbench.engine.model.ModelSpec;
import org.unlearning.workbench.engine.model.WorkbenchModel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    static DatasetSplit data;
    static Dataset train;
    static Dataset test;

    @BeforeAll
    static void load() throws Exception {
        data = DatasetLoader.bundled();
        train = data.train().subset(IntStream.range(0, 2000).toArray(), "train-2000");
        test = data.test().subset(IntStream.range(0, 500).toArray(), "test-500");
    }

    @Test
    void sgdLearnsMnistAndReportsEveryEpoch() {
        WorkbenchModel m = WorkbenchModel.create(ModelSpec.forData(Architecture.MLP_20, train), 1);
        double before = m.evaluate(test, 500).accuracy();
        List<EpochMetrics> seen = new ArrayList<>();
        AtomicLong steps = new AtomicLong();
        TrainingListener l = new TrainingListener() {
            @Override public void onStep(long step, long total, double loss) {
                steps.set(step);
                assertEquals(16 * 3, total);
                assertTrue(Double.isFinite(loss));
            }
            @Override public void onEpoch(EpochMetrics e) { seen.add(e); }
        };
        TrainingResult r = new Trainer(TrainingConfig.sgd(3, 128, 0.2, 3)).train(m, train, test, l, null);
        assertEquals(3, seen.size());
        assertEquals(48, r.steps());
        assertEquals(48, steps.get());
        assertFalse(r.cancelled());
        assertTrue(before < 0.3, "untrained accuracy " + before);
        assertTrue(r.last().testAccuracy() > 0.75, "accuracy after 3 epochs " + r.last().testAccuracy());
        assertTrue(seen.get(2).trainLoss() < seen.get(0).trainLoss());
        assertEquals(r.last().testAccuracy(), m.evaluate(test, 100).accuracy(), 1e-12);
    }

    @Test
    void sameSeedSameResult() {
        TrainingConfig c = TrainingConfig.sgd(1, 64, 0.1, 5).withMomentum(0.9).withWeightDecay(5e-4);
        float[][] p = new float[2][];
        for (int k = 0; k < 2; k++) {
            WorkbenchModel m = WorkbenchModel.create(ModelSpec.forData(Architecture.MLP_5, train), 2);
            new Trainer(c).train(m, train, null, null, null);
            p[k] = m.params().toFloatVector();
        }
        assertArrayEquals(p[0], p[1]);
    }

    @Test
    void cancellationStopsBetweenSteps() {
        WorkbenchModel m = WorkbenchModel.create(ModelSpec.forData(Architecture.MLP_5, train), 2);
        AtomicLong calls = new AtomicLong();
        TrainingResult r = new Trainer(TrainingConfig.sgd(5, 128, 0.1, 1)).train(m, train, test, null,
                () -> calls.incrementAndGet() > 7);
        assertTrue(r.cancelled());
        assertEquals(7, r.steps());
        assertTrue(r.history().isEmpty());
    }

    @Test
    void projectionKeepsTheNormBounded() {
        WorkbenchModel m = WorkbenchModel.create(ModelSpec.forData(Architecture.MLP_5, train), 2);
        double c = 0.5 * m.params().norm2Number().doubleValue();
        TrainingResult r = new Trainer(TrainingConfig.sgd(1, 128, 0.5, 1).withProjectionRadius(c))
                .train(m, train, test, null, null);
        assertTrue(r.last().paramNorm() <= c * (1 + 1e-5), r.last().paramNorm() + " > " + c);
        INDArray x = Nd4j.ones(DataType.DOUBLE, 4);
        Trainer.project(x, 1.0);
        assertEquals(1.0, x.norm2Number().doubleValue(), 1e-12);
    }

    @Test
    void weightDecayShrinksParametersWhenTheGradientVanishes() {
        // one step of SGD with wd on a single example: x1 = x0 - lr (g + λ x0)
        WorkbenchModel m = WorkbenchModel.create(ModelSpec.forData(Architecture.MLP_5, train), 4);
        Dataset one = train.subset(new int[] {0}, "one");
        INDArray x0 = m.params().dup();
        INDArray g = m.copy().meanGradient(one.features(new int[] {0}, DataType.FLOAT), one.oneHotLabels(new int[] {0}, DataType.FLOAT)).dup();
        new Trainer(new TrainingConfig(1, 1, 0.1, LearningRateSchedule.CONSTANT, 0, 0.5, Double.POSITIVE_INFINITY, 0))
                .train(m, one, null, null, null);
        INDArray expected = x0.sub(g.add(x0.mul(0.5)).mul(0.1));
        assertTrue(expected.equalsWithEps(m.params(), 1e-5));
    }

    @Test
    void schedules() {
        assertEquals(0.1, LearningRateSchedule.CONSTANT.rate(0.1, 50, 100), 0);
        assertEquals(0.1, LearningRateSchedule.COSINE.rate(0.1, 0, 101), 1e-12);
        assertEquals(0.05, LearningRateSchedule.COSINE.rate(0.1, 50, 101), 1e-12);
        assertEquals(0.0, LearningRateSchedule.COSINE.rate(0.1, 100, 101), 1e-12);
        assertEquals(0.06 / 25, LearningRateSchedule.ONE_CYCLE.rate(0.06, 0, 1001), 1e-12);
        assertEquals(0.06, LearningRateSchedule.ONE_CYCLE.rate(0.06, 300, 1001), 1e-12);
        assertEquals(0.06 / 25 / 1e4, LearningRateSchedule.ONE_CYCLE.rate(0.06, 1000, 1001), 1e-12);
        double prev = 0;
        for (int s = 0; s <= 300; s += 10) {
            double r = LearningRateSchedule.ONE_CYCLE.rate(0.06, s, 1001);
            assertTrue(r >= prev);
            prev = r;
        }
        assertEquals(LearningRateSchedule.ONE_CYCLE, LearningRateSchedule.fromName("one-cycle"));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.fromName("step"));
    }

    @Test
    void badConfigurationsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.sgd(0, 128, 0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.sgd(1, 0, 0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.sgd(1, 128, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.sgd(1, 128, Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.sgd(1, 128, 0.1, 0).withMomentum(1));
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.sgd(1, 128, 0.1, 0).withProjectionRadius(0));
    }

    @Test
    void incompatibleDataIsAClearError() {
        WorkbenchModel m = WorkbenchModel.create(ModelSpec.of(Architecture.MLP_HEAD, new int[] {16}, 10), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(TrainingConfig.sgd(1, 8, 0.1, 0)).train(m, train, test, null, null));
        assertTrue(e.getMessage().contains("input shape"));
    }
}
