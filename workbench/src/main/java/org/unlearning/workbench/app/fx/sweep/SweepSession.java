package org.unlearning.workbench.app.fx.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.unlearning.workbench.app.fx.ErrorDialogs;
import org.unlearning.workbench.app.report.RunReport;
import org.unlearning.workbench.app.sweep.SweepFigures;
import org.unlearning.workbench.app.sweep.SweepReport;
import org.unlearning.workbench.engine.run.CancelToken;
import org.unlearning.workbench.engine.sweep.LocalSweepRunner;
import org.unlearning.workbench.engine.sweep.ResultRow;
import org.unlearning.workbench.engine.sweep.SweepFolder;
import org.unlearning.workbench.engine.sweep.SweepListener;
import org.unlearning.workbench.engine.sweep.SweepPlan;
import org.unlearning.workbench.engine.sweep.SweepPlanner;
import org.unlearning.workbench.engine.sweep.SweepProgress;
import org.unlearning.workbench.engine.sweep.SweepSpec;
import org.unlearning.workbench.engine.sweep.SweepSummary;
import org.unlearning.workbench.engine.sweep.SweepTask;
import org.unlearning.workbench.engine.sweep.UnlearningTaskExecutor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state behind the Sweep tab: a sweep specification, its plan (computed off the FX thread:
 * the planner loads the data to check feasibility), one {@link Item} per planned run, and a pass
 * of the local engine ({@link LocalSweepRunner} into a {@link SweepFolder}) in the background with
 * its progress, cancel and resume. Rows found in the folder from an earlier pass are shown as soon
 * as the plan is known; a pass resumes them instead of recomputing. Properties change on the FX
 * thread only.
 */
public final class SweepSession {
    /** One planned run: its task, seed and, once known, its result row. */
    public static final class Item {
        private final SweepTask task;
        private final Long seed;
        private final ObjectProperty<ResultRow> row = new SimpleObjectProperty<>();
        private final StringProperty state = new SimpleStringProperty("planned");

        Item(SweepTask task, Long seed) {
            this.task = task;
            this.seed = seed;
        }

        public SweepTask task() { return task; }

        public Long seed() { return seed; }

        public ObjectProperty<ResultRow> rowProperty() { return row; }

        /** planned, running, the row's status, or "… (earlier pass)". */
        public StringProperty stateProperty() { return state; }

        void finished(ResultRow r, boolean earlier) {
            row.set(r);
            state.set(r.get(ResultRow.STATUS) + (earlier ? " (earlier pass)" : ""));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path sweepsDir;
    private final Path baseDir;
    private final ReadOnlyObjectWrapper<SweepPlan> plan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<SweepProgress> progress = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper planning = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(
            "Choose a shipped sweep or open a specification; the planned runs appear before anything runs.");
    private final ReadOnlyIntegerWrapper rowsChanged = new ReadOnlyIntegerWrapper();
    private final ObservableList<Item> items = FXCollections.observableArrayList();
    private final Map<String, Item> byId = new HashMap<>();
    private final ReadOnlyStringWrapper specText = new ReadOnlyStringWrapper();
    private Path specDir;
    private CancelToken token;

    /**
     * @param sweepsDir where new sweep folders go ({@code <name>-<time>})
     * @param baseDir   relative data and model paths of the runs are resolved against it (as the CLI does
     *                  against its working directory)
     */
    public SweepSession(Path sweepsDir, Path baseDir) {
        this.sweepsDir = sweepsDir;
        this.baseDir = baseDir.toAbsolutePath().normalize();
    }

    public ReadOnlyObjectProperty<SweepPlan> planProperty() { return plan.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<Path> folderProperty() { return folder.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<SweepProgress> progressProperty() { return progress.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty planningProperty() { return planning.getReadOnlyProperty(); }

    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    /** The YAML of the sweep shown (as loaded or as last planned after editing). */
    public ReadOnlyStringProperty specTextProperty() { return specText.getReadOnlyProperty(); }

    /** Incremented whenever a row arrives (the frontier redraws). */
    public ReadOnlyIntegerProperty rowsChangedProperty() { return rowsChanged.getReadOnlyProperty(); }

    public ObservableList<Item> items() { return items; }

    /** Rows known (this pass and earlier ones), in task order. */
    public List<ResultRow> rows() {
        return items.stream().map(i -> i.rowProperty().get()).filter(r -> r != null).toList();
    }

    // ---- choosing a sweep ------------------------------------------------------------------

    /** A shipped sweep into a new folder. */
    public void loadPreset(String name) throws IOException {
        load(SweepSpec.presetText(name), baseDir, null);
    }

    /** Specification text (from the form) into a new folder. */
    public void loadNew(String text) throws IOException {
        load(text, baseDir, null);
    }

    /** A specification file into a new folder ({@code base.config} relative to the file). */
    public void loadFile(Path file) throws IOException {
        load(Files.readString(file), file.toAbsolutePath().getParent(), null);
    }

    /** An existing sweep folder (its {@code sweep.yaml}): shows its finished rows; Run resumes it. */
    public void openFolder(Path dir) throws IOException {
        Path spec = dir.resolve(SweepFolder.SPEC);
        if (!Files.isRegularFile(spec)) {
            throw new IllegalArgumentException(dir + " holds no " + SweepFolder.SPEC + ": not a sweep folder");
        }
        load(Files.readString(spec), baseDir, dir);
    }

    /**
     * Parses {@code text} and plans it in the background.
     *
     * @param out the sweep folder, or null for a new one under the sweeps folder
     * @throws IOException              the text is not a valid specification (the message names the line)
     * @throws IllegalStateException    a sweep is running
     */
    public void load(String text, Path specDir, Path out) throws IOException {
        if (running.get()) {
            throw new IllegalStateException("a sweep is running: cancel it first");
        }
        SweepSpec spec = SweepSpec.parse(text, "sweep specification");
        Path dir = (out != null ? out : sweepsDir.resolve(spec.name() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))).toAbsolutePath().normalize();
        specText.set(text);
        this.specDir = specDir;
        folder.set(dir);
        plan.set(null);
        progress.set(null);
        items.clear();
        byId.clear();
        rowsChanged.set(rowsChanged.get() + 1);
        message.set("planning " + spec.name() + " (checking every point on the data)…");
        UnlearningTaskExecutor executor = new UnlearningTaskExecutor(baseDir);
        record Planned(SweepPlan plan, Map<String, ResultRow> earlier) {}
        Task<Planned> t = new Task<>() {
            @Override
            protected Planned call() throws IOException {
                SweepPlan p = SweepPlanner.plan(spec, specDir, SweepFolder.runsDir(dir), baseDir);
                Map<String, ResultRow> earlier = new LinkedHashMap<>();
                for (SweepTask task : p.tasks()) {
                    ResultRow r = LocalSweepRunner.finishedRow(executor, task);
                    if (r != null) {
                        earlier.put(task.id(), r);
                    }
                }
                return new Planned(p, earlier);
            }
        };
        planning.set(true);
        t.setOnSucceeded(e -> {
            planning.set(false);
            if (!dir.equals(folder.get())) {
                return; // another sweep was chosen meanwhile
            }
            Planned p = t.getValue();
            List<Item> list = new ArrayList<>();
            for (SweepTask task : p.plan().tasks()) {
                Item i = new Item(task, seedOf(task));
                ResultRow r = p.earlier().get(task.id());
                if (r != null) {
                    i.finished(r, true);
                }
                byId.put(task.id(), i);
                list.add(i);
            }
            items.setAll(list);
            plan.set(p.plan());
            rowsChanged.set(rowsChanged.get() + 1);
            message.set(SweepFolder.planText(p.plan()).lines().findFirst().orElse("")
                    + (p.earlier().isEmpty() ? "" : "; " + p.earlier().size() + " finished in an earlier pass (kept)"));
        });
        t.setOnFailed(e -> {
            planning.set(false);
            if (dir.equals(folder.get())) {
                message.set("not planned: " + ErrorDialogs.messageOf(t.getException()));
            }
        });
        daemon(t, "sweep-plan");
    }

    /**
     * Plans an edited specification into the current folder (or a new one when none is chosen):
     * runs whose configuration did not change are reused from that folder.
     */
    public void replan(String text) throws IOException {
        load(text, specDir == null ? baseDir : specDir, folder.get());
    }

    /** Writes the PDF report of a finished run ({@code report RUN_DIR}) into its folder, in the background. */
    public void writeRunReport(Item item) {
        ResultRow r = item == null ? null : item.rowProperty().get();
        if (r == null || !r.completed() || r.get(ResultRow.RUN_FOLDER) == null) {
            message.set("choose a finished run first");
            return;
        }
        Path run = Path.of(String.valueOf(r.get(ResultRow.RUN_FOLDER)));
        Path pdf = run.resolve("report.pdf");
        Task<Path> t = new Task<>() {
            @Override
            protected Path call() throws IOException {
                RunReport.writePdf(run, pdf);
                return pdf;
            }
        };
        t.setOnSucceeded(e -> message.set("run report written to " + pdf));
        t.setOnFailed(e -> message.set("run report not written: " + ErrorDialogs.messageOf(t.getException())));
        daemon(t, "sweep-run-report");
    }

    private static Long seedOf(SweepTask task) {
        try {
            var n = JSON.readTree(task.config()).path("seed");
            return n.isIntegralNumber() ? n.asLong() : null;
        } catch (IOException e) {
            return null;
        }
    }

    // ---- running -----------------------------------------------------------------------------

    /** Runs (or resumes) the planned sweep on {@code workers} local workers; false when there is nothing to run. */
    public boolean start(int workers) {
        SweepPlan p = plan.get();
        if (p == null || running.get() || p.tasks().isEmpty()) {
            return false;
        }
        Path dir = folder.get();
        LocalSweepRunner runner = LocalSweepRunner.forCores(workers);
        CancelToken t = new CancelToken();
        SweepListener listener = new SweepListener() {
            @Override
            public void started(SweepTask task, SweepProgress pr) {
                Platform.runLater(() -> {
                    Item i = byId.get(task.id());
                    if (i != null) {
                        i.stateProperty().set("running");
                    }
                    progress.set(pr);
                });
            }

            @Override
            public void finished(SweepTask task, ResultRow row, boolean resumed, SweepProgress pr) {
                Platform.runLater(() -> {
                    Item i = byId.get(task.id());
                    if (i != null) {
                        i.finished(row, resumed);
                    }
                    progress.set(pr);
                    rowsChanged.set(rowsChanged.get() + 1);
                });
            }
        };
        String text = specText.get();
        Task<LocalSweepRunner.Outcome> run = new Task<>() {
            @Override
            protected LocalSweepRunner.Outcome call() throws IOException {
                try (SweepFolder f = SweepFolder.open(dir, text, p)) {
                    LocalSweepRunner.Outcome o = f.runLocal(p.tasks(), runner, new UnlearningTaskExecutor(baseDir),
                            listener, t);
                    if (!o.cancelled()) {
                        SweepReport.write(dir);
                    }
                    return o;
                }
            }
        };
        token = t;
        running.set(true);
        message.set(String.format(Locale.ROOT, "running %d runs on %d worker%s × %d thread%s per run into %s",
                p.tasks().size(), runner.workers(), runner.workers() == 1 ? "" : "s", runner.threadsPerRun(),
                runner.threadsPerRun() == 1 ? "" : "s", dir));
        run.setOnSucceeded(e -> {
            running.set(false);
            LocalSweepRunner.Outcome o = run.getValue();
            progress.set(o.progress());
            items.stream().filter(i -> i.stateProperty().get().equals("running") || (o.cancelled()
                    && i.rowProperty().get() == null)).forEach(i -> i.stateProperty().set("not run (cancelled)"));
            Map<String, Integer> byStatus = new TreeMap<>();
            o.finishedRows().forEach(r -> byStatus.merge(String.valueOf(r.get(ResultRow.STATUS)), 1, Integer::sum));
            long kept = o.finishedRows().stream().filter(ResultRow::completed).count();
            message.set(o.cancelled()
                    ? "cancelled: " + kept + " of " + p.tasks().size() + " runs finished and kept in " + dir
                    + "; Run again to resume"
                    : "finished " + byStatus + "; results.csv, figures and summary in " + dir);
        });
        run.setOnFailed(e -> {
            running.set(false);
            message.set("sweep stopped: " + ErrorDialogs.messageOf(run.getException())
                    + " (finished runs are kept; Run again to resume)");
        });
        daemon(run, "sweep");
        return true;
    }

    /** Stops the running runs at their next step; no further run starts. Finished runs stay. */
    public void cancel() {
        if (token != null && running.get()) {
            token.cancel();
            message.set("cancelling: the running runs stop at their next step; finished runs are kept…");
        }
    }

    /** Writes figures (PNG, SVG, PDF) and summary.md/csv into the sweep folder in the background. */
    public void exportReport() {
        Path dir = folder.get();
        if (dir == null || !Files.isRegularFile(dir.resolve("results.csv"))) {
            message.set("no results.csv yet: nothing to export");
            return;
        }
        Task<List<Path>> t = new Task<>() {
            @Override
            protected List<Path> call() throws IOException {
                return SweepReport.write(dir);
            }
        };
        t.setOnSucceeded(e -> message.set("wrote " + t.getValue().size() + " files (figures as PNG, SVG, PDF; "
                + "summary.md, summary.csv) to " + dir));
        t.setOnFailed(e -> message.set("report not written: " + ErrorDialogs.messageOf(t.getException())));
        daemon(t, "sweep-report");
    }

    // ---- what the view draws -------------------------------------------------------------------

    /** The rows so far grouped per point (mean and interval over seeds). */
    public SweepSummary summary() {
        SweepPlan p = plan.get();
        List<Map<String, String>> cells = new ArrayList<>();
        for (ResultRow r : rows()) {
            Map<String, String> m = new LinkedHashMap<>();
            r.values().forEach((k, v) -> m.put(k, v == null ? "" : v.toString()));
            cells.add(m);
        }
        return SweepSummary.of(p == null ? List.of() : p.axes(), cells);
    }

    /**
     * The axis the frontier is drawn against: ε when the plan varies it, else the first axis with
     * two or more numeric values; null when none (accuracy against examples instead).
     */
    public String frontierAxis() {
        SweepPlan p = plan.get();
        if (p == null) {
            return null;
        }
        // the report's rule (SweepFigures.numericAxes), applied to every planned point, finished or not
        List<Map<String, String>> planned = p.tasks().stream().map(SweepTask::labels).toList();
        List<String> numeric = SweepFigures.numericAxes(SweepSummary.of(p.axes(), planned));
        return numeric.isEmpty() ? null : numeric.get(0);
    }

    /** Cancels a running sweep (window closing). */
    public void shutdown() {
        cancel();
    }

    private static void daemon(Task<?> t, String name) {
        Thread th = new Thread(t, name);
        th.setDaemon(true);
        th.start();
    }
}
