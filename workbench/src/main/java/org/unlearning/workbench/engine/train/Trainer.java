package org.unlearning.workbench.engine.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.data.Minibatches;
import org.unlearning.workbench.engine.model.Evaluation;
import org.unlearning.workbench.engine.model.WorkbenchModel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Plain minibatch SGD on the flat parameter vector x:
 * g = ∇ mean-loss(batch) + λ·x;  v = μ·v + g;  x ← x − η_t·v;  then x ← x·min(1, C/‖x‖) if projecting.
 * Cancellable between steps; reports progress to a {@link TrainingListener}.
 */
public final class Trainer {
    private static final int EVAL_BATCH = 1000;

    private final TrainingConfig config;

    public Trainer(TrainingConfig config) {
        this.config = config;
    }

    public TrainingConfig config() { return config; }

    /** Trains on all of {@code train}; {@code test} may be null (then test metrics are NaN). */
    public TrainingResult train(WorkbenchModel model, Dataset train, Dataset test, TrainingListener listener,
                                BooleanSupplier cancelled) {
        return train(model, train, train.allIndices(), test, listener, cancelled);
    }

    /** Trains on the given examples of {@code train} (e.g. the retained set). */
    public TrainingResult train(WorkbenchModel model, Dataset train, int[] subset, Dataset test,
                                TrainingListener listener, BooleanSupplier cancelled) {
        model.spec().requireCompatible(train);
        if (test != null) {
            model.spec().requireCompatible(test);
        }
        TrainingListener l = listener == null ? TrainingListener.NONE : listener;
        BooleanSupplier cancel = cancelled == null ? () -> false : cancelled;
        Minibatches batches = new Minibatches(train, subset, config.batchSize(), config.seed(), model.dataType());
        long perEpoch = batches.batchesPerEpoch();
        long total = perEpoch * config.epochs();
        INDArray x = model.params();
        INDArray velocity = config.momentum() > 0 ? x.ulike() : null;
        List<EpochMetrics> history = new ArrayList<>();
        long step = 0;
        long t0 = System.nanoTime();
        boolean stopped = false;
        double lr = config.learningRate();
        for (int epoch = 1; epoch <= config.epochs() && !stopped; epoch++) {
            long te = System.nanoTime();
            batches.newEpoch();
            for (long b = 0; b < perEpoch; b++) {
                if (cancel.getAsBoolean()) {
                    stopped = true;
                    break;
                }
                batches.next();
                INDArray g = model.meanGradient(batches.features(), batches.labels());
                double loss = model.lastLoss();
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException("training diverged at step " + (step + 1)
                            + " (loss " + loss + "); lower the learning rate");
                }
                if (config.weightDecay() > 0) {
                    g.addi(x.mul(config.weightDecay()));
                }
                lr = config.schedule().rate(config.learningRate(), step, total);
                if (velocity != null) {
                    velocity.muli(config.momentum()).addi(g);
                    x.subi(velocity.mul(lr));
                } else {
                    x.subi(g.mul(lr));
                }
                if (config.projects()) {
                    project(x, config.projectionRadius());
                }
                step++;
                l.onStep(step, total, loss);
            }
            if (stopped) {
                break;
            }
            Evaluation tr = model.evaluate(train, subset, EVAL_BATCH);
            Evaluation ts = test == null ? new Evaluation(Double.NaN, Double.NaN, 0) : model.evaluate(test, EVAL_BATCH);
            EpochMetrics m = new EpochMetrics(epoch, tr.accuracy(), tr.loss(), ts.accuracy(), ts.loss(), lr,
                    x.norm2Number().doubleValue(), (System.nanoTime() - te) / 1e9);
            history.add(m);
            l.onEpoch(m);
        }
        return new TrainingResult(history, step, stopped, (System.nanoTime() - t0) / 1e9);
    }

    /** Projects x in place onto the ball ‖x‖₂ ≤ radius. */
    public static void project(INDArray x, double radius) {
        double norm = x.norm2Number().doubleValue();
        if (norm > radius) {
            x.muli(radius / norm);
        }
    }
}
