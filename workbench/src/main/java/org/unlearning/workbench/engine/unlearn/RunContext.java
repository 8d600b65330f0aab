package org.unlearning.workbench.engine.unlearn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.data.Minibatches;
import org.unlearning.workbench.engine.model.WorkbenchModel;
import org.unlearning.workbench.engine.run.CancelToken;
import org.unlearning.workbench.engine.run.EvaluationMetrics;
import org.unlearning.workbench.engine.run.RunCancelledException;
import org.unlearning.workbench.engine.run.RunListener;
import org.unlearning.workbench.engine.run.RunPhase;
import org.unlearning.workbench.engine.run.StepMetrics;

import java.util.ArrayList;
import java.util.List;

/**
 * State shared by the phases of one model's run: the model and its live flat parameters, the
 * reusable update buffers, counters (steps, examples = gradient evaluations), evaluation points,
 * the listener and the cancel token (checked before every step).
 */
final class RunContext {
    final WorkbenchModel model;
    final INDArray params;
    final UpdateRules rules;
    final Dataset train;
    final int[] retain;
    final RunListener listener;
    final CancelToken cancel;
    final Evaluator evaluator;
    final int evaluationsPerEpoch;
    final List<EvaluationMetrics> evaluations = new ArrayList<>();
    private final long startNanos;
    int step;
    long examples;
    long noisyExamples;

    RunContext(WorkbenchModel model, NoiseSource noise, Dataset train, int[] retain, RunListener listener,
               CancelToken cancel, Evaluator evaluator, int evaluationsPerEpoch, long startNanos) {
        this.model = model;
        this.params = model.params();
        this.rules = new UpdateRules(params.length(), model.dataType(), noise);
        this.train = train;
        this.retain = retain;
        this.listener = listener;
        this.cancel = cancel;
        this.evaluator = evaluator;
        this.evaluationsPerEpoch = evaluationsPerEpoch;
        this.startNanos = startNanos;
    }

    Minibatches retainBatches(int batchSize, long seed) {
        return new Minibatches(train, retain, batchSize, seed, model.dataType());
    }

    void checkCancelled() {
        if (cancel.isCancelled()) {
            throw new RunCancelledException(step);
        }
    }

    double wallSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Accuracy of the current parameters on the loaded minibatch. */
    double batchAccuracy(INDArray features, INDArray labels) {
        INDArray p = model.output(features);
        long correct = p.argMax(1).eq(labels.argMax(1)).castTo(DataType.INT).sumNumber().longValue();
        return (double) correct / features.size(0);
    }

    /** Counts a finished step and reports it. */
    void stepDone(RunPhase phase, int batch, double loss, double accuracy, UpdateRules.Outcome o, double sigma,
                  NoisyPhaseLedger ledger) {
        examples += batch;
        if (phase == RunPhase.NOISY) {
            noisyExamples += batch;
        }
        StepMetrics s = new StepMetrics(step, phase, loss, accuracy, o.gradientNorm(), o.clipFactor(),
                rules.ops().norm(params), sigma, ledger == null ? null : ledger.renyiCoefficient(),
                ledger == null ? null : ledger.deltaT(), examples, wallSeconds());
        step++;
        listener.stepCompleted(s);
    }

    /** Evaluation point; {@code releasable} = the model now carries the run's guarantee. */
    EvaluationMetrics evaluate(RunPhase phase, boolean releasable) {
        checkCancelled();
        EvaluationMetrics e = evaluator.evaluate(model, step, phase, examples, wallSeconds(), cancel, releasable);
        evaluations.add(e);
        listener.evaluated(e);
        return e;
    }
}
