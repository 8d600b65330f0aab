package org.unlearning.workbench.app.fx.run;

import org.unlearning.workbench.app.chart.RunSeries;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Worker;
import org.unlearning.workbench.engine.run.ComputeSavings;
import org.unlearning.workbench.engine.run.EvaluationMetrics;
import org.unlearning.workbench.engine.run.RunPhase;
import org.unlearning.workbench.engine.run.RunResult;
import org.unlearning.workbench.engine.run.StepMetrics;
import org.unlearning.workbench.engine.unlearn.UnlearningConfig;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;

/**
 * View-model of the running side: the session's runs, the one {@link UnlearningService} that runs
 * every method, and the batched hand-over of the engine listener's events to the current run's chart
 * data.
 */
public final class RunController {
    private final UnlearningService service = new UnlearningService();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message");
    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private final ObjectProperty<RunRecord> current = new SimpleObjectProperty<>();
    private final FrameBatcher<UnlearningService.Event> batcher = new FrameBatcher<>(this::apply);
    private final Path runsDir;
    private Consumer<RunRecord> onFinished = r -> {};
    private final List<Runnable> updated = new java.util.ArrayList<>();
    private Consumer<Throwable> onFailed = e -> {};
    private final StringBuilder log = new StringBuilder();
    private final javafx.scene.control.TextArea logView = new javafx.scene.control.TextArea();

    public RunController(Path runsDir) {
        this.runsDir = runsDir;
        service.setOnSucceeded(e -> finished(service.getValue()));
        service.setOnFailed(e -> failed(service.getException()));
        // Only reached when the Task itself is cancelled (never by Esc: that stops the engine, which
        // still returns a result). Service.restart() would also land here for the *previous*, already
        // finished task — it forces the state to CANCELLED — which is why start() resets instead.
        service.setOnCancelled(e -> cancelled());
        running.bind(service.runningProperty());
        progress.bind(service.progressProperty());
        message.bind(service.messageProperty());
    }

    /** Starts a run (FX thread); ignored while one is running. */
    public RunRecord start(UnlearningConfig config) {
        if (running.get()) {
            return null;
        }
        int id = runs.size() + 1;
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = runsDir.resolve(stamp + "-run" + id + "-" + config.method().key());
        RunRecord r = new RunRecord(id, config, dir);
        runs.add(r);
        current.set(r);
        log.setLength(0);
        logLine("— " + r.name() + ": " + r.parametersText());
        if (config.data().requestCount() > 1) {
            logLine("Each release is certified on its own; releases of correlated estimates compose "
                    + "(an observer of k releases faces up to k·ε).");
        }
        service.configure(config, dir, batcher::offer);
        batcher.start();
        // reset() + start(), not restart(): restart() cancels the previous (finished) task and sets the
        // service's state to CANCELLED, which fires onCancelled for the run that is just starting.
        if (service.getState() != Worker.State.READY) {
            service.reset();
        }
        service.start();
        return r;
    }

    /** Esc / Cancel: the engine stops before its next step; the run is listed as not certified. */
    public void cancel() {
        if (service.isRunning()) {
            service.requestCancel();
        }
    }

    private void apply(List<UnlearningService.Event> events) {
        RunRecord r = current.get();
        if (r == null) {
            return;
        }
        for (UnlearningService.Event e : events) {
            if (e instanceof UnlearningService.Plan p) {
                r.planned(p.plan());
                updated.forEach(Runnable::run);
            }
        }
        RunSeries s = r.series();
        s.beginBatch();   // one change event per series per frame
        try {
            for (UnlearningService.Event e : events) {
                if (e instanceof UnlearningService.Release rel) {
                    if (s.isPerRequest()) {
                        s.addRelease(rel.release());
                    }
                } else if (e instanceof UnlearningService.Step st) {
                    StepMetrics m = st.step();
                    if (m.phase() != RunPhase.RETRAIN && !s.isPerRequest()) {
                        s.addStep(m.step(), m.phase() == RunPhase.NOISY, m.gradientNorm(), m.sigma(), m.privacyState());
                    }
                } else if (e instanceof UnlearningService.Eval ev) {
                    EvaluationMetrics m = ev.evaluation();
                    if (!s.isPerRequest()) {
                        s.addEvaluation(m.phase() == RunPhase.RETRAIN, m.examplesProcessed(), m.testAccuracy(),
                                m.retainAccuracy(), m.forgetAccuracy());
                    }
                } else if (e instanceof UnlearningService.Message msg) {
                    logLine(msg.text());
                } else if (e instanceof UnlearningService.Phase ph) {
                    logLine("phase " + ph.phase().id() + " (" + ph.plannedSteps() + " steps planned)");
                }
            }
        } finally {
            s.endBatch();
        }
    }

    private void finished(RunResult result) {
        batcher.stop();
        RunRecord r = current.get();
        if (r == null) {
            return;
        }
        r.finish(result);
        logLine(r.name() + ": " + r.statusProperty().get() + " — " + r.detailProperty().get()
                + (result.directory() == null ? "" : " (folder " + result.directory() + ")"));
        if (!r.series().isPerRequest() && result.releases().size() == 1 && !result.retrainEvaluations().isEmpty()
                && !result.evaluations().isEmpty()) {
            ComputeSavings cs = ComputeSavings.of(ComputeSavings.defaultTarget(result.retrainEvaluations()),
                    result.evaluations(), result.retrainEvaluations());
            r.series().setSavings(cs.targetAccuracy(), cs.unlearnExamples(), cs.retrainExamples());
        }
        updated.forEach(Runnable::run);
        onFinished.accept(r);
    }

    /** Called on the FX thread after a run's final data (savings, result) is in place. */
    public void addFinishedHook(Runnable r) {
        updated.add(r);
    }

    private void failed(Throwable t) {
        batcher.stop();
        RunRecord r = current.get();
        if (r != null) {
            if (t instanceof org.unlearning.workbench.engine.run.RunCancelledException) {
                r.cancelledBeforeStart("cancelled while preparing (before any unlearning step)");
                onFinished.accept(r);
                return;
            }
            r.fail(t == null ? "failed" : org.unlearning.workbench.app.fx.ErrorDialogs.messageOf(t));
            logLine(r.name() + ": failed — " + r.detailProperty().get());
        }
        onFailed.accept(t);
    }

    private void cancelled() {
        batcher.stop();
        RunRecord r = current.get();
        if (r != null && r.statusProperty().get() == RunRecord.Status.RUNNING) {
            r.cancelledBeforeStart("cancelled before the engine returned a result");
            logLine(r.name() + ": " + r.statusProperty().get() + " — " + r.detailProperty().get());
            onFinished.accept(r);
        }
    }

    public void setOnFinished(Consumer<RunRecord> c) {
        onFinished = c;
    }

    public void setOnFailed(Consumer<Throwable> c) {
        onFailed = c;
    }

    /** The one service that runs every method. */
    public Worker<RunResult> worker() {
        return service;
    }

    /** True while a run is going. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Progress of the running service, in [0, 1] or -1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** "noisy step 3 of 40 · …" or "request 2 of 5 · lissa · …" of the running service. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Where run folders are written. */
    public Path runsDir() {
        return runsDir;
    }

    public ObservableList<RunRecord> runs() {
        return runs;
    }

    public ObjectProperty<RunRecord> currentProperty() {
        return current;
    }

    public FrameBatcher<UnlearningService.Event> batcher() {
        return batcher;
    }

    public String log() {
        return log.toString();
    }

    /** Appends one line to the session log (e.g. a verification's result). */
    void note(String line) {
        logLine(line);
    }

    private void logLine(String line) {
        log.append(line).append('\n');
        logView.appendText(line + "\n");
    }

    /** The session log (engine messages, phases, outcomes), read-only. */
    public javafx.scene.control.TextArea logView() {
        logView.setEditable(false);
        logView.setId("run-log");
        logView.setStyle("-fx-font-family: monospace;");
        return logView;
    }
}
