package org.unlearning.workbench.app.fx;

import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.unlearning.workbench.app.fx.calculator.ParametersPane;
import org.unlearning.workbench.app.fx.data.DataPane;
import org.unlearning.workbench.engine.unlearn.Presets;

import java.util.function.Consumer;

/**
 * The left pane: the preset list, the method's form (parameters pane), the data pane, and Run /
 * Cancel below them with the reason Run is disabled.
 */
public final class ExperimentPane extends BorderPane {
    private final Button runButton = new Button("Run");
    private final Button cancelButton = new Button("Cancel");
    private final ComboBox<String> presetBox = new ComboBox<>();
    private final Button resetPreset = new Button("↺ Reset");
    private final javafx.scene.control.TextField seedField = new javafx.scene.control.TextField();
    private final Button newSeed = new Button("New random seed");
    private boolean showingPreset;

    /**
     * @param onPreset applies a preset chosen in the list (errors are the caller's to show)
     * @param onRun    starts a run
     * @param onCancel cancels the running one
     */
    public ExperimentPane(ExperimentViewModel experiment, ParametersPane parameters, DataPane dataPane,
                          RunLauncher launcher, javafx.beans.value.ObservableBooleanValue running,
                          Consumer<String> onPreset, Runnable onRun, Runnable onCancel) {
        runButton.setId("run");
        runButton.setDefaultButton(false);
        runButton.setOnAction(e -> onRun.run());
        runButton.setMinWidth(90);
        cancelButton.setId("cancel");
        cancelButton.setOnAction(e -> onCancel.run());
        cancelButton.disableProperty().bind(Bindings.not(running));
        cancelButton.setTooltip(new Tooltip("Stop the run before its next step (Esc); it is listed as not certified"));
        var blocker = launcher.blockerBinding();
        runButton.disableProperty().bind(blocker.isNotNull());
        Label runReason = new Label();
        runReason.setId("run-reason");
        runReason.getStyleClass().add("reason");
        runReason.setWrapText(true);
        runReason.textProperty().bind(Bindings.createStringBinding(() -> blocker.get() == null
                || running.get() ? "" : blocker.get(), blocker, running));
        Tooltip runTip = new Tooltip();
        runTip.setWrapText(true);
        runTip.setMaxWidth(420);
        runTip.textProperty().bind(Bindings.createStringBinding(() -> blocker.get() == null
                ? "Start the unlearning run (Ctrl+R)" : "Cannot run: " + blocker.get(), blocker));
        runButton.setTooltip(runTip);
        // a disabled button shows no tooltip, so the reason is also shown below it
        HBox buttons = new HBox(6, runButton, cancelButton);
        presetBox.setId("preset");
        presetBox.setItems(FXCollections.observableArrayList(Presets.NAMES));
        presetBox.setPromptText("Presets…");
        presetBox.setMaxWidth(Double.MAX_VALUE);
        presetBox.setTooltip(new Tooltip("The paper's set-ups (theory.md §10.1) and the workbench's own, same names "
                + "as the CLI presets; presets that need data (e.g. CIFAR-10) use the data chosen below."));
        presetBox.setOnAction(e -> {
            if (presetBox.getValue() != null && !showingPreset) {
                onPreset.accept(presetBox.getValue());
            }
        });
        experiment.presetProperty().addListener((o, a, b) -> {
            showingPreset = true;
            try {
                presetBox.setValue(b);
            } finally {
                showingPreset = false;
            }
        });
        // a modified preset says so; Reset applies it again (choosing the same name in the list does nothing)
        presetBox.setButtonCell(new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String name, boolean empty) {
                super.updateItem(name, empty);
                setText(empty || name == null ? "Presets…" : name + (experiment.modifiedProperty().get() ? " · modified" : ""));
            }
        });
        experiment.modifiedProperty().addListener((o, a, b) -> {
            String v = presetBox.getValue();
            showingPreset = true;
            try {      // re-render the button cell
                presetBox.setValue(null);
                presetBox.setValue(v);
            } finally {
                showingPreset = false;
            }
        });
        resetPreset.setId("preset-reset");
        resetPreset.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        presetBox.setMinWidth(120);
        resetPreset.setTooltip(new Tooltip("Apply the preset again: every control back to its value"));
        resetPreset.disableProperty().bind(Bindings.not(experiment.modifiedProperty()));
        resetPreset.setOnAction(e -> {
            if (experiment.presetProperty().get() != null) {
                onPreset.accept(experiment.presetProperty().get());
            }
        });
        javafx.scene.layout.HBox.setHgrow(presetBox, javafx.scene.layout.Priority.ALWAYS);
        HBox presetRow = new HBox(6, presetBox, resetPreset);
        Label presetTitle = new Label("Preset");
        presetTitle.getStyleClass().add("section-title");
        VBox box = new VBox(6, presetTitle, presetRow, parameters, new Separator(), dataPane, seedRow(experiment));
        box.setPadding(new Insets(4, 8, 8, 4));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setMinWidth(360);
        // Run and Cancel stay visible below the scrolling parameters
        VBox runBox = new VBox(4, buttons, runReason);
        runBox.setPadding(new Insets(6, 8, 6, 8));
        runBox.setStyle("-fx-border-color: #d0d0d0; -fx-border-width: 1 0 0 0;");
        setCenter(scroll);
        setBottom(runBox);
        setMinWidth(360);
    }

    /** The run's seed: a field (whole number) and "New random seed". */
    private HBox seedRow(ExperimentViewModel experiment) {
        seedField.setId("seed");
        seedField.setPrefColumnCount(12);
        Tooltip tip = new Tooltip("Seed of the minibatch order, the retrain initialisation and the seeded noise: the "
                + "same seed and settings give the same numbers. (Noise the adversary can regenerate from a published "
                + "seed is a demonstration, not a guarantee: theory.md §14.)");
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        seedField.setTooltip(tip);
        Runnable show = () -> seedField.setText(experiment.seedProperty().get() == null ? ""
                : experiment.seedProperty().get().toString());
        experiment.seedProperty().addListener((o, a, b) -> {
            if (!seedField.isFocused() || !seedField.getText().equals(b == null ? "" : b.toString())) {
                show.run();
            }
        });
        show.run();
        seedField.textProperty().addListener((o, a, b) -> {
            String t = b.trim();
            boolean ok = t.matches("-?\\d{1,18}");
            seedField.setStyle(ok || t.isEmpty() ? "" : "-fx-border-color: #d32f2f; -fx-border-width: 2;");
            if (ok && !Long.valueOf(t).equals(experiment.seedProperty().get())) {
                experiment.seedProperty().set(Long.valueOf(t));
            }
        });
        newSeed.setId("new-seed");
        newSeed.setTooltip(new Tooltip("Draw a new seed: the next run gets other minibatches and other noise"));
        newSeed.setOnAction(e -> experiment.seedProperty().set(
                java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 1_000_000_000L)));
        Label l = new Label("Seed");
        l.getStyleClass().add("parameter-name");
        HBox row = new HBox(6, l, seedField, newSeed);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        row.setPadding(new Insets(0, 6, 0, 6));
        return row;
    }

    public javafx.scene.control.TextField seedField() {
        return seedField;
    }

    public Button resetPresetButton() {
        return resetPreset;
    }

    public Button runButton() {
        return runButton;
    }

    public ComboBox<String> presetBox() {
        return presetBox;
    }
}
