package org.unlearning.workbench.app.fx.run;

import javafx.concurrent.Service;
import javafx.concurrent.Task;
import org.unlearning.workbench.engine.unlearn.newton.NewtonRelease;
import org.unlearning.workbench.engine.unlearn.newton.NewtonRun;
import org.unlearning.workbench.engine.unlearn.newton.NewtonRunConfig;
import org.unlearning.workbench.engine.unlearn.newton.NewtonUnlearning;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs {@link NewtonRun} (a timeline of deletion requests, §9) off the FX thread, in the same
 * pattern as {@link UnlearningService}: each release goes to the sink as an
 * {@link UnlearningService.Release} event, progress and "request 2 of 5 · LiSSA · 0:12 elapsed"
 * come through the Task's properties. {@link #requestCancel()} makes the engine stop at its next
 * check; the engine then throws {@link java.util.concurrent.CancellationException} (the run
 * directory says "cancelled") and the service fails with it.
 */
public final class NewtonService extends Service<NewtonRun.Result> {
    private volatile NewtonRunConfig config;
    private volatile Path directory;
    private volatile Consumer<UnlearningService.Event> sink = e -> {};
    private volatile AtomicBoolean cancel = new AtomicBoolean();

    public void configure(NewtonRunConfig config, Path directory, Consumer<UnlearningService.Event> sink) {
        this.config = config;
        this.directory = directory;
        this.sink = sink;
    }

    /** Asks the engine to stop at its next check (any thread). */
    public void requestCancel() {
        cancel.set(true);
    }

    @Override
    protected Task<NewtonRun.Result> createTask() {
        NewtonRunConfig cfg = config;
        Path dir = directory;
        Consumer<UnlearningService.Event> out = sink;
        AtomicBoolean stop = new AtomicBoolean();
        cancel = stop;
        int requests = cfg.requests();
        // each request: gradient, spectrum, LiSSA, residual, evaluation (+ retraining when asked)
        NewtonUnlearning.Phase[] phases = NewtonUnlearning.Phase.values();
        int perRequest = cfg.retrain() ? phases.length : phases.length - 1;
        return new Task<>() {
            private final long start = System.nanoTime();

            @Override
            protected NewtonRun.Result call() throws Exception {
                updateMessage("loading the data and the original model…");
                NewtonRun.Listener listener = new NewtonRun.Listener() {
                    @Override
                    public void update(int request, NewtonUnlearning.Phase phase, double fraction) {
                        double f = Double.isFinite(fraction) ? Math.max(0, Math.min(1, fraction)) : 0;
                        double done = (request - 1) * perRequest + Math.min(phase.ordinal(), perRequest - 1) + f;
                        double total = (double) requests * perRequest;
                        updateProgress(Math.min(done, total), total);
                        double el = (System.nanoTime() - start) / 1e9;
                        updateMessage(String.format(Locale.ROOT, "request %d of %d · %s · %s elapsed", request,
                                requests, phase.name().toLowerCase(Locale.ROOT), UnlearningService.clock(el)));
                    }

                    @Override
                    public void onRelease(NewtonRelease release) {
                        out.accept(new UnlearningService.Release(release));
                        out.accept(new UnlearningService.Message("request " + release.request() + ": "
                                + release.certificate().status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                                + " — " + release.certificate().reason()));
                    }
                };
                return NewtonRun.run(cfg, dir, listener, stop::get);
            }

            @Override
            protected void cancelled() {
                stop.set(true);
            }
        };
    }
}
