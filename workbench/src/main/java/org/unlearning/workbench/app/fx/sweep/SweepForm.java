package org.unlearning.workbench.app.fx.sweep;

import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import org.unlearning.workbench.accounting.method.ParameterDescription;
import org.unlearning.workbench.accounting.registry.MethodRegistry;
import org.unlearning.workbench.app.sweep.SweepSpecText;
import org.unlearning.workbench.engine.unlearn.Presets;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A sweep defined from a form instead of YAML: a base run preset, the methods to compare (none: the
 * preset's), up to two axes over the methods' parameters (keys from their schemas) with values as a
 * list ({@code 0.3, 1, 3}) or a range ({@code log 0.01 10 4}, {@code linear 100 900 5}), the number
 * of seeds and the fine-tune epochs. It writes the specification ({@link SweepSpecText}); the tab then shows
 * it in the editor and plans it (run count, refused points, estimated time) before anything runs.
 */
final class SweepForm extends GridPane {
    private final ComboBox<String> preset = new ComboBox<>(FXCollections.observableArrayList(Presets.NAMES));
    private final List<CheckBox> methods = new ArrayList<>();
    private final List<ComboBox<String>> axisKeys = List.of(new ComboBox<>(), new ComboBox<>());
    private final List<TextField> axisValues = List.of(new TextField(), new TextField());
    private final Spinner<Integer> seeds = new Spinner<>(1, 20, 3);
    private final Spinner<Integer> epochs = new Spinner<>(0, 100, 0);
    private final Button make = new Button("Make specification and plan");

    /** @param onSpec receives the YAML when the button is pressed */
    SweepForm(Consumer<String> onSpec) {
        setHgap(8);
        setVgap(4);
        setPadding(new Insets(0, 0, 6, 0));
        preset.getSelectionModel().select("mnist-gradclip");
        preset.setTooltip(new Tooltip("The run every point starts from (the window's presets: model, data, budget, "
                + "retrain baseline)"));
        FlowPane methodBoxes = new FlowPane(8, 2);
        for (String k : MethodRegistry.keys()) {
            CheckBox c = new CheckBox(k);
            c.setMnemonicParsing(false); // keys hold underscores
            c.setTooltip(new Tooltip(MethodRegistry.get(k).title() + ": a value of the method axis (its other "
                    + "parameters: its first mnist-* preset's)"));
            c.selectedProperty().addListener((o, a, b) -> refreshKeys());
            methods.add(c);
            methodBoxes.getChildren().add(c);
        }
        for (int i = 0; i < 2; i++) {
            axisKeys.get(i).setPromptText("parameter");
            axisKeys.get(i).setTooltip(new Tooltip("A numeric parameter of the chosen methods' schemas"));
            axisValues.get(i).setPromptText("0.3, 1, 3   or   log 0.01 10 4   or   linear 100 900 5");
            axisValues.get(i).setPrefColumnCount(26);
            axisValues.get(i).setTooltip(new Tooltip("Values: a comma-separated list, or log FROM TO COUNT "
                    + "(geometric), or linear FROM TO COUNT; 'auto' unsets an optional parameter"));
        }
        axisKeys.get(0).setValue("epsilon");
        axisValues.get(0).setText("0.3, 1, 3");
        seeds.setPrefWidth(80);
        seeds.setTooltip(new Tooltip("Runs per point with seeds 0, 1, …: the confidence intervals come from them"));
        epochs.setPrefWidth(80);
        epochs.setTooltip(new Tooltip("Fine-tune epochs of every run (0: the preset's); fewer epochs, shorter runs"));
        make.setTooltip(new Tooltip("Write the specification into the editor and plan it: run count, refused points "
                + "and estimated time appear before anything runs"));
        preset.valueProperty().addListener((o, a, b) -> refreshKeys());
        refreshKeys();
        make.setOnAction(e -> onSpec.accept(yaml()));

        addRow(0, new Label("Base preset"), preset);
        addRow(1, new Label("Methods"), methodBoxes);
        addRow(2, new Label("Axis 1"), axisKeys.get(0), axisValues.get(0));
        addRow(3, new Label("Axis 2"), axisKeys.get(1), axisValues.get(1));
        Label seedLabel = new Label("Seeds");
        Label epochLabel = new Label("Fine-tune epochs");
        epochLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.HBox counts = new javafx.scene.layout.HBox(8, seeds, epochLabel, epochs, make);
        counts.setAlignment(Pos.CENTER_LEFT);
        addRow(4, seedLabel, counts);
        for (javafx.scene.Node n : getChildren()) {
            if (n instanceof Label l) {
                l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
        }
        make.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        setColumnSpan(methodBoxes, 2);
        setColumnSpan(counts, 2);
    }

    /** Numeric parameter keys of the chosen methods (or of the preset's method). */
    private void refreshKeys() {
        List<String> chosen = methods.stream().filter(CheckBox::isSelected).map(CheckBox::getText).toList();
        if (chosen.isEmpty()) {
            try {
                chosen = List.of(Presets.load(preset.getValue(), "bundled").method().key());
            } catch (IOException | RuntimeException e) {
                chosen = List.of();
            }
        }
        TreeSet<String> keys = new TreeSet<>();
        for (String m : chosen) {
            for (ParameterDescription p : MethodRegistry.get(m).schema().parameters()) {
                if (p.numeric()) {
                    keys.add(p.key());
                }
            }
        }
        keys.add("fine_tune.epochs");
        keys.add("target_accuracy");
        for (ComboBox<String> k : axisKeys) {
            String v = k.getValue();
            k.getItems().setAll(keys);
            k.setValue(v);
        }
    }

    /** The specification the form describes. */
    String yaml() {
        List<String> chosen = methods.stream().filter(CheckBox::isSelected).map(CheckBox::getText).toList();
        List<SweepSpecText.Axis> axes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String k = axisKeys.get(i).getValue();
            String v = axisValues.get(i).getText();
            if (k != null && !k.isBlank() && v != null && !v.isBlank()) {
                axes.add(new SweepSpecText.Axis(k.strip(), v.strip()));
            }
        }
        return SweepSpecText.yaml(preset.getValue(), chosen, axes, seeds.getValue(), epochs.getValue());
    }
}
