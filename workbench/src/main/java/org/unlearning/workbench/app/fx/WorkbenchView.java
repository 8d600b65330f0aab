package org.unlearning.workbench.app.fx;

import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.controlsfx.control.StatusBar;
import org.unlearning.workbench.accounting.calculator.Method;
import org.unlearning.workbench.app.fx.calculator.CalculatorViewModel;
import org.unlearning.workbench.app.fx.calculator.LivePanel;
import org.unlearning.workbench.app.fx.calculator.ParametersPane;
import org.unlearning.workbench.app.fx.data.DataPane;
import org.unlearning.workbench.app.fx.data.DataViewModel;
import org.unlearning.workbench.app.fx.run.NewtonRunPane;
import org.unlearning.workbench.app.fx.run.RunController;
import org.unlearning.workbench.app.fx.run.RunPanel;
import org.unlearning.workbench.app.fx.run.RunRecord;
import org.unlearning.workbench.engine.unlearn.MethodConfig;
import org.unlearning.workbench.engine.unlearn.MethodKind;
import org.unlearning.workbench.engine.unlearn.Presets;
import org.unlearning.workbench.engine.unlearn.FineTuneConfig;
import org.unlearning.workbench.engine.unlearn.UnlearningConfig;
import org.unlearning.workbench.engine.unlearn.newton.NewtonRunConfig;
import javafx.collections.FXCollections;
import javafx.scene.control.ComboBox;
import java.util.LinkedHashMap;
import java.util.Map;
import org.unlearning.workbench.app.fx.settings.ExperimentSettings;
import org.unlearning.workbench.app.fx.settings.SettingsFiles;
import org.unlearning.workbench.app.fx.settings.WindowLayout;

import javax.imageio.ImageIO;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The main window's content: menu bar with shortcuts, the experiment pane (method, parameters,
 * data) on the left, calculator and run tabs in the centre, and a status bar.
 */
public final class WorkbenchView extends BorderPane {
    private final SystemStatus status;
    private final StatusBar statusBar = new StatusBar();
    private final SplitPane split = new SplitPane();
    private final TabPane tabs = new TabPane();
    private ExperimentSettings settings;
    private final CalculatorViewModel calculator = new CalculatorViewModel();
    private final ParametersPane parameters = new ParametersPane(calculator);
    private final LivePanel live = new LivePanel(calculator);
    private final NewtonRunPane newtonPane = new NewtonRunPane(calculator);
    private final Button runButton = new Button("Run");
    private final Button cancelButton = new Button("Cancel");
    private final Label runReason = new Label();
    private final DataViewModel data = new DataViewModel();
    private final DataPane dataPane = new DataPane(data);
    private final RunController runs;
    private final RunPanel runPanel;
    private final Tab runTab;
    private final ComboBox<String> presetBox = new ComboBox<>();
    private final javafx.beans.property.StringProperty runBlocker = new javafx.beans.property.SimpleStringProperty();
    private Path pendingScreenshot;
    private boolean exitAfterScreenshot;

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
        getStyleClass().add("workbench");
        getStylesheets().add(WorkbenchView.class.getResource("workbench.css").toExternalForm());
        this.settings = initial == null ? ExperimentSettings.defaults() : initial;
        this.runsDir = runsDir;
        Path home = runsDir.toAbsolutePath().getParent();
        if (home != null) {
            data.setModelsDir(home.resolve("models"));
        }
        status = new SystemStatus(backendProbe);

        setTop(menuBar());
        split.setOrientation(Orientation.HORIZONTAL);
        split.getItems().addAll(experimentPane(), tabs);
        split.setDividerPositions(0.34);
        SplitPane.setResizableWithParent(split.getItems().get(0), false);
        Tab calcTab = new Tab("Calculator", live);
        calcTab.setClosable(false);
        Tab logTab = new Tab("Log", runs.logView());
        logTab.setClosable(false);
        tabs.getTabs().addAll(calcTab, runTab, logTab);
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
                applySettings(settings);
            }
            data.retrainBaselineProperty().set(true);
            java.nio.file.Path sample = DataViewModel.sampleModel("mlp-5");
            if (sample != null) {
                data.modelPathProperty().set(sample.toString());
            }
        } else {
            applySettings(settings);
        }

        statusBar.setText("Ready");
        addEventHandler(org.unlearning.workbench.app.fx.export.ExportEvent.SAVED, e -> statusBar.setText(e.message()));
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
        setPadding(new Insets(0));
    }

    private javafx.scene.Node experimentPane() {
        runButton.setId("run");
        runButton.setDefaultButton(false);
        runButton.setOnAction(e -> startRun());
        runButton.setMinWidth(90);
        cancelButton.setId("cancel");
        cancelButton.setOnAction(e -> cancelRun());
        cancelButton.disableProperty().bind(runs.runningProperty().not());
        cancelButton.setTooltip(new Tooltip("Stop the run before its next step (Esc); it is listed as not certified"));
        runBlocker.bind(Bindings.createStringBinding(this::whyNotRunnable, calculator.problemProperty(),
                calculator.readyProperty(), calculator.methodProperty(), data.problemProperty(),
                data.dataSizesProperty(), runs.runningProperty(), newtonPane.problemProperty()));
        runButton.disableProperty().bind(runBlocker.isNotNull());
        runReason.setId("run-reason");
        runReason.getStyleClass().add("reason");
        runReason.setWrapText(true);
        runReason.textProperty().bind(Bindings.createStringBinding(() -> runBlocker.get() == null
                || runs.runningProperty().get() ? "" : runBlocker.get(), runBlocker, runs.runningProperty()));
        Tooltip runTip = new Tooltip();
        runTip.setWrapText(true);
        runTip.setMaxWidth(420);
        runTip.textProperty().bind(Bindings.createStringBinding(() -> runBlocker.get() == null
                ? "Start the unlearning run (Ctrl+R)" : "Cannot run: " + runBlocker.get(), runBlocker));
        runButton.setTooltip(runTip);
        // a disabled button shows no tooltip, so the reason is also shown below it
        HBox buttons = new HBox(6, runButton, cancelButton);
        presetBox.setId("preset");
        List<String> presetNames = new ArrayList<>(Presets.NAMES);
        presetNames.addAll(NewtonRunConfig.PRESETS);
        presetBox.setItems(FXCollections.observableArrayList(presetNames));
        presetBox.setPromptText("Presets from the paper…");
        presetBox.setMaxWidth(Double.MAX_VALUE);
        presetBox.setTooltip(new Tooltip("The paper's set-ups (theory.md §10.1), same names as the CLI presets; "
                + "CIFAR-10 presets need a CIFAR-10 folder as data."));
        presetBox.setOnAction(e -> {
            if (presetBox.getValue() != null && !restoring) {
                try {
                    applyPreset(presetBox.getValue());
                } catch (IOException | RuntimeException ex) {
                    ErrorDialogs.show(getScene() == null ? null : getScene().getWindow(), "Preset not applied",
                            ErrorDialogs.messageOf(ex), ex);
                }
            }
        });
        Label presetTitle = new Label("Preset");
        presetTitle.getStyleClass().add("section-title");
        // the Newton method's own run parameters (§9), shown only while it is selected
        newtonPane.visibleProperty().bind(calculator.methodProperty().isEqualTo(Method.NEWTON));
        newtonPane.managedProperty().bind(newtonPane.visibleProperty());
        VBox box = new VBox(6, presetTitle, presetBox, parameters, newtonPane, new Separator(), dataPane);
        box.setPadding(new Insets(4, 8, 8, 4));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setMinWidth(360);
        // Run and Cancel stay visible below the scrolling parameters
        VBox runBox = new VBox(4, buttons, runReason);
        runBox.setPadding(new Insets(6, 8, 6, 8));
        runBox.setStyle("-fx-border-color: #d0d0d0; -fx-border-width: 1 0 0 0;");
        javafx.scene.layout.BorderPane left = new javafx.scene.layout.BorderPane(scroll);
        left.setBottom(runBox);
        left.setMinWidth(360);
        calculator.methodProperty().addListener((o, a, b) -> {
            if (!applyingPreset) {
                presetBox.setValue(null);
            }
        });
        return left;
    }

    private MenuBar menuBar() {
        MenuItem open = item("Open settings…", KeyCode.O, this::openSettingsDialog);
        MenuItem save = item("Save settings…", KeyCode.S, this::saveSettingsDialog);
        MenuItem report = item("Export report (PDF)…", KeyCode.E, () -> runPanel.exportReportDialog(false));
        MenuItem reportHtml = new MenuItem("Export report (HTML folder)…");
        reportHtml.setOnAction(e -> runPanel.exportReportDialog(true));
        MenuItem shot = new MenuItem("Save screenshot…");
        shot.setOnAction(e -> saveScreenshotDialog());
        MenuItem quit = item("Quit", KeyCode.Q, () -> {
            Window w = getScene().getWindow();
            w.fireEvent(new javafx.stage.WindowEvent(w, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
            if (w.isShowing()) {
                ((Stage) w).close();
            }
        });
        Menu file = new Menu("_File", null, open, save, new SeparatorMenuItem(), report, reportHtml, shot,
                new SeparatorMenuItem(), quit);

        MenuItem run = item("Run", KeyCode.R, this::startRun);
        run.setId("menu-run");
        MenuItem cancel = new MenuItem("Cancel");
        cancel.setAccelerator(new KeyCodeCombination(KeyCode.ESCAPE));
        cancel.setOnAction(e -> cancelRun());
        Menu runMenu = new Menu("_Run", null, run, cancel);

        MenuItem shortcuts = new MenuItem("Keyboard shortcuts");
        shortcuts.setOnAction(e -> info("Keyboard shortcuts",
                "Ctrl+R run · Esc cancel · Ctrl+E export report · Ctrl+O open settings · "
                        + "Ctrl+S save settings · Ctrl+Q quit\nCharts: drag to zoom, mouse wheel zoom, "
                        + "Alt+drag pan, double-click to reset."));
        Menu help = new Menu("_Help", null, shortcuts);
        MenuBar bar = new MenuBar(file, runMenu, help);
        bar.setId("menu-bar");
        return bar;
    }

    static MenuItem item(String text, KeyCode key, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setAccelerator(new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN));
        m.setOnAction(e -> action.run());
        return m;
    }

    private void info(String title, String text) {
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION, text);
        a.setTitle(title);
        a.setHeaderText(title);
        a.initOwner(getScene().getWindow());
        a.show();
    }

    // ---- actions -------------------------------------------------------------------------

    /** Why Run is disabled, or null when a run can start. */
    private String whyNotRunnable() {
        if (runs.runningProperty().get()) {
            return "a run is in progress";
        }
        if (calculator.problemProperty().get() != null) {
            return calculator.problemProperty().get();
        }
        if (!calculator.readyProperty().get()) {
            return "the calculator has no certified setting";
        }
        if (calculator.methodProperty().get() == Method.NEWTON) {
            return newtonPane.problemProperty().get();   // the Newton run loads its own data and model
        }
        if (kind(calculator.methodProperty().get()) == null) {
            return "the engine runs gradient clipping, model clipping, output perturbation, retraining and "
                    + "Newton; " + calculator.methodProperty().get().key() + " is calculator-only";
        }
        if (data.problemProperty().get() != null) {
            return data.problemProperty().get();
        }
        if (!data.loaded()) {
            return "the dataset is still loading";
        }
        return null;
    }

    private static MethodKind kind(Method m) {
        return switch (m) {
            case GRADIENT_CLIPPING -> MethodKind.GRADIENT_CLIPPING;
            case MODEL_CLIPPING -> MethodKind.MODEL_CLIPPING;
            case OUTPUT_PERTURBATION -> MethodKind.OUTPUT_PERTURBATION;
            case RETRAIN -> MethodKind.RETRAIN;
            default -> null;
        };
    }

    private static String presetFor(MethodKind k) {
        return switch (k) {
            case GRADIENT_CLIPPING -> "mnist-gradclip";
            case MODEL_CLIPPING -> "mnist-modelclip";
            case OUTPUT_PERTURBATION -> "mnist-output-perturbation";
            case RETRAIN -> "mnist-retrain";
        };
    }

    /** Sets method, parameters and budget from a preset of the paper (same names as the CLI). */
    public void applyPreset(String name) throws IOException {
        if (NewtonRunConfig.PRESETS.contains(name)) {
            NewtonRunConfig nc = NewtonRunConfig.preset(name);
            applyingPreset = true;
            try {
                newtonPane.apply(nc, true);
                settings = new ExperimentSettings(Method.NEWTON.key(), Map.of(), name, calculator.numericValues(),
                        settings.dataset(), settings.datasetPath(), settings.forgetMode(), settings.forgetFraction(),
                        settings.forgetClasses(), settings.forgetIndexFile(), settings.originalModel(), settings.seed(),
                        settings.retrainBaseline());
                statusBar.setText("Preset " + name + " applied");
                if (!name.equals(presetBox.getValue())) {
                    presetBox.setValue(name);
                }
            } finally {
                applyingPreset = false;
            }
            return;
        }
        UnlearningConfig c = Presets.load(name, Presets.requiresData(name) ? data.sourceProperty().get() : null);
        applyingPreset = true;
        try {
            applyPresetConfig(name, c);
        } finally {
            applyingPreset = false;
        }
    }

    private boolean applyingPreset;
    private boolean restoring;

    private void applyPresetConfig(String name, UnlearningConfig c) {
        MethodConfig mc = c.method();
        Method m = Method.fromKey(mc.type().id());
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("epsilon", mc.epsilon());
        v.put("delta", mc.delta());
        v.put("c0", mc.initClip());
        v.put("c1", mc.gradClip());
        v.put("c2", mc.modelClip());
        v.put("eta", mc.learningRate());
        v.put("lambda", mc.weightDecay());
        v.put("sigma", mc.sigma());
        Map<String, String> picks = new LinkedHashMap<>();
        picks.put("schedule", mc.schedule());
        picks.put("variant", mc.variant());
        calculator.apply(m, v, picks);
        data.fineTuneEpochsProperty().set(c.fineTune().epochs());
        data.trainEpochsProperty().set(c.model().trainEpochs());
        data.forgetFractionProperty().set(c.data().forgetFraction());
        settings = new ExperimentSettings(m.key(), picks, name, v, settings.dataset(), settings.datasetPath(),
                settings.forgetMode(), settings.forgetFraction(), settings.forgetClasses(), settings.forgetIndexFile(),
                settings.originalModel(), settings.seed(), settings.retrainBaseline());
        statusBar.setText("Preset " + name + " applied");
        if (!name.equals(presetBox.getValue())) {
            presetBox.setValue(name);
        }
    }

    /** The engine configuration of the next run: the method's preset, overridden by every control. */
    public UnlearningConfig runConfig(Path runDir) throws IOException {
        Method m = calculator.methodProperty().get();
        MethodKind k = kind(m);
        if (k == null) {
            throw new IllegalArgumentException(m.key() + " is calculator-only");
        }
        String preset = settings.preset() != null && Presets.NAMES.contains(settings.preset())
                && !Presets.requiresData(settings.preset()) && settings.preset().equals(presetFor(k))
                ? settings.preset() : presetFor(k);
        UnlearningConfig base = Presets.load(preset, null);
        MethodConfig b = base.method();
        Map<String, Double> v = calculator.numericValues();
        Map<String, String> c = calculator.choiceValues();
        MethodConfig mc = new MethodConfig(k, v.getOrDefault("epsilon", b.epsilon()), v.getOrDefault("delta", b.delta()),
                b.batchSize(), v.getOrDefault("eta", b.learningRate()), v.getOrDefault("lambda", b.weightDecay()),
                v.getOrDefault("c0", b.initClip()), v.getOrDefault("c1", b.gradClip()),
                v.getOrDefault("c2", b.modelClip()), v.getOrDefault("sigma", b.sigma()), b.initSigma(),
                v.containsKey("steps") ? Integer.valueOf((int) Math.round(v.get("steps"))) : b.steps(),   // user-fixed T
                c.getOrDefault("schedule", b.schedule()), c.getOrDefault("variant", b.variant()));
        FineTuneConfig f = base.fineTune();
        FineTuneConfig ft = new FineTuneConfig((int) Math.round(data.fineTuneEpochsProperty().get()),
                f.learningRate(), f.schedule(), f.weightDecay(), f.batchSize(), f.untilTestAccuracy());
        long seed = settings.seed() == null ? base.seed() : settings.seed();
        return base.withMethod(mc).withFineTune(ft).withData(data.dataConfig(runDir)).withModel(data.modelConfig())
                .withRetrainBaseline(data.retrainBaselineProperty().get() && k != MethodKind.RETRAIN)
                .withSeed(seed);
    }

    /** Ctrl+R: starts the unlearning service (ignored while Run is disabled). */
    public void startRun() {
        if (runBlocker.get() != null) {
            statusBar.setText("Cannot run: " + runBlocker.get());
            return;
        }
        try {
            RunRecord r;
            if (calculator.methodProperty().get() == Method.NEWTON) {
                r = runs.startNewton(newtonPane.config(data.sourceProperty().get()));
            } else {
                Path dir = runsDir().resolve("forget-sets");
                UnlearningConfig cfg = runConfig(dir);
                r = runs.start(cfg);
            }
            if (r != null) {
                tabs.getSelectionModel().select(runTab);
                statusBar.setText(r.name() + " started");
            }
        } catch (IOException | RuntimeException e) {
            ErrorDialogs.show(getScene() == null ? null : getScene().getWindow(), "Run not started",
                    ErrorDialogs.messageOf(e), e);
        }
    }

    private Path runsDir;

    private Path runsDir() {
        return runsDir;
    }

    /** Esc: asks the engine to stop before its next step. */
    public void cancelRun() {
        if (runs.runningProperty().get()) {
            runs.cancel();
            statusBar.setText("Cancelling…");
        }
    }

    private void runFinished(RunRecord r) {
        statusBar.setText(r.name() + " " + r.statusProperty().get() + ": " + r.detailProperty().get());
        takePendingScreenshot();
    }

    private void runFailed(Throwable t) {
        statusBar.setText("Run failed: " + (t == null ? "" : ErrorDialogs.messageOf(t)));
        if (getScene() != null && getScene().getWindow() != null && getScene().getWindow().isShowing()) {
            ErrorDialogs.show(getScene().getWindow(), "Run failed", t == null ? "unknown error"
                    : ErrorDialogs.messageOf(t), t);
        }
        takePendingScreenshot();
    }

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

    public ExperimentSettings currentSettings() {
        Method m = calculator.methodProperty().get();
        Map<String, Double> p = new LinkedHashMap<>(calculator.numericValues());
        p.put("fine_tune_epochs", data.fineTuneEpochsProperty().get());
        p.put("train_epochs", data.trainEpochsProperty().get());
        p.putAll(newtonPane.settingsValues());
        java.util.List<Integer> classes = null;
        try {
            classes = java.util.Arrays.stream(data.forgetClassesProperty().get().trim().split("[\\s,;]+"))
                    .filter(t -> !t.isEmpty()).map(Integer::valueOf).toList();
        } catch (RuntimeException e) {
            // keep null: the text is invalid and already shown as a problem
        }
        String src = data.sourceProperty().get();
        boolean named = src.equals("bundled") || src.equals("mnist") || src.equals("fashion-mnist");
        settings = new ExperimentSettings(m.key(), calculator.choiceValues(), settings.preset(), p,
                named ? src : "path", named ? null : src, data.forgetModeProperty().get(),
                data.forgetFractionProperty().get(), classes, blankToNull(data.forgetIndexFileProperty().get()),
                blankToNull(data.modelPathProperty().get()), settings.seed(), data.retrainBaselineProperty().get());
        return settings;
    }

    /** Applies loaded settings to every control (unknown method or keys are ignored). */
    public void applySettings(ExperimentSettings s) {
        this.settings = s;
        Method m;
        try {
            m = Method.fromKey(s.method());
        } catch (IllegalArgumentException | NullPointerException e) {
            m = Method.GRADIENT_CLIPPING;
        }
        calculator.apply(m, s.parameters(), s.choices());
        newtonPane.restore(s.parameters());
        restoring = true;
        try {
            presetBox.setValue(s.preset() != null && presetBox.getItems().contains(s.preset()) ? s.preset() : null);
        } finally {
            restoring = false;
        }
        Double ft = s.parameters().get("fine_tune_epochs");
        if (ft != null) {
            data.fineTuneEpochsProperty().set(ft);
        }
        Double te = s.parameters().get("train_epochs");
        if (te != null) {
            data.trainEpochsProperty().set(te);
        }
        if (s.forgetMode() != null) {
            data.forgetModeProperty().set(s.forgetMode());
        }
        if (s.forgetFraction() != null) {
            data.forgetFractionProperty().set(s.forgetFraction());
        }
        if (s.forgetClasses() != null) {
            data.forgetClassesProperty().set(s.forgetClasses().stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(",")));
        }
        data.forgetIndexFileProperty().set(s.forgetIndexFile() == null ? "" : s.forgetIndexFile());
        data.modelPathProperty().set(s.originalModel() == null ? "" : s.originalModel());
        if (s.retrainBaseline() != null) {
            data.retrainBaselineProperty().set(s.retrainBaseline());
        }
        String src = "path".equals(s.dataset()) && s.datasetPath() != null ? s.datasetPath()
                : s.dataset() == null ? "bundled" : s.dataset();
        if (!src.equals(data.sourceProperty().get())) {
            data.sourceProperty().set(src);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public NewtonRunPane newtonPane() {
        return newtonPane;
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
        return runButton;
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
        WritableImage img = getScene().snapshot(null);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", file.toFile());
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
        pendingScreenshot = file;
        exitAfterScreenshot = exitAfter;
    }

    private void takePendingScreenshot() {
        if (pendingScreenshot == null) {
            return;
        }
        Path file = pendingScreenshot;
        boolean exitAfter = exitAfterScreenshot;
        pendingScreenshot = null;
        javafx.animation.PauseTransition wait = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(2));
        wait.setOnFinished(ev -> {
            try {
                saveScreenshot(file);
            } catch (IOException e) {
                System.err.println("screenshot failed: " + e.getMessage());
            }
            if (exitAfter) {
                Platform.exit();
            }
        });
        wait.play();
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

    public StatusBar statusBar() {
        return statusBar;
    }

    public void shutdown() {
        runs.cancel();
        status.stop();
    }
}
