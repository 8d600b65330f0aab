package org.unlearning.workbench.app.fx.calculator;

import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.unlearning.workbench.accounting.method.MethodAccountant;
import org.unlearning.workbench.accounting.method.ParameterDescription;
import org.unlearning.workbench.app.fx.controls.ParameterControl;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Method selector and the selected method's form, generated from its parameter schema
 * ({@link MethodForms}): choice parameters (noise schedule, variant), one {@link ParameterControl} per
 * numeric parameter, the expert "fix it yourself" knobs and the run settings (engine-only
 * parameters), all bound to a {@link CalculatorViewModel}.
 */
public final class ParametersPane extends VBox {
    private final CalculatorViewModel vm;
    private final ComboBox<MethodAccountant<?>> methodBox = new ComboBox<>();
    private final Label summary = new Label();
    private final VBox methodForm = new VBox(2);
    private final Map<MethodAccountant<?>, VBox> forms = new IdentityHashMap<>();
    private final Map<MethodAccountant<?>, Map<String, ParameterControl>> controls = new IdentityHashMap<>();
    private final Map<MethodAccountant<?>, Map<String, ComboBox<String>>> pickers = new IdentityHashMap<>();
    private final Map<MethodAccountant<?>, Map<String, CheckBox>> fixToggles = new IdentityHashMap<>();
    private final Map<MethodAccountant<?>, Map<String, ParameterControl>> fixedControls = new IdentityHashMap<>();

    public ParametersPane(CalculatorViewModel vm) {
        this.vm = vm;
        setSpacing(4);
        setPadding(new Insets(6));
        Label title = new Label("Method");
        title.getStyleClass().add("section-title");
        methodBox.setId("method");
        methodBox.setItems(FXCollections.observableArrayList(MethodForms.methods()));
        methodBox.setMaxWidth(Double.MAX_VALUE);
        methodBox.setCellFactory(l -> new MethodCell());
        methodBox.setButtonCell(new MethodCell());
        methodBox.valueProperty().bindBidirectional(vm.methodProperty());
        summary.setWrapText(true);
        summary.getStyleClass().add("method-summary");
        for (MethodAccountant<?> m : MethodForms.methods()) {
            forms.put(m, buildForm(m));
        }
        vm.methodProperty().addListener((o, a, b) -> show(b));
        vm.problemKeyProperty().addListener((o, a, b) -> flag());
        vm.problemProperty().addListener((o, a, b) -> flag());
        getChildren().addAll(title, methodBox, summary, methodForm);
        show(vm.methodProperty().get());
    }

    private VBox buildForm(MethodAccountant<?> m) {
        VBox box = new VBox(2);
        Map<String, ComboBox<String>> picks = new LinkedHashMap<>();
        for (ParameterDescription d : MethodForms.choices(m)) {
            ComboBox<String> cb = new ComboBox<>(FXCollections.observableArrayList(d.choices()));
            cb.setId("choice-" + d.key());
            cb.valueProperty().bindBidirectional(vm.choice(m, d.key()));
            Label l = new Label((MethodForms.symbol(d).isEmpty() ? "" : MethodForms.symbol(d) + "  ") + d.name());
            l.setMinWidth(110);
            l.setPrefWidth(175);
            l.setWrapText(true);                  // wraps rather than cutting "Noise schedule"
            l.getStyleClass().add("parameter-name");
            Tooltip tip = new Tooltip(d.tooltip());
            tip.setWrapText(true);
            tip.setMaxWidth(420);
            tip.setShowDelay(Duration.millis(300));
            l.setTooltip(tip);
            cb.setTooltip(tip);
            HBox row = new HBox(6, l, cb);
            row.setAlignment(Pos.CENTER_LEFT);
            box.getChildren().add(row);
            picks.put(d.key(), cb);
        }
        Map<String, ParameterControl> ctl = new LinkedHashMap<>();
        addSliders(box, m, MethodForms.calculatorSliders(m), ctl);
        Map<String, CheckBox> toggles = new LinkedHashMap<>();
        Map<String, ParameterControl> fixed = new LinkedHashMap<>();
        if (!MethodForms.fixedKnobs(m).isEmpty()) {
            Label expert = new Label("Expert: fix it yourself");
            expert.getStyleClass().add("parameter-name");
            box.getChildren().add(expert);
        }
        for (ParameterDescription d : MethodForms.fixedKnobs(m)) {
            CalculatorViewModel.FixedKnob knob = vm.knobs(m).get(d.key());
            CheckBox cb = new CheckBox("fix " + MethodForms.symbol(d));
            cb.setId("fix-" + d.key());
            ParameterControl pc = new ParameterControl(MethodForms.spec(d));
            pc.setValue(knob.value().get());
            pc.valueProperty().bindBidirectional(knob.value());
            pc.problemProperty().addListener((o, a, b) -> vm.setInputProblem(d.key(), b));
            pc.disableProperty().bind(knob.fixed().not());
            cb.selectedProperty().bindBidirectional(knob.fixed());
            cb.selectedProperty().addListener((o, a, on) -> {
                if (on) {
                    vm.setInputProblem(d.key(), pc.problemProperty().get());
                }
            });
            Tooltip tip = new Tooltip("Off: the accountant chooses " + d.name().replace(" (fixed)", "") + " for your "
                    + "(ε, δ). On: you choose " + MethodForms.symbol(d) + " — " + pc.spec().tooltip()
                    + " The run and its certificate then report this recomputed guarantee.");
            tip.setWrapText(true);
            tip.setMaxWidth(420);
            tip.setShowDelay(Duration.millis(300));
            cb.setTooltip(tip);
            box.getChildren().addAll(cb, pc);
            toggles.put(d.key(), cb);
            fixed.put(d.key(), pc);
        }
        fixToggles.put(m, toggles);
        fixedControls.put(m, fixed);
        List<ParameterDescription> run = MethodForms.runSliders(m);
        if (!run.isEmpty()) {
            Label runTitle = new Label("Run settings");
            runTitle.getStyleClass().add("parameter-name");
            box.getChildren().add(runTitle);
            addSliders(box, m, run, ctl);
        }
        if (ctl.isEmpty() && picks.isEmpty()) {
            Label none = new Label("Nothing to set: retraining forgets exactly (ε = 0, δ = 0).");
            none.setWrapText(true);
            box.getChildren().add(none);
        }
        controls.put(m, ctl);
        pickers.put(m, picks);
        return box;
    }

    private void addSliders(VBox box, MethodAccountant<?> m, List<ParameterDescription> list,
                            Map<String, ParameterControl> ctl) {
        for (ParameterDescription d : list) {
            ParameterControl pc = new ParameterControl(MethodForms.spec(d));
            pc.setValue(vm.value(m, d.key()).get());
            pc.valueProperty().bindBidirectional(vm.value(m, d.key()));
            pc.problemProperty().addListener((o, a, b) -> vm.setInputProblem(d.key(), b));
            box.getChildren().add(pc);
            ctl.put(d.key(), pc);
        }
    }

    private void show(MethodAccountant<?> m) {
        summary.setText(m.summary());
        methodForm.getChildren().setAll(forms.get(m));
        flag();
    }

    /** Shows a calculator rejection (e.g. ηλ ≥ 1) on the field it names. */
    private void flag() {
        MethodAccountant<?> m = vm.methodProperty().get();
        String key = vm.problemKeyProperty().get();
        for (var e : controls.get(m).entrySet()) {
            e.getValue().flagExternalProblem(e.getKey().equals(key) ? vm.problemProperty().get() : null);
        }
    }

    public ParameterControl control(MethodAccountant<?> m, String key) {
        return controls.get(m).get(key);
    }

    public Map<String, ParameterControl> controls(MethodAccountant<?> m) {
        return controls.get(m);
    }

    /** The "fix T" / "fix σ" toggle of a method ({@code steps} or {@code sigma}), or null. */
    public CheckBox fixToggle(MethodAccountant<?> m, String key) {
        return fixToggles.get(m).get(key);
    }

    /** The control of a user-fixed T or σ, or null. */
    public ParameterControl fixedControl(MethodAccountant<?> m, String key) {
        return fixedControls.get(m).get(key);
    }

    public ComboBox<String> picker(MethodAccountant<?> m, String key) {
        return pickers.get(m).get(key);
    }

    public ComboBox<MethodAccountant<?>> methodBox() {
        return methodBox;
    }

    private static final class MethodCell extends ListCell<MethodAccountant<?>> {
        @Override
        protected void updateItem(MethodAccountant<?> m, boolean empty) {
            super.updateItem(m, empty);
            setText(empty || m == null ? null : m.title());
        }
    }
}
