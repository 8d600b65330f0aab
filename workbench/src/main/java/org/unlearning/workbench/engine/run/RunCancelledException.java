package org.unlearning.workbench.engine.run;

/** Thrown inside the engine when the {@link CancelToken} fires; the run records the step. */
public final class RunCancelledException extends RuntimeException {
    private final int step;

    public RunCancelledException(int step) {
        super("cancelled at step " + step);
        this.step = step;
    }

    public int step() {
        return step;
    }
}
