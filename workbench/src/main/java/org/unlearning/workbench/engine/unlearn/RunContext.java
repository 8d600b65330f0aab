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
 * What a method's phases work with for one model: the model and its live flat parameters, the
 * reusable update buffers (with the run's noise source), the training data and the retain / forget
 * indices of the current deletion request, counters (steps, examples = gradient evaluations),
 * evaluation points, the listener and the cancel token (checked before every step). One per
 * request of the unlearning run, one for a retrain baseline.
 */
public final class RunContext {
    private final WorkbenchModel model;
    private final INDArray params;
    private final UpdateRules rules;
    private final NoiseSource noise;
    private final Dataset train;
    private final int[] retain;
    private final int[] forget;
    private final RunListener listener;
    private final CancelToken cancel;
    private final Evaluator evaluator;
    private final int evaluationsPerEpoch;
    private final long seed;
    private final int request;
    private final List<EvaluationMetrics> evaluations = new ArrayList<>();
    private final long startNanos;
    private int step;
    private long examples;
    private long noisyExamples;

    /**
     * @param model     the model the phases change in place
     * @param noise     noise source of this request
     * @param train     the training set the indices refer to
     * @param retain    retain indices D_r of this request
     * @param forget    forget indices D_f of this request
     * @param evaluator evaluation sets (null: no evaluation, e.g. training an original)
     * @param seed      seed of minibatch orders
     * @param request   1-based request number
     * @param startStep first step index (steps are numbered through a run)
     * @param startExamples examples processed before (counted through a run)
     */
    public RunContext(WorkbenchModel model, NoiseSource noise, Dataset train, int[] retain, int[] forget,
                      RunListener listener, CancelToken cancel, Evaluator evaluator, int evaluationsPerEpoch,
                      long seed, int request, int startStep, long startExamples) {
        this.model = model;
        this.params = model.params();
        this.noise = noise;
        this.rules = new UpdateRules(params.length(), model.dataType(), noise);
        this.train = train;
        this.retain = retain;
        this.forget = forget;
        this.listener = listener == null ? RunListener.NONE : listener;
        this.cancel = cancel == null ? CancelToken.none() : cancel;
        this.evaluator = evaluator;
        this.evaluationsPerEpoch = evaluationsPerEpoch;
        this.seed = seed;
        this.request = request;
        this.step = startStep;
        this.examples = startExamples;
        this.startNanos = System.nanoTime();
    }

    public WorkbenchModel model() { return model; }
    /** Live flat parameters of {@link #model()}. */
    public INDArray params() { return params; }
    public UpdateRules rules() { return rules; }
    public NoiseSource noise() { return noise; }
    public Dataset train() { return train; }
    public int[] retain() { return retain.clone(); }
    public int[] forget() { return forget.clone(); }
    public int retainSize() { return retain.length; }
    public RunListener listener() { return listener; }
    public CancelToken cancel() { return cancel; }
    public long seed() { return seed; }
    public int request() { return request; }
    public int step() { return step; }
    public long examples() { return examples; }
    public long noisyExamples() { return noisyExamples; }
    public int evaluationsPerEpoch() { return evaluationsPerEpoch; }
    public boolean evaluates() { return evaluator != null; }
    public List<EvaluationMetrics> evaluations() { return List.copyOf(evaluations); }

    /** Minibatches of the retain set in a seeded order. */
    public Minibatches retainBatches(int batchSize, long batchSeed) {
        return new Minibatches(train, retain, batchSize, batchSeed, model.dataType());
    }

    /** Throws {@link RunCancelledException} when the run was cancelled. */
    public void checkCancelled() {
        if (cancel.isCancelled()) {
            throw new RunCancelledException(step);
        }
    }

    public double wallSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Accuracy of the current parameters on the loaded minibatch. */
    public double batchAccuracy(INDArray features, INDArray labels) {
        INDArray p = model.output(features);
        long correct = p.argMax(1).eq(labels.argMax(1)).castTo(DataType.INT).sumNumber().longValue();
        return (double) correct / features.size(0);
    }

    /** Counts a finished step and reports it. */
    public void stepDone(RunPhase phase, int batch, double loss, double accuracy, UpdateRules.Outcome o, double sigma,
                         Double privacyState) {
        examples += batch;
        if (phase == RunPhase.NOISY) {
            noisyExamples += batch;
        }
        StepMetrics s = new StepMetrics(step, phase, loss, accuracy, o.gradientNorm(), o.clipFactor(),
                rules.ops().norm(params), sigma, privacyState, examples, wallSeconds());
        step++;
        listener.stepCompleted(s);
    }

    /** Counts per-example gradients a method computed outside steps (e.g. a second-order solver's Hessian-vector products). */
    public void addExamples(long n) {
        examples += n;
    }

    /** Reports progress of a computation without steps. */
    public void progress(String activity, double fraction) {
        listener.progress(activity, fraction);
    }

    /** Evaluation point; {@code releasable} = the model now carries the run's guarantee. */
    public EvaluationMetrics evaluate(RunPhase phase, boolean releasable) {
        checkCancelled();
        EvaluationMetrics e = evaluator.evaluate(model, step, phase, examples, wallSeconds(), cancel, releasable);
        evaluations.add(e);
        listener.evaluated(e);
        return e;
    }
}
