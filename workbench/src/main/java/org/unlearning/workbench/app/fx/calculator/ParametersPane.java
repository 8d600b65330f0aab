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
import org.unlearning.workbench.accounting.calculator.Method;
import org.unlearning.workbench.accounting.calculator.ParameterDescription;
import org.unlearning.workbench.accounting.calculator.ParameterTable;
import org.unlearning.workbench.app.fx.controls.ParameterControl;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Method selector, choice parameters (noise schedule, variant) and one {@link ParameterControl}
 * per numeric parameter of the selected method, all bound to a {@link CalculatorViewModel}.
 */
public final class ParametersPane extends VBox {
    private final CalculatorViewModel vm;
    private final ComboBox<Method> methodBox = new ComboBox<>();
    private final Label summary = new Label();
    private final VBox methodForm = new VBox(2);
    private final Map<Method, VBox> forms = new EnumMap<>(Method.class);
    private final Map<Method, Map<String, ParameterControl>> controls = new EnumMap<>(Method.class);
    private final Map<Method, Map<String, ComboBox<String>>> pickers = new EnumMap<>(Method.class);
    private final Map<Method, Map<String, CheckBox>> fixToggles = new EnumMap<>(Method.class);
    private final Map<Method, Map<String, ParameterControl>> fixedControls = new EnumMap<>(Method.class);

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
        for (Method m : MethodForms.methods()) {
            forms.put(m, buildForm(m));
        }
        vm.methodProperty().addListener((o, a, b) -> show(b));
        vm.problemKeyProperty().addListener((o, a, b) -> flag());
        vm.problemProperty().addListener((o, a, b) -> flag());
        getChildren().addAll(title, methodBox, summary, methodForm);
        show(vm.methodProperty().get());
    }

    private VBox buildForm(Method m) {
        VBox box = new VBox(2);
        Map<String, ComboBox<String>> picks = new LinkedHashMap<>();
        for (ParameterDescription d : MethodForms.choices(m)) {
            ComboBox<String> cb = new ComboBox<>(FXCollections.observableArrayList(d.choices()));
            cb.setId("choice-" + d.key());
            cb.valueProperty().bindBidirectional(vm.choice(m, d.key()));
            Label l = new Label((MethodForms.symbol(d).isEmpty() ? "" : MethodForms.symbol(d) + "  ") + d.name());
            l.setMinWidth(175);
            l.setPrefWidth(175);
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
        for (ParameterDescription d : MethodForms.sliders(m)) {
            ParameterControl pc = new ParameterControl(MethodForms.spec(d));
            pc.setValue(vm.value(m, d.key()).get());
            pc.valueProperty().bindBidirectional(vm.value(m, d.key()));
            pc.problemProperty().addListener((o, a, b) -> vm.setInputProblem(d.key(), b));
            box.getChildren().add(pc);
            ctl.put(d.key(), pc);
        }
        Map<String, CheckBox> toggles = new LinkedHashMap<>();
        Map<String, ParameterControl> fixed = new LinkedHashMap<>();
        if (!MethodForms.fixedKnobs(m).isEmpty()) {
            Label expert = new Label("Expert: fix it yourself");
            expert.getStyleClass().add("parameter-name");
            box.getChildren().add(expert);
        }
        for (ParameterDescription d : MethodForms.fixedKnobs(m)) {
            CalculatorViewModel.FixedKnob knob = vm.knobs(m).get(d.key());
            boolean isT = d.key().equals("steps");
            CheckBox cb = new CheckBox(isT ? "fix T" : "fix σ");
            cb.setId("fix-" + d.key());
            ParameterControl pc = new ParameterControl(MethodForms.knobSpec(m, d));
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
            Tooltip tip = new Tooltip((isT
                    ? "Off: the accountant chooses the number of noisy steps T for your (ε, δ). "
                    + "On: you choose T"
                    : "Off: the accountant chooses the noise σ for your (ε, δ). On: you choose σ")
                    + " — " + pc.spec().tooltip() + " The run and its certificate then report this recomputed guarantee.");
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
        if (ctl.isEmpty() && picks.isEmpty()) {
            Label none = new Label("Nothing to set: retraining forgets exactly (ε = 0, δ = 0).");
            none.setWrapText(true);
            box.getChildren().add(none);
        }
        controls.put(m, ctl);
        pickers.put(m, picks);
        return box;
    }

    private void show(Method m) {
        summary.setText(ParameterTable.describe(m).summary());
        methodForm.getChildren().setAll(forms.get(m));
        flag();
    }

    /** Shows a calculator rejection (e.g. ηλ ≥ 1) on the field it names. */
    private void flag() {
        Method m = vm.methodProperty().get();
        String key = vm.problemKeyProperty().get();
        for (var e : controls.get(m).entrySet()) {
            e.getValue().flagExternalProblem(e.getKey().equals(key) ? vm.problemProperty().get() : null);
        }
    }

    public ParameterControl control(Method m, String key) {
        return controls.get(m).get(key);
    }

    public Map<String, ParameterControl> controls(Method m) {
        return controls.get(m);
    }

    /** The "fix T" / "fix σ" toggle of a method ({@code steps} or {@code sigma}), or null. */
    public CheckBox fixToggle(Method m, String key) {
        return fixToggles.get(m).get(key);
    }

    /** The control of a user-fixed T or σ, or null. */
    public ParameterControl fixedControl(Method m, String key) {
        return fixedControls.get(m).get(key);
    }

    public ComboBox<String> picker(Method m, String key) {
        return pickers.get(m).get(key);
    }

    public ComboBox<Method> methodBox() {
        return methodBox;
    }

    private static final class MethodCell extends ListCell<Method> {
        @Override
        protected void updateItem(Method m, boolean empty) {
            super.updateItem(m, empty);
            setText(empty || m == null ? null : m.title());
        }
    }
}
