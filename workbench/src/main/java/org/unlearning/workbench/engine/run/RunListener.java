package org.unlearning.workbench.engine.run;

/**
 * Receives a run's progress as it happens (push, not polling). Called on the run's thread;
 * implementations that update a UI must hand the data over to their own thread.
 */
public interface RunListener {
    /** The run is about to start its first phase. */
    default void runStarted(RunPlan plan) {}

    /** Deletion request {@code request} of {@code requests} starts (1-based). */
    default void requestStarted(int request, int requests, int forgetSize) {}

    /** A phase begins (the same phase may begin once per request). */
    default void phaseStarted(RunPhase phase, int plannedSteps) {}

    /** One step done. */
    default void stepCompleted(StepMetrics step) {}

    /** Progress inside a computation that has no steps (e.g. "lissa", 0.4). */
    default void progress(String activity, double fraction) {}

    /** One evaluation point done. */
    default void evaluated(EvaluationMetrics evaluation) {}

    /** A request's model was released (or refused) with its certificate. */
    default void released(Release release) {}

    /** A free-text line for a log view. */
    default void message(String text) {}

    /** The run ended (finished, cancelled or failed); outputs have been written. */
    default void runFinished(RunResult result) {}

    /** A listener that ignores everything. */
    RunListener NONE = new RunListener() {};

    /** Forwards every call to each listener in order. */
    static RunListener of(RunListener... listeners) {
        return new RunListener() {
            @Override public void runStarted(RunPlan plan) { for (RunListener l : listeners) l.runStarted(plan); }
            @Override public void requestStarted(int r, int n, int k) { for (RunListener l : listeners) l.requestStarted(r, n, k); }
            @Override public void phaseStarted(RunPhase p, int n) { for (RunListener l : listeners) l.phaseStarted(p, n); }
            @Override public void stepCompleted(StepMetrics s) { for (RunListener l : listeners) l.stepCompleted(s); }
            @Override public void progress(String a, double f) { for (RunListener l : listeners) l.progress(a, f); }
            @Override public void evaluated(EvaluationMetrics e) { for (RunListener l : listeners) l.evaluated(e); }
            @Override public void released(Release r) { for (RunListener l : listeners) l.released(r); }
            @Override public void message(String t) { for (RunListener l : listeners) l.message(t); }
            @Override public void runFinished(RunResult r) { for (RunListener l : listeners) l.runFinished(r); }
        };
    }
}
