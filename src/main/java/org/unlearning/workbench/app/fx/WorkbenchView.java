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
    private final Button runButton = new Button("Run");
    private final Button cancelButton = new Button("Cancel");
    private final Label runReason = new Label();
    private final BooleanProperty running = new SimpleBooleanProperty(false);

    public WorkbenchView(Supplier<String> backendProbe, ExperimentSettings initial) {
        getStyleClass().add("workbench");
        getStylesheets().add(WorkbenchView.class.getResource("workbench.css").toExternalForm());
        this.settings = initial == null ? ExperimentSettings.defaults() : initial;
        status = new SystemStatus(backendProbe);

        setTop(menuBar());
        split.setOrientation(Orientation.HORIZONTAL);
        split.getItems().addAll(experimentPane(), tabs);
        split.setDividerPositions(0.34);
        SplitPane.setResizableWithParent(split.getItems().get(0), false);
        Tab calcTab = new Tab("Calculator", live);
        calcTab.setClosable(false);
        tabs.getTabs().add(calcTab);
        setCenter(split);
        applySettings(settings);

        statusBar.setText("Ready");
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
        cancelButton.disableProperty().bind(running.not());
        runButton.disableProperty().bind(calculator.readyProperty().not().or(running));
        runReason.setId("run-reason");
        runReason.getStyleClass().add("reason");
        runReason.setWrapText(true);
        runReason.textProperty().bind(Bindings.createStringBinding(() -> calculator.problemProperty().get() == null ? ""
                : calculator.problemProperty().get(), calculator.problemProperty()));
        Tooltip runTip = new Tooltip();
        runTip.setWrapText(true);
        runTip.setMaxWidth(420);
        runTip.textProperty().bind(Bindings.createStringBinding(() -> calculator.problemProperty().get() == null
                ? "Start the unlearning run (Ctrl+R)" : "Cannot run: " + calculator.problemProperty().get(),
                calculator.problemProperty()));
        runButton.setTooltip(runTip);
        // a disabled button shows no tooltip, so the reason is also shown below it
        HBox buttons = new HBox(6, runButton, cancelButton);
        VBox box = new VBox(6, parameters, new Separator(), buttons, runReason);
        box.setPadding(new Insets(4, 8, 8, 4));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setMinWidth(360);
        return scroll;
    }

    private MenuBar menuBar() {
        MenuItem open = item("Open settings…", KeyCode.O, this::openSettingsDialog);
        MenuItem save = item("Save settings…", KeyCode.S, this::saveSettingsDialog);
        MenuItem shot = new MenuItem("Save screenshot…");
        shot.setOnAction(e -> saveScreenshotDialog());
        MenuItem quit = item("Quit", KeyCode.Q, () -> {
            Window w = getScene().getWindow();
            w.fireEvent(new javafx.stage.WindowEvent(w, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
            if (w.isShowing()) {
                ((Stage) w).close();
            }
        });
        Menu file = new Menu("_File", null, open, save, new SeparatorMenuItem(), shot,
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

    public void startRun() {
        statusBar.setText("Nothing to run yet");
    }

    public void cancelRun() {
    }

    public ExperimentSettings currentSettings() {
        Method m = calculator.methodProperty().get();
        settings = settings.withMethod(m.key(), calculator.choiceValues(), settings.preset(), calculator.numericValues());
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
        status.stop();
    }
}
