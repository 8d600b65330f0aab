package org.unlearning.workbench.app.fx;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.control.StatusBar;
import org.unlearning.workbench.app.fx.audit.AuditPanel;
import org.unlearning.workbench.app.fx.calculator.CalculatorViewModel;
import org.unlearning.workbench.app.fx.calculator.LivePanel;
import org.unlearning.workbench.app.fx.calculator.ParametersPane;
import org.unlearning.workbench.app.fx.data.DataPane;
import org.unlearning.workbench.app.fx.data.DataViewModel;
import org.unlearning.workbench.app.fx.run.RunController;
import org.unlearning.workbench.app.fx.run.RunPanel;
import org.unlearning.workbench.app.fx.run.RunRecord;
import org.unlearning.workbench.app.fx.settings.ExperimentSettings;
import org.unlearning.workbench.app.fx.settings.SettingsFiles;
import org.unlearning.workbench.app.fx.settings.WindowLayout;
import org.unlearning.workbench.app.fx.sweep.SweepPanel;
import org.unlearning.workbench.engine.unlearn.UnlearningConfig;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The main window's layout: menu bar, the experiment pane on the left, calculator / run / log tabs
 * in the centre, the status bar — wiring the view-models ({@link CalculatorViewModel},
 * {@link DataViewModel}, {@link ExperimentViewModel}, {@link RunController}) to their views. It
 * also answers the menu's actions (dialogs) and exposes its parts to the application and the tests.
 */
public final class WorkbenchView extends BorderPane {
    private final SystemStatus status;
    private final StatusBar statusBar = new StatusBar();
    private final SplitPane split = new SplitPane();
    private final TabPane tabs = new TabPane();
    private final CalculatorViewModel calculator = new CalculatorViewModel();
    private final ParametersPane parameters = new ParametersPane(calculator);
    private final LivePanel live = new LivePanel(calculator);
    private final DataViewModel data = new DataViewModel();
    private final DataPane dataPane = new DataPane(data);
    private final ExperimentViewModel experiment;
    private final RunController runs;
    private final RunLauncher launcher;
    private final RunPanel runPanel;
    private final ExperimentPane experimentPane;
    private final Tab runTab;
    private final SweepPanel sweepPanel;
    private final WindowSnapshots snapshots = new WindowSnapshots();
    private final org.unlearning.workbench.app.fx.guide.GuidedTour tour;
    /** Presentation mode: larger text and lines, high contrast (F11). */
    private final javafx.beans.property.BooleanProperty presentation = new javafx.beans.property.SimpleBooleanProperty();
    private double zoom = 1;
    static final double BASE_FONT = 12;
    static final double PRESENTATION_FACTOR = 1.5;

    /**
     * @param backendProbe names the ND4J backend (called once, off the FX thread)
     * @param initial      settings to start from (last session), or null for defaults
     * @param runsDir      where run folders are written
     */
    public WorkbenchView(Supplier<String> backendProbe, ExperimentSettings initial, Path runsDir) {
        runs = new RunController(runsDir);
        runPanel = new RunPanel(runs);
        runTab = new Tab("Run", runPanel);
        runTab.setClosable(false);
        experiment = new ExperimentViewModel(calculator, data, initial);
        launcher = new RunLauncher(experiment, calculator, data, runs, runsDir);
        experimentPane = new ExperimentPane(experiment, parameters, dataPane, launcher, runs.runningProperty(),
                this::presetChosen, this::startRun, this::cancelRun);
        getStyleClass().add("workbench");
        getStylesheets().add(WorkbenchView.class.getResource("workbench.css").toExternalForm());
        Path home = runsDir.toAbsolutePath().getParent();
        if (home != null) {
            data.setModelsDir(home.resolve("models"));
        }
        status = new SystemStatus(backendProbe);

        setTop(WorkbenchMenu.build(new MenuActions()));
        split.setOrientation(Orientation.HORIZONTAL);
        split.getItems().addAll(experimentPane, tabs);
        split.setDividerPositions(0.34);
        SplitPane.setResizableWithParent(experimentPane, false);
        Tab calcTab = new Tab("Calculator", live);
        calcTab.setClosable(false);
        Tab logTab = new Tab("Log", runs.logView());
        logTab.setClosable(false);
        Tab auditTab = new Tab("Audit", new AuditPanel(runsDir.toAbsolutePath().resolveSibling("audits")));
        auditTab.setClosable(false);
        sweepPanel = new SweepPanel(runsDir.toAbsolutePath().resolveSibling("sweeps"), Path.of(""));
        Tab sweepTab = new Tab("Sweep", sweepPanel);
        sweepTab.setClosable(false);
        tabs.getTabs().addAll(calcTab, runTab, sweepTab, auditTab, logTab);
        runs.setOnFinished(this::runFinished);
        runs.setOnFailed(this::runFailed);
        runs.messageProperty().addListener((o, a, b) -> {
            if (runs.runningProperty().get() && b != null) {
                statusBar.setText(b);
            }
        });
        statusBar.progressProperty().bind(Bindings.when(runs.runningProperty())
                .then(runs.progressProperty()).otherwise(0.0));
        setCenter(split);
        if (initial == null) {
            // first start: the paper's MNIST gradient-clipping set-up, with the retrain baseline
            try {
                applyPreset("mnist-gradclip");
            } catch (IOException | RuntimeException e) {
                experiment.applySettings(ExperimentSettings.defaults());
            }
        } else {
            experiment.applySettings(initial);
        }

        statusBar.setText("Ready");
        addEventHandler(org.unlearning.workbench.app.fx.export.ExportEvent.SAVED, e -> statusBar.setText(e.message()));
        addEventHandler(org.unlearning.workbench.app.fx.run.VerifiedEvent.VERIFIED, e -> statusBar.setText(e.message()));
        Label backend = new Label();
        backend.textProperty().bind(status.backendProperty());
        backend.setId("status-backend");
        Label threads = new Label();
        threads.textProperty().bind(status.threadsProperty());
        Label memory = new Label();
        memory.textProperty().bind(status.memoryProperty());
        statusBar.getRightItems().addAll(backend, new Separator(Orientation.VERTICAL), threads,
                new Separator(Orientation.VERTICAL), memory);
        setBottom(statusBar);
        var parts = new org.unlearning.workbench.app.fx.guide.Lesson.Parts(calculator, parameters, live, data, dataPane,
                experimentPane.runButton(), runPanel, runs, this::startRun);
        tour = new org.unlearning.workbench.app.fx.guide.GuidedTour(
                org.unlearning.workbench.app.fx.guide.Lesson.steps(parts), this::selectTab);
        org.unlearning.workbench.app.fx.guide.Lesson.refreshOnChange(parts, tour);
        setRight(tour);
        setPadding(new Insets(0));
        presentation.addListener((o, a, b) -> applyScale());
    }

    /** The menu's actions, answered with this window's dialogs. */
    private final class MenuActions implements WorkbenchMenu.Actions {
        @Override public void openSettings() { openSettingsDialog(); }
        @Override public void saveSettings() { saveSettingsDialog(); }
        @Override public void exportReport(boolean html) { runPanel.exportReportDialog(html); }
        @Override public void saveScreenshot() { saveScreenshotDialog(); }
        @Override public void run() { startRun(); }
        @Override public void cancel() {
            if (tour.isActive()) {
                tour.leave();    // Esc leaves the lesson first
            } else {
                cancelRun();
            }
        }
        @Override public void guide() { tour.start(); }
        @Override public void guidePage() {
            org.unlearning.workbench.app.fx.guide.GuidePage.show(window(), tour::start, getStylesheets());
        }
        @Override public void copyCommand() { copyCommandLine(); }
        @Override public Window window() { return getScene().getWindow(); }
        @Override public javafx.beans.property.BooleanProperty presentation() { return presentation; }
        @Override public void zoom(int steps) { zoomBy(steps); }

        @Override
        public void quit() {
            Window w = getScene().getWindow();
            w.fireEvent(new javafx.stage.WindowEvent(w, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
            if (w.isShowing()) {
                ((Stage) w).close();
            }
        }
    }

    private Window windowOrNull() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private void presetChosen(String name) {
        try {
            applyPreset(name);
        } catch (IOException | RuntimeException ex) {
            ErrorDialogs.show(windowOrNull(), "Preset not applied", ErrorDialogs.messageOf(ex), ex);
        }
    }

    // ---- actions -------------------------------------------------------------------------

    /** Sets method, parameters, data and budget from a preset (same names as the CLI). */
    public void applyPreset(String name) throws IOException {
        experiment.applyPreset(name);
        statusBar.setText("Preset " + name + " applied");
    }

    /** The engine configuration of the next run. */
    public UnlearningConfig runConfig(Path runDir) throws IOException {
        return experiment.runConfig(runDir);
    }

    /** Ctrl+R: starts the run (ignored while Run is disabled). */
    public void startRun() {
        String why = launcher.blockerBinding().get();
        if (why != null) {
            statusBar.setText("Cannot run: " + why);
            return;
        }
        try {
            RunRecord r = launcher.start();
            if (r != null) {
                tabs.getSelectionModel().select(runTab);
                statusBar.setText(r.name() + " started");
            }
        } catch (IOException | RuntimeException e) {
            ErrorDialogs.show(windowOrNull(), "Run not started", ErrorDialogs.messageOf(e), e);
        }
    }

    /** Esc: asks the engine to stop before its next step. */
    public void cancelRun() {
        if (launcher.cancel()) {
            statusBar.setText("Cancelling…");
        }
    }

    private void runFinished(RunRecord r) {
        statusBar.setText(r.name() + " " + r.statusProperty().get() + ": " + r.detailProperty().get());
        snapshots.runEnded(getScene());
    }

    private void runFailed(Throwable t) {
        statusBar.setText("Run failed: " + (t == null ? "" : ErrorDialogs.messageOf(t)));
        if (getScene() != null && getScene().getWindow() != null && getScene().getWindow().isShowing()) {
            ErrorDialogs.show(getScene().getWindow(), "Run failed", t == null ? "unknown error"
                    : ErrorDialogs.messageOf(t), t);
        }
        snapshots.runEnded(getScene());
    }

    // ---- teaching: guided lesson, command line -----------------------------------------

    /** Shows the centre tab with this title (the lesson's steps). */
    public void selectTab(String title) {
        for (Tab t : tabs.getTabs()) {
            if (t.getText().equals(title)) {
                tabs.getSelectionModel().select(t);
            }
        }
    }

    /** The guided lesson (Help → Guided lesson). */
    public org.unlearning.workbench.app.fx.guide.GuidedTour guide() {
        return tour;
    }

    /** The CLI call that reproduces the next run (Run → Copy as command line). */
    public String commandLine() throws IOException {
        Path dir = runs.runsDir().resolveSibling("command-forget-sets");
        return CommandLineText.of(runConfig(dir), experiment.presetProperty().get(), "runs/from-window");
    }

    private void copyCommandLine() {
        try {
            String cmd = commandLine();
            javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
            c.putString(cmd);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
            statusBar.setText("Copied to the clipboard: " + (cmd.startsWith("cat ")
                    ? "the configuration and unlearn --config (settings beyond the CLI options)" : cmd));
        } catch (IOException | RuntimeException e) {
            ErrorDialogs.show(windowOrNull(), "No command line", ErrorDialogs.messageOf(e), e);
        }
    }

    // ---- presentation mode and zoom ------------------------------------------------------

    /** Presentation mode on or off: larger fonts and lines, high contrast (F11, View menu). */
    public void setPresentationMode(boolean on) {
        presentation.set(on);
    }

    public boolean isPresentationMode() {
        return presentation.get();
    }

    /** Ctrl+Plus / Ctrl+Minus: one step is ×1.15; 0 resets (Ctrl+0). */
    public void zoomBy(int steps) {
        zoom = steps == 0 ? 1 : Math.max(0.6, Math.min(3.0, zoom * Math.pow(1.15, steps)));
        applyScale();
    }

    /** The factor applied to text and chart lines (zoom × presentation). */
    public double scale() {
        return zoom * (presentation.get() ? PRESENTATION_FACTOR : 1);
    }

    private void applyScale() {
        double k = scale();
        getStyleClass().remove("presentation");
        if (presentation.get()) {
            getStyleClass().add("presentation");
        }
        setStyle(String.format(java.util.Locale.ROOT, "-fx-font-size: %.1fpx;", BASE_FONT * k));
        runPanel.setScale(k);
        live.setChartScale(k);
        statusBar.setText((presentation.get() ? "Presentation mode" : "Normal mode") + String.format(
                java.util.Locale.ROOT, " · zoom %d %%", Math.round(zoom * 100)));
    }

    // ---- settings ------------------------------------------------------------------------

    public ExperimentSettings currentSettings() {
        return experiment.currentSettings();
    }

    /** Applies loaded settings to every control (unknown method or keys are ignored). */
    public void applySettings(ExperimentSettings s) {
        experiment.applySettings(s);
    }

    public void openSettings(Path file) throws IOException {
        applySettings(SettingsFiles.read(file));
        statusBar.setText("Opened " + file.getFileName());
    }

    public void saveSettings(Path file) throws IOException {
        SettingsFiles.write(currentSettings(), file);
        statusBar.setText("Saved " + file.getFileName());
    }

    private void openSettingsDialog() {
        FileChooser fc = jsonChooser("Open experiment settings");
        File f = fc.showOpenDialog(getScene().getWindow());
        if (f != null) {
            try {
                openSettings(f.toPath());
            } catch (IOException | RuntimeException e) {
                ErrorDialogs.show(getScene().getWindow(), "Could not open settings", ErrorDialogs.messageOf(e), e);
            }
        }
    }

    private void saveSettingsDialog() {
        FileChooser fc = jsonChooser("Save experiment settings");
        fc.setInitialFileName("experiment.json");
        File f = fc.showSaveDialog(getScene().getWindow());
        if (f != null) {
            try {
                saveSettings(f.toPath());
            } catch (IOException | RuntimeException e) {
                ErrorDialogs.show(getScene().getWindow(), "Could not save settings", ErrorDialogs.messageOf(e), e);
            }
        }
    }

    private static FileChooser jsonChooser(String title) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Settings (JSON)", "*.json"));
        return fc;
    }

    // ---- screenshots, layout -------------------------------------------------------------

    /** Snapshot of the whole window content as PNG. */
    public void saveScreenshot(Path file) throws IOException {
        WindowSnapshots.save(getScene(), file);
    }

    private void saveScreenshotDialog() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Save screenshot");
        fc.setInitialFileName("workbench.png");
        File f = fc.showSaveDialog(getScene().getWindow());
        if (f != null) {
            try {
                saveScreenshot(f.toPath());
            } catch (IOException e) {
                ErrorDialogs.show(getScene().getWindow(), "Could not save screenshot", ErrorDialogs.messageOf(e), e);
            }
        }
    }

    /** Saves a screenshot once the first run ends (for the README screenshot under Xvfb). */
    public void screenshotAfterFirstRun(Path file, boolean exitAfter) {
        snapshots.afterFirstRun(file, exitAfter);
    }

    public WindowLayout currentLayout(Stage stage) {
        List<Double> d = new ArrayList<>();
        for (double v : split.getDividerPositions()) {
            d.add(v);
        }
        Tab t = tabs.getSelectionModel().getSelectedItem();
        return new WindowLayout(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                stage.isMaximized(), d, t == null ? null : t.getText());
    }

    public void applyDividers(WindowLayout l) {
        double[] d = l.dividers().stream().mapToDouble(Double::doubleValue).toArray();
        if (d.length == split.getDividers().size()) {
            split.setDividerPositions(d);
        }
        for (Tab t : tabs.getTabs()) {
            if (t.getText().equals(l.selectedTab())) {
                tabs.getSelectionModel().select(t);
            }
        }
    }

    // ---- parts ---------------------------------------------------------------------------

    public RunController runController() {
        return runs;
    }

    public RunPanel runPanel() {
        return runPanel;
    }

    public DataViewModel dataModel() {
        return data;
    }

    public DataPane dataPane() {
        return dataPane;
    }

    public CalculatorViewModel calculator() {
        return calculator;
    }

    public ParametersPane parametersPane() {
        return parameters;
    }

    public LivePanel livePanel() {
        return live;
    }

    public Button runButton() {
        return experimentPane.runButton();
    }

    public ExperimentPane experimentPane() {
        return experimentPane;
    }

    public StatusBar statusBar() {
        return statusBar;
    }

    public SweepPanel sweepPanel() {
        return sweepPanel;
    }

    public void shutdown() {
        runs.cancel();
        sweepPanel.shutdown();
        status.stop();
    }
}
