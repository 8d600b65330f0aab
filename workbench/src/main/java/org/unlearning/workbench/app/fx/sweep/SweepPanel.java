package org.unlearning.workbench.app.fx.sweep;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.unlearning.workbench.app.fx.ErrorDialogs;
import org.unlearning.workbench.app.fx.charts.ChartView;
import org.unlearning.workbench.app.sweep.SweepFigures;
import org.unlearning.workbench.engine.sweep.ResultRow;
import org.unlearning.workbench.engine.sweep.SweepPlan;
import org.unlearning.workbench.engine.sweep.SweepProgress;
import org.unlearning.workbench.engine.sweep.SweepSpec;
import org.unlearning.workbench.engine.sweep.SweepSummary;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The Sweep tab (docs/sweeps.md): choose a shipped sweep or open a specification, see its planned
 * runs and the points refused with their reasons before anything runs, run it in the background on
 * the local engine with progress (done/total, failures, ETA) and Cancel (finished runs are kept),
 * watch the frontier — test accuracy against ε per method, mean and 95 % interval over seeds — fill
 * as rows arrive, open an existing sweep folder to see or resume it, and export its figures. The
 * specification can be edited and planned again into the same folder (unchanged runs are reused); a
 * click on a frontier point selects its runs, and a selected run's PDF report can be written.
 */
public final class SweepPanel extends BorderPane {
    private final SweepSession session;
    private final ComboBox<String> preset = new ComboBox<>(FXCollections.observableArrayList(SweepSpec.presets()));
    private final Button openSpec = new Button("Open spec…");
    private final Button openFolder = new Button("Open sweep folder…");
    private final Spinner<Integer> workers;
    private final Button run = new Button("Run sweep");
    private final Button cancel = new Button("Cancel");
    private final Button export = new Button("Export figures");
    private final ProgressBar progressBar = new ProgressBar(0);
    private final Label progressText = new Label();
    private final Label planText = new Label("No sweep chosen.");
    private final Label status = new Label();
    private final TableView<SweepSession.Item> table = new TableView<>();
    private final ListView<String> refused = new ListView<>();
    private final TitledPane refusedPane = new TitledPane("Refused before running", refused);
    private final BorderPane chartBox = new BorderPane();
    private final TextArea editor = new TextArea();
    private final Button replan = new Button("Plan this specification");
    private final Label detail = new Label("Select a run (or click a point of the frontier) to see it.");
    private final Button runReport = new Button("Run report (PDF)");
    private ChartView chart;
    private SweepFigures.Figure figure;
    private final SweepForm form;

    /**
     * @param sweepsDir where new sweep folders go
     * @param baseDir   the runs' relative paths (sample models, data files) are resolved against it
     */
    public SweepPanel(Path sweepsDir, Path baseDir) {
        this.session = new SweepSession(sweepsDir, baseDir);
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        workers = new Spinner<>(1, Math.max(cores, 1), cores);
        getStyleClass().add("sweep-panel");
        setPadding(new Insets(8));
        tooltips(cores);
        preset.setPromptText("shipped sweep");
        preset.setId("sweep-preset");
        run.setId("sweep-run");
        cancel.setId("sweep-cancel");
        progressBar.setPrefWidth(220);
        progressText.setId("sweep-progress");
        status.setId("sweep-status");
        status.setWrapText(true);
        planText.setWrapText(true);

        preset.valueProperty().addListener((o, a, b) -> {
            if (b != null && !session.runningProperty().get()) {
                act(() -> session.loadPreset(b), "Sweep not loaded");
            }
        });
        openSpec.setOnAction(e -> chooseSpec());
        openFolder.setOnAction(e -> chooseFolder());
        run.setOnAction(e -> start());
        cancel.setOnAction(e -> session.cancel());
        export.setOnAction(e -> session.exportReport());
        replan.setOnAction(e -> act(() -> session.replan(editor.getText()), "Specification not planned"));
        runReport.setOnAction(e -> session.writeRunReport(table.getSelectionModel().getSelectedItem()));
        session.specTextProperty().addListener((o, a, b) -> editor.setText(b == null ? "" : b));
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> showDetail(b));
        replan.disableProperty().bind(session.runningProperty().or(session.planningProperty()));
        runReport.disableProperty().bind(session.runningProperty()
                .or(table.getSelectionModel().selectedItemProperty().isNull()));

        run.disableProperty().bind(session.runningProperty().or(session.planningProperty())
                .or(session.planProperty().isNull()));
        cancel.disableProperty().bind(session.runningProperty().not());
        export.disableProperty().bind(session.runningProperty().or(session.folderProperty().isNull()));
        preset.disableProperty().bind(session.runningProperty());
        openSpec.disableProperty().bind(session.runningProperty());
        openFolder.disableProperty().bind(session.runningProperty());
        workers.disableProperty().bind(session.runningProperty());
        status.textProperty().bind(session.messageProperty());
        session.progressProperty().addListener((o, a, p) -> showProgress(p));
        session.planProperty().addListener((o, a, p) -> {
            columns(p);
            showPlan(p);
        });
        session.runningProperty().addListener((o, a, b) -> showPlan(session.planProperty().get()));
        workers.valueProperty().addListener((o, a, b) -> showPlan(session.planProperty().get()));
        session.rowsChangedProperty().addListener((o, a, b) -> redrawFrontier());

        HBox choose = new HBox(8, new Label("Sweep"), preset, openSpec, openFolder);
        choose.setAlignment(Pos.CENTER_LEFT);
        HBox controls = new HBox(8, new Label("Workers"), workers, run, cancel, export, progressBar, progressText);
        controls.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, choose, planText, controls, status);
        setTop(top);

        table.setPlaceholder(new Label("The planned runs appear here before anything runs."));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setItems(session.items());
        refused.setPrefHeight(90);
        refused.setPlaceholder(new Label("no point refused"));
        refusedPane.setExpanded(false);
        refusedPane.setTooltip(new Tooltip("Points the planner refused before running (an invalid value, or the "
                + "method's accountant finds them infeasible on this data), each with its reason; they are skipped"));
        detail.setWrapText(true);
        detail.setId("sweep-run-detail");
        HBox detailRow = new HBox(8, runReport, detail);
        detailRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(detail, Priority.ALWAYS);
        BorderPane runsPane = new BorderPane(table);
        runsPane.setBottom(new VBox(4, detailRow, refusedPane));
        BorderPane.setMargin(table, new Insets(0, 0, 4, 0));
        editor.setId("sweep-spec-editor");
        editor.setStyle("-fx-font-family: monospace;");
        editor.setPromptText("name: my-sweep\nbase: {preset: mnist-gradclip}\naxes:\n  epsilon: [0.3, 1, 3]\nseeds: [0, 1, 2]");
        SweepForm form = new SweepForm(text -> {
            preset.getSelectionModel().clearSelection();
            act(() -> session.loadNew(text), "Sweep not planned");
        });
        this.form = form;
        form.disableProperty().bind(session.runningProperty());
        BorderPane specPane = new BorderPane(editor);
        specPane.setTop(new VBox(4, new Label("A new sweep from a form (or edit the YAML below):"), form));
        HBox specRow = new HBox(8, replan, new Label("docs/sweeps.md: axes over any method parameter, "
                + "lists or linear / log / random ranges, the method, seeds"));
        specRow.setAlignment(Pos.CENTER_LEFT);
        replan.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        specPane.setBottom(specRow);
        BorderPane.setMargin(specRow, new Insets(4, 0, 0, 0));
        TabPane left = new TabPane(fixedTab("Runs", runsPane), fixedTab("Specification", specPane));
        chartBox.setCenter(new Label("The frontier fills in as runs finish: test accuracy against ε per method, "
                + "mean over seeds with its 95 % interval."));
        SplitPane split = new SplitPane(left, chartBox);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.5);
        setCenter(split);
        BorderPane.setMargin(split, new Insets(6, 0, 0, 0));
    }

    private void tooltips(int cores) {
        preset.setTooltip(new Tooltip("A shipped sweep (docs/sweeps.md): mnist-frontier-smoke runs 8 short runs "
                + "in a few minutes; the others are the full frontier and budget curve (hours)"));
        openSpec.setTooltip(new Tooltip("A sweep specification (YAML): base run, axes, seeds, target accuracy"));
        openFolder.setTooltip(new Tooltip("An existing sweep folder (holding sweep.yaml): shows its finished runs; "
                + "Run then resumes it and recomputes nothing that finished"));
        workers.setTooltip(new Tooltip("Runs at once on the local engine; each run gets " + cores
                + " / workers compute threads (workers × threads = " + cores + " cores)"));
        run.setTooltip(new Tooltip("Run the planned runs in the background; results.csv grows as each run "
                + "finishes, and runs finished earlier in this folder are not recomputed"));
        cancel.setTooltip(new Tooltip("Stop the running runs at their next step and start no more; finished runs "
                + "and their rows are kept (Run again to resume)"));
        export.setTooltip(new Tooltip("Write the figures (PNG, SVG, PDF) and summary.md / summary.csv into the "
                + "sweep folder from its results.csv"));
        progressBar.setTooltip(new Tooltip("Runs done (finished now or in an earlier pass) out of all planned runs"));
        replan.setTooltip(new Tooltip("Plan the edited specification into the same folder: runs whose "
                + "configuration did not change are reused, the others run with Run / Resume"));
        editor.setTooltip(new Tooltip("The sweep's YAML: base run, axes, seeds, target accuracy (docs/sweeps.md)"));
        runReport.setTooltip(new Tooltip("Write the selected run's PDF report (the document of 'report RUN_DIR') "
                + "into its run folder"));
        table.setTooltip(new Tooltip("One line per planned run: the point's axis values, the seed, its state "
                + "and, once finished, its result"));
    }

    public SweepSession session() { return session; }

    public TableView<SweepSession.Item> table() { return table; }

    public ListView<String> refusedList() { return refused; }

    /** The frontier chart shown, or null before a row arrived. */
    public ChartView frontierChart() { return chart; }

    public Button runButton() { return run; }

    public Button cancelButton() { return cancel; }

    public Label progressLabel() { return progressText; }

    /** Starts (or resumes) the planned sweep with the chosen number of workers. */
    public void start() {
        session.start(workers.getValue());
    }

    public void setWorkers(int n) {
        workers.getValueFactory().setValue(n);
    }

    private void showPlan(SweepPlan p) {
        if (p == null) {
            planText.setText(session.planningProperty().get() ? "planning…" : "No sweep planned.");
            refused.getItems().clear();
            return;
        }
        int w = workers.getValue();
        long earlier = session.items().stream().filter(i -> i.rowProperty().get() != null).count();
        planText.setText(String.format(Locale.ROOT, "%s: %d run%s over %d point%s × seeds (axes: %s), %d point%s "
                        + "refused%s; estimated about %s on %d worker%s (rough; the live ETA follows). Folder: %s",
                p.name(), p.tasks().size(), p.tasks().size() == 1 ? "" : "s", p.points(), p.points() == 1 ? "" : "s",
                p.axes().isEmpty() ? "none" : String.join(", ", p.axes()), p.rejected().size(),
                p.rejected().size() == 1 ? "" : "s",
                earlier == 0 ? "" : ", " + earlier + " finished earlier (resumed, not recomputed)",
                SweepProgress.clock(p.estimatedSeconds(w) * (p.tasks().size() - earlier) / Math.max(1, p.tasks().size())),
                w, w == 1 ? "" : "s", session.folderProperty().get()));
        List<String> lines = new ArrayList<>();
        p.rejected().forEach(r -> lines.add(r.line()));
        p.notes().forEach(n -> lines.add("note: " + n));
        refused.getItems().setAll(lines);
        refusedPane.setText("Refused before running: " + p.rejected().size() + (p.notes().isEmpty() ? ""
                : " (and " + p.notes().size() + " note" + (p.notes().size() == 1 ? "" : "s") + ")"));
        refusedPane.setExpanded(!lines.isEmpty());
        run.setText(earlier > 0 ? "Resume" : "Run sweep");
    }

    private void showProgress(SweepProgress p) {
        if (p == null) {
            progressBar.setProgress(0);
            progressText.setText("");
            return;
        }
        progressBar.setProgress(p.fraction());
        progressText.setText(p.line() + " · " + SweepProgress.clock(p.elapsedSeconds()) + " elapsed");
    }

    private void columns(SweepPlan p) {
        List<TableColumn<SweepSession.Item, String>> cols = new ArrayList<>();
        if (p != null) {
            for (String axis : p.axes()) {
                cols.add(column(axis, i -> {
                    String v = i.task().labels().getOrDefault(axis, "");
                    return v.isEmpty() ? "–" : v;
                }, "Axis " + axis + " of the point (– : the point's method does not take it)"));
                cols.get(cols.size() - 1).setPrefWidth(axis.equals("method") ? 140 : 60);
            }
        }
        cols.add(column("seed", i -> i.seed() == null ? "" : i.seed().toString(), "Seed of the run"));
        cols.get(cols.size() - 1).setPrefWidth(45);
        TableColumn<SweepSession.Item, String> state = new TableColumn<>();
        state.setGraphic(header("state", "planned, running, the certificate's status, refused, failed or cancelled"));
        state.setCellValueFactory(cd -> cd.getValue().stateProperty());
        state.setPrefWidth(150);
        cols.add(state);
        cols.add(rowColumn("test acc.", "test_accuracy", true, "Test accuracy of the released model"));
        cols.add(rowColumn("ε", "achieved_epsilon", false, "Achieved ε of the certificate"));
        cols.add(rowColumn("savings", "compute_savings", true,
                "Compute savings against retraining to the target accuracy (examples processed)"));
        cols.add(rowColumn("wall s", ResultRow.WALL_SECONDS, false, "Wall time of the run"));
        table.getColumns().setAll(cols);
    }

    private static TableColumn<SweepSession.Item, String> rowColumn(String name, String key, boolean percent, String tip) {
        TableColumn<SweepSession.Item, String> c = new TableColumn<>();
        c.setGraphic(header(name, tip));
        c.setPrefWidth(name.equals("test acc.") || name.equals("savings") ? 70 : 55);
        c.setCellValueFactory(cd -> Bindings.createStringBinding(() -> {
            ResultRow r = cd.getValue().rowProperty().get();
            Object v = r == null ? null : r.get(key);
            if (!(v instanceof Number n)) {
                return v == null ? "" : v.toString();
            }
            return percent ? String.format(Locale.ROOT, "%.1f %%", 100 * n.doubleValue())
                    : String.format(Locale.ROOT, "%.3g", n.doubleValue());
        }, cd.getValue().rowProperty()));
        return c;
    }

    private static TableColumn<SweepSession.Item, String> column(String name, Function<SweepSession.Item, String> f,
                                                                 String tip) {
        TableColumn<SweepSession.Item, String> c = new TableColumn<>();
        c.setGraphic(header(name, tip));
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        return c;
    }

    private static Label header(String name, String tip) {
        Label l = new Label(name);
        l.setTooltip(new Tooltip(tip));
        return l;
    }

    /** Redraws the frontier from the rows known so far (on the FX thread, once per arriving row). */
    private void redrawFrontier() {
        SweepSummary s = session.summary();
        SweepPlan p = session.planProperty().get();
        boolean any = s.points().stream().anyMatch(pt -> pt.testAccuracy() != null);
        if (p == null || !any) {
            chart = null;
            figure = null;
            chartBox.setCenter(new Label(p == null ? "No sweep planned."
                    : "The frontier fills in as runs finish: test accuracy against ε per method, mean over seeds "
                    + "with its 95 % interval."));
            return;
        }
        SweepFigures.Figure f = SweepFigures.frontier(s, session.frontierAxis(), p.name());
        figure = f;
        chart = new ChartView(f.chart(), p.name() + "-frontier");
        chart.viewer().addChartMouseListener(new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX e) {
                if (e.getEntity() instanceof XYItemEntity it) {
                    selectPoint(figure.point(it.getSeriesIndex(), it.getItem()));
                }
            }

            @Override
            public void chartMouseMoved(ChartMouseEventFX e) {}
        });
        chart.setId("sweep-frontier");
        chartBox.setCenter(chart);
    }

    /** Selects the runs of a sweep point in the table (a click on the frontier); returns how many. */
    public int selectPoint(SweepSummary.Point point) {
        table.getSelectionModel().clearSelection();
        if (point == null) {
            return 0;
        }
        java.util.Set<String> folders = new java.util.HashSet<>(point.runFolders());
        int n = 0;
        for (int i = 0; i < table.getItems().size(); i++) {
            ResultRow r = table.getItems().get(i).rowProperty().get();
            if (r != null && folders.contains(String.valueOf(r.get(ResultRow.RUN_FOLDER)))) {
                table.getSelectionModel().select(i);
                n++;
            }
        }
        if (n > 0) {
            table.scrollTo(table.getSelectionModel().getSelectedIndex());
        }
        return n;
    }

    private void showDetail(SweepSession.Item i) {
        if (i == null) {
            detail.setText("Select a run (or click a point of the frontier) to see it.");
            return;
        }
        ResultRow r = i.rowProperty().get();
        String point = SweepPlan.describe(i.task().labels()) + (i.seed() == null ? "" : ", seed " + i.seed());
        if (r == null) {
            detail.setText(point + ": " + i.stateProperty().get());
            return;
        }
        Object reason = r.get("reason");
        detail.setText(point + ": " + r.get(ResultRow.STATUS) + (reason == null || reason.toString().isEmpty() ? ""
                : " (" + reason + ")") + " — " + r.get(ResultRow.RUN_FOLDER));
    }

    /** The frontier figure shown (its points, for clicks), or null. */
    public SweepFigures.Figure frontierFigure() { return figure; }

    public Label detailLabel() { return detail; }

    public Button runReportButton() { return runReport; }

    public TextArea specEditor() { return editor; }

    public Button replanButton() { return replan; }

    /** The form's specification (what its button plans). */
    String formYaml() { return form.yaml(); }

    private static Tab fixedTab(String name, javafx.scene.Node content) {
        Tab t = new Tab(name, content);
        t.setClosable(false);
        return t;
    }

    private void chooseSpec() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open a sweep specification");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Sweep (YAML)", "*.yaml", "*.yml"));
        File f = fc.showOpenDialog(window());
        if (f != null) {
            preset.getSelectionModel().clearSelection();
            act(() -> session.loadFile(f.toPath()), "Sweep specification not loaded");
        }
    }

    private void chooseFolder() {
        DirectoryChooser ch = new DirectoryChooser();
        ch.setTitle("Open a sweep folder (holding sweep.yaml)");
        File dir = ch.showDialog(window());
        if (dir != null) {
            preset.getSelectionModel().clearSelection();
            act(() -> session.openFolder(dir.toPath()), "Sweep folder not opened");
        }
    }

    private interface Action {
        void run() throws IOException;
    }

    private void act(Action a, String title) {
        try {
            a.run();
        } catch (IOException | RuntimeException e) {
            ErrorDialogs.show(window(), title, ErrorDialogs.messageOf(e), e);
        }
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    /** Cancels a running sweep (the window is closing). */
    public void shutdown() {
        session.shutdown();
    }
}
