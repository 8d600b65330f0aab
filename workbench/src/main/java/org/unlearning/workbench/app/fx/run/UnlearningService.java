package org.unlearning.workbench.app.fx.run;

import javafx.concurrent.Service;
import javafx.concurrent.Task;
import org.unlearning.workbench.app.fx.ErrorDialogs;
import org.unlearning.workbench.engine.io.FolderLock;
import org.unlearning.workbench.engine.io.RunStatus;
import org.unlearning.workbench.engine.run.CancelToken;
import org.unlearning.workbench.engine.run.EvaluationMetrics;
import org.unlearning.workbench.engine.run.RunListener;
import org.unlearning.workbench.engine.run.RunPhase;
import org.unlearning.workbench.engine.run.RunPlan;
import org.unlearning.workbench.engine.run.RunResult;
import org.unlearning.workbench.engine.run.RunStatusLine;
import org.unlearning.workbench.engine.run.StepMetrics;
import org.unlearning.workbench.engine.run.UnlearningPipeline;
import org.unlearning.workbench.engine.unlearn.UnlearningConfig;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Runs the {@link UnlearningPipeline} for any method off the FX thread — the window's one service.
 * Engine events go to a thread-safe sink (a {@link FrameBatcher} in the window); progress and a
 * message ("noisy step t of T · 0:12 elapsed · 0:40 left", or "request 2 of 5 · lissa · 0:12 elapsed"
 * for a method without steps) come through the Task's own properties. {@link #requestCancel()} sets
 * the engine's cancel token: the engine stops before its next step and still returns a (not
 * certified) result, which this service delivers as its value.
 */
public final class UnlearningService extends Service<RunResult> {
    /** Events handed from the engine thread to the window. */
    public sealed interface Event permits Plan, Phase, Step, Eval, Message, Release {}

    public record Plan(RunPlan plan) implements Event {}

    public record Phase(RunPhase phase, int plannedSteps) implements Event {}

    public record Step(StepMetrics step) implements Event {}

    public record Eval(EvaluationMetrics evaluation) implements Event {}

    public record Message(String text) implements Event {}

    /** One deletion request released (or refused) with its certificate. */
    public record Release(org.unlearning.workbench.engine.run.Release release) implements Event {}

    private volatile UnlearningConfig config;
    private volatile Path directory;
    private volatile Consumer<Event> sink = e -> {};
    private volatile CancelToken token = CancelToken.none();

    public void configure(UnlearningConfig config, Path directory, Consumer<Event> sink) {
        this.config = config;
        this.directory = directory;
        this.sink = sink;
    }

    /** Asks the engine to stop before its next step (any thread). */
    public void requestCancel() {
        token.cancel();
    }

    @Override
    protected Task<RunResult> createTask() {
        UnlearningConfig cfg = config;
        Path dir = directory;
        Consumer<Event> out = sink;
        CancelToken t = new CancelToken();
        token = t;
        return new Task<>() {
            private final long start = System.nanoTime();
            private long total = 1;
            private long done;
            private int noisy;
            private int perEpoch = 1;
            private int requests = 1;
            private int request = 1;
            private boolean perRequest;
            private int phaseStart;
            private double firstWall = Double.NaN;
            private long firstDone;

            @Override
            protected RunResult call() throws Exception {
                updateMessage("preparing data and the original model…");
                RunListener listener = new RunListener() {
                    @Override
                    public void runStarted(RunPlan plan) {
                        requests = plan.requests();
                        perRequest = plan.perRequest();
                        total = Math.max(1, (long) requests
                                * ((long) plan.noisySteps() + plan.fineTuneSteps() + plan.retrainSteps()));
                        noisy = plan.noisySteps();
                        perEpoch = Math.max(1, plan.stepsPerEpoch());
                        out.accept(new Plan(plan));
                        updateProgress(0, perRequest ? requests : total);
                    }

                    @Override
                    public void requestStarted(int r, int n, int forgetSize) {
                        request = r;
                        if (perRequest) {
                            updateProgress(r - 1, requests);
                        }
                    }

                    @Override
                    public void phaseStarted(RunPhase p, int plannedSteps) {
                        phaseStart = (int) done;
                        out.accept(new Phase(p, plannedSteps));
                    }

                    @Override
                    public void stepCompleted(StepMetrics s) {
                        done++;
                        out.accept(new Step(s));
                        if (!perRequest) {
                            updateProgress(Math.min(done, total), total);
                            updateMessage(describe(s));
                        }
                    }

                    @Override
                    public void progress(String activity, double fraction) {
                        if (perRequest) {
                            double f = Double.isFinite(fraction) ? Math.max(0, Math.min(1, fraction)) : 0;
                            updateProgress(Math.min(requests, request - 1 + f), requests);
                        }
                        updateMessage(String.format(Locale.ROOT, "request %d of %d · %s · %s elapsed", request,
                                requests, activity, clock((System.nanoTime() - start) / 1e9)));
                    }

                    @Override
                    public void evaluated(EvaluationMetrics e) {
                        out.accept(new Eval(e));
                    }

                    @Override
                    public void released(org.unlearning.workbench.engine.run.Release r) {
                        out.accept(new Release(r));
                    }

                    @Override
                    public void message(String text) {
                        out.accept(new Message(text));
                    }
                };
                // status.json as the CLI writes it (begun first under the folder's lock, replaced last), so that
                // verify and other readers see the window's runs as they see the CLI's
                java.nio.file.Files.createDirectories(dir);
                try (FolderLock lock = FolderLock.acquire(dir, "unlearn")) {
                    RunStatus.begin(dir, "unlearn (window)");
                    RunResult r;
                    try {
                        r = UnlearningPipeline.execute(cfg, dir, listener, t);
                    } catch (Exception | Error e) {
                        RunStatus.finish(dir, t.isCancelled() ? RunStatus.State.CANCELLED : RunStatus.State.FAILED,
                                RunStatusLine.aborted(t.isCancelled(), ErrorDialogs.messageOf(e)));
                        throw e;
                    }
                    RunStatus.finish(dir, RunStatusLine.state(r, t.isCancelled()), RunStatusLine.detail(r));
                    return r;
                }
            }

            private String describe(StepMetrics s) {
                long inPhase = done - phaseStart;
                String where = switch (s.phase()) {
                    case NOISY -> "noisy step " + inPhase + " of " + noisy;
                    case FINE_TUNE -> "fine-tune epoch " + ((inPhase - 1) / perEpoch + 1);
                    case RETRAIN -> "retraining epoch " + ((inPhase - 1) / perEpoch + 1);
                    case INITIAL, UNLEARN -> "unlearning";
                };
                if (requests > 1) {
                    where = "request " + request + " of " + requests + " · " + where;
                }
                double el = s.wallSeconds();
                if (Double.isNaN(firstWall)) {
                    firstWall = el;
                    firstDone = done;
                }
                return where + " · " + clock(el) + " elapsed · " + remaining(el, done, firstWall, firstDone, total);
            }

            @Override
            protected void cancelled() {
                t.cancel();
            }
        };
    }

    /**
     * Time left from the rate since the first step (which carries the warm-up: JIT, loading, the
     * initial evaluation), once at least 10 steps and 2 % of the run are measured; "estimating…" before.
     */
    static String remaining(double elapsed, long done, double firstElapsed, long firstDone, long total) {
        long measured = done - firstDone;
        if (measured < 10 || done < 0.02 * total || elapsed <= firstElapsed) {
            return "estimating time left…";
        }
        double rate = (elapsed - firstElapsed) / measured;
        return clock(Math.max(0, rate * (total - done))) + " left";
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
