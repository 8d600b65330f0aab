package org.unlearning.workbench.app.fx.run;

import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.unlearning.workbench.accounting.calculator.Calculation;
import org.unlearning.workbench.app.fx.calculator.CalculatorViewModel;
import org.unlearning.workbench.app.fx.calculator.LivePanel;
import org.unlearning.workbench.app.fx.controls.ParameterControl;
import org.unlearning.workbench.app.fx.controls.ParameterSpec;
import org.unlearning.workbench.engine.unlearn.newton.NewtonRunConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Newton method's run parameters that the accountant does not need (§9): LiSSA s₁, s₂, H, b,
 * the number of sequential deletion requests and the fraction of the training set per request,
 * the original (norm-constrained) model folder and the retraining baseline. Shows what dominates
 * Δ = Δ_N + Δ_LiSSA in the calculator's result, and warns that releases compose. The guarantee
 * inputs (ε, δ, C, M, λ, Δ_LiSSA) come from the calculator's Newton entry.
 */
public final class NewtonRunPane extends VBox {
    private final CalculatorViewModel calculator;
    private final Map<String, ParameterControl> controls = new LinkedHashMap<>();
    private final TextField modelField = new TextField();
    private final StringProperty model = new SimpleStringProperty(this, "model", "");
    private final BooleanProperty retrain = new SimpleBooleanProperty(this, "retrain", true);
    private final Label dominance = new Label();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem");
    private NewtonRunConfig base;

    public NewtonRunPane(CalculatorViewModel calculator) {
        this.calculator = calculator;
        setId("newton-run");
        setSpacing(3);
        setPadding(new Insets(6));
        Label title = new Label("Newton run (LiSSA and deletion requests)");
        title.getStyleClass().add("section-title");
        add(ParameterSpec.integer("s1", "s₁", "LiSSA repetitions", "", 1, 100, 5,
                "Independent LiSSA estimates averaged (Zhang et al. 2024, §9.2)."));
        add(ParameterSpec.integer("s2", "s₂", "LiSSA depth", "", 1, 10000, 100,
                "Recursion depth of each LiSSA estimate; deeper = closer to the exact inverse-Hessian product."));
        add(ParameterSpec.log("H", "H", "LiSSA scale", "", 1e-3, 1e6, 50,
                "Must exceed (λ_max + λ)/2 for LiSSA to converge; the run checks its residual against Δ_LiSSA."));
        add(ParameterSpec.integer("b", "b", "Hessian mini-batch", "examples", 1, 8192, 50,
                "Examples per Hessian-vector product, drawn with replacement from the retain set."));
        add(ParameterSpec.integer("requests", "k", "Sequential requests", "", 1, 100, 1,
                "Deletion requests processed one after the other, one noisy release each."));
        add(ParameterSpec.log("forget_fraction", "n_u/n", "Fraction per request", "of train", 1e-4, 0.5, 0.01,
                "Share of the training set each request deletes (disjoint random examples, seeded)."));
        Label modelTitle = new Label("Original model (norm-constrained)");
        modelField.setId("newton-model");
        modelField.setPromptText("folder with model.zip and model.json");
        modelField.textProperty().bindBidirectional(model);
        modelField.setTooltip(new Tooltip("Trained with projection onto ‖w‖ ≤ C (sample-models/mlp-32x32-newton)"));
        HBox.setHgrow(modelField, Priority.ALWAYS);
        CheckBox retrainBox = new CheckBox("Also retrain from scratch after every request (baseline)");
        retrainBox.setId("newton-retrain");
        retrainBox.selectedProperty().bindBidirectional(retrain);
        dominance.setId("newton-delta");
        dominance.setWrapText(true);
        Label lmin = new Label("λₘᵢₙ above is your estimate for the calculator; the run measures λₘᵢₙ (Lanczos) "
                + "and derives Δ and σ of each release from the measurement.");
        lmin.setWrapText(true);
        lmin.getStyleClass().add("reason");
        Label compose = new Label("Each release is certified on its own; releases of correlated estimates "
                + "compose: an observer of k releases faces up to k·ε.");
        compose.setId("newton-compose-warning");
        compose.setWrapText(true);
        compose.getStyleClass().add("reason");
        getChildren().add(0, title);
        getChildren().addAll(modelTitle, modelField, retrainBox, dominance, lmin, compose);
        dominance.textProperty().bind(Bindings.createStringBinding(() -> describe(calculator.calculationProperty().get()),
                calculator.calculationProperty()));
        Path sample = Path.of(System.getProperty("uw.sampleModels", "sample-models"), "mlp-32x32-newton");
        if (Files.isRegularFile(sample.resolve("model.zip"))) {
            model.set(sample.toString());
        }
        model.addListener((o, a, b) -> check());
        check();
        try {
            apply(NewtonRunConfig.preset("mnist-newton"), false);
        } catch (java.io.IOException | RuntimeException e) {
            problem.set("Newton presets missing from the build: " + e.getMessage());
        }
    }

    private void add(ParameterSpec spec) {
        ParameterControl c = new ParameterControl(spec);
        c.validProperty().addListener((o, a, b) -> check());
        c.valueProperty().addListener((o, a, b) -> check());
        controls.put(spec.key(), c);
        getChildren().add(c);
    }

    /** See {@link LivePanel#newtonDelta(Calculation)}. */
    static String describe(Calculation c) {
        return LivePanel.newtonDelta(c);
    }

    private void check() {
        String why = null;
        for (ParameterControl c : controls.values()) {
            if (!c.isValid()) {
                why = c.spec().symbol() + ": " + c.problemProperty().get();
                break;
            }
        }
        if (why == null && value("requests") * value("forget_fraction") >= 1) {
            why = "requests × fraction per request would delete the whole training set";
        }
        if (why == null && model.get().isBlank()) {
            why = "choose the original model folder (norm-constrained, e.g. sample-models/mlp-32x32-newton)";
        }
        if (why == null && !Files.exists(Path.of(model.get().trim()))) {
            why = "original model " + model.get().trim() + " not found";
        }
        problem.set(why);
    }

    private double value(String key) {
        return controls.get(key).getValue();
    }

    /** Sets the run parameters of a Newton preset (and, when {@code guarantee}, the calculator's). */
    public void apply(NewtonRunConfig c, boolean guarantee) {
        base = c;
        controls.get("s1").setValue(c.s1());
        controls.get("s2").setValue(c.s2());
        controls.get("H").setValue(c.scale());
        controls.get("b").setValue(c.batchSize());
        controls.get("requests").setValue(c.requests());
        controls.get("forget_fraction").setValue(c.forgetFraction());
        retrain.set(c.retrain());
        if (guarantee) {
            Map<String, Double> v = new LinkedHashMap<>();
            v.put("epsilon", c.epsilon());
            v.put("delta", c.delta());
            v.put("c", c.c());
            v.put("m", c.m());
            v.put("lambda", c.lambda());
            v.put("lissa_error", c.lissaErrorBudget());
            calculator.apply(org.unlearning.workbench.accounting.calculator.Method.NEWTON, v, Map.of());
        }
        check();
    }

    /** The run configuration: the last Newton preset, overridden by this pane and the calculator. */
    public NewtonRunConfig config(String data) {
        Map<String, Double> v = calculator.numericValues();
        NewtonRunConfig c = base.withGuarantee(v.getOrDefault("epsilon", base.epsilon()),
                        v.getOrDefault("delta", base.delta()), v.getOrDefault("c", base.c()),
                        v.getOrDefault("m", base.m()), v.getOrDefault("lambda", base.lambda()),
                        v.getOrDefault("lissa_error", base.lissaErrorBudget()))
                .withLissa((int) Math.round(value("s1")), (int) Math.round(value("s2")), value("H"),
                        (int) Math.round(value("b")));
        return c.with(model.get().trim(), data, (int) Math.round(value("requests")), value("forget_fraction"),
                retrain.get());
    }

    /** The pane's numbers for a settings file, keys prefixed {@code newton_} (retrain as 1 / 0). */
    public Map<String, Double> settingsValues() {
        Map<String, Double> v = new LinkedHashMap<>();
        controls.forEach((k, c) -> v.put("newton_" + k, c.getValue()));
        v.put("newton_retrain", retrain.get() ? 1.0 : 0.0);
        return v;
    }

    /** Restores what {@link #settingsValues()} wrote (missing keys keep their value). */
    public void restore(Map<String, Double> values) {
        controls.forEach((k, c) -> {
            Double x = values.get("newton_" + k);
            if (x != null && Double.isFinite(x)) {
                c.setValue(x);
            }
        });
        Double r = values.get("newton_retrain");
        if (r != null) {
            retrain.set(r != 0);
        }
        check();
    }

    /** Why a Newton run cannot start from these inputs, or null. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public StringProperty modelProperty() {
        return model;
    }

    public BooleanProperty retrainProperty() {
        return retrain;
    }

    public ParameterControl control(String key) {
        return controls.get(key);
    }

    public Label dominanceLabel() {
        return dominance;
    }
}
