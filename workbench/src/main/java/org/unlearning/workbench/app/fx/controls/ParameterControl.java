package org.unlearning.workbench.app.fx.controls;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * A slider and an exact numeric field kept in sync, with unit, range and a plain-language
 * tooltip. Log scale for ε and δ: the slider moves on log10 of the value. Typed input (not a
 * number, out of range) is checked on every keystroke: invalid input is shown on the field (red
 * border, reason below and in its tooltip) and never throws; {@link #valueProperty()} then keeps
 * the last valid value and {@link #validProperty()} is false. {@link #flagExternalProblem} shows a
 * problem found elsewhere (e.g. ηλ ≥ 1 involves two fields) the same way.
 */
public final class ParameterControl extends VBox {
    public static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    private static final int SLIDER_DIGITS = 3;

    private final ParameterSpec spec;
    private final DoubleProperty value = new SimpleDoubleProperty(this, "value");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", true);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", null);
    private final Slider slider = new Slider();
    private final TextField field = new TextField();
    private final Label errorLabel = new Label();
    private boolean syncing;

    public ParameterControl(ParameterSpec spec) {
        this.spec = spec;
        getStyleClass().add("parameter-control");
        setId("param-" + spec.key());

        Label name = new Label(spec.label());
        name.setMinWidth(130);                   // wraps, then the slider gives way: the number never does
        name.setPrefWidth(175);
        name.setWrapText(true);
        name.getStyleClass().add("parameter-name");

        slider.setId("slider-" + spec.key());
        slider.setMin(toSlider(spec.sliderMin()));
        slider.setMax(toSlider(spec.sliderMax()));
        slider.setBlockIncrement((slider.getMax() - slider.getMin()) / 50);
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.setMinWidth(50);

        field.setId("field-" + spec.key());
        field.setPrefColumnCount(5);                // "0.0001", "1e-5": digits are narrower than a column
        field.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // scales with the font (presentation mode)

        Label unit = new Label(spec.unit());
        unit.setMinWidth(52);
        unit.getStyleClass().add("parameter-unit");

        String range = "Valid range " + spec.rangeText() + (spec.unit().isEmpty() ? "" : " " + spec.unit())
                + "; slider " + NumberText.format(spec.sliderMin()) + " … " + NumberText.format(spec.sliderMax())
                + (spec.logScale() ? " on a log scale" : "") + "; type any valid value in the field, or fine-adjust "
                + "it with ↑/↓ (Shift: larger steps)";
        Tooltip tip = new Tooltip(spec.symbol() + " — " + spec.name() + "\n" + spec.tooltip() + "\n" + range);
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        tip.setShowDelay(Duration.millis(300));
        tip.setShowDuration(Duration.seconds(30));
        name.setTooltip(tip);
        slider.setTooltip(tip);

        errorLabel.getStyleClass().add("parameter-error");
        errorLabel.setId("error-" + spec.key());
        errorLabel.setWrapText(true);
        errorLabel.setVisible(false);
        errorLabel.setManaged(false);

        HBox row = new HBox(6, name, slider, field, unit);
        row.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(row, errorLabel);
        setPadding(new Insets(2, 0, 2, 0));

        value.set(spec.defaultValue());
        slider.setValue(toSlider(spec.defaultValue()));
        field.setText(NumberText.format(spec.defaultValue()));
        field.setTooltip(new Tooltip(tip.getText()));

        slider.valueProperty().addListener((o, a, b) -> onSlider(b.doubleValue()));
        field.textProperty().addListener((o, a, b) -> onText(b));
        field.setOnAction(e -> onText(field.getText()));
        // fine adjustment: ↑/↓ in the field move by a small step (×1.023 on a log scale, 1 % of the
        // slider's range otherwise, 1 for whole numbers); with Shift ten times that
        field.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            int dir = e.getCode() == javafx.scene.input.KeyCode.UP ? 1 : e.getCode() == javafx.scene.input.KeyCode.DOWN ? -1 : 0;
            if (dir != 0) {
                nudge(dir * (e.isShiftDown() ? 10 : 1));
                e.consume();
            }
        });
        value.addListener((o, a, b) -> onValue(b.doubleValue()));
    }

    /** Moves the value by {@code steps} fine steps, kept inside the valid range. */
    public void nudge(int steps) {
        double v = value.get();
        double next;
        if (spec.integer()) {
            next = v + steps;
        } else if (spec.logScale() && v > 0) {
            next = NumberText.roundSignificant(v * Math.pow(10, 0.01 * steps), 4);
        } else {
            next = NumberText.roundSignificant(v + 0.01 * steps * (spec.sliderMax() - spec.sliderMin()), 4);
        }
        if (spec.problemWith(next) == null) {
            field.setText(NumberText.format(next));
        }
    }

    private double toSlider(double v) {
        double c = Math.max(spec.sliderMin(), Math.min(spec.sliderMax(), v));   // pinned at the ends
        return spec.logScale() ? Math.log10(c) : c;
    }

    private double fromSlider(double s) {
        double v = spec.logScale() ? Math.pow(10, s) : s;
        v = spec.integer() ? Math.rint(v) : NumberText.roundSignificant(v, SLIDER_DIGITS);
        return Math.max(spec.sliderMin(), Math.min(spec.sliderMax(), v));
    }

    private void onSlider(double s) {
        if (syncing) {
            return;
        }
        syncing = true;
        try {
            double v = fromSlider(s);
            field.setText(NumberText.format(v));
            setProblem(null);
            value.set(v);
        } finally {
            syncing = false;
        }
    }

    private void onText(String text) {
        if (syncing) {
            return;
        }
        double v;
        try {
            v = NumberText.parse(text);
        } catch (NumberFormatException e) {
            setProblem(spec.symbol() + ": \"" + text.trim() + "\" is not a number");
            return;
        }
        String p = spec.problemWith(v);
        setProblem(p);
        if (p != null) {
            return;
        }
        syncing = true;
        try {
            slider.setValue(toSlider(v));
            value.set(v);
        } finally {
            syncing = false;
        }
    }

    private void onValue(double v) {
        if (syncing) {
            return;
        }
        // programmatic change (preset, settings load): validate and mirror into field and slider
        syncing = true;
        try {
            field.setText(NumberText.format(v));
            String p = spec.problemWith(v);
            setProblem(p);
            if (p == null) {
                slider.setValue(toSlider(v));
            }
        } finally {
            syncing = false;
        }
    }

    /** Marks the field invalid for a reason found by the calculator (null clears it). */
    public void flagExternalProblem(String p) {
        if (spec.problemWith(value.get()) == null && !inputInvalid) {
            showProblem(p);
        }
    }

    private boolean inputInvalid;

    private void setProblem(String p) {
        inputInvalid = p != null;
        problem.set(p);
        valid.set(p == null);
        showProblem(p);
    }

    /** Visual state only: red border, reason below the row and in the field's tooltip. */
    private void showProblem(String p) {
        field.pseudoClassStateChanged(INVALID, p != null);
        field.setStyle(p == null ? "" : "-fx-border-color: #d32f2f; -fx-border-width: 2;");
        errorLabel.setText(p == null ? "" : p);
        errorLabel.setVisible(p != null);
        errorLabel.setManaged(p != null);
        field.getTooltip().setText(p == null ? slider.getTooltip().getText() : p);
    }

    public ParameterSpec spec() {
        return spec;
    }

    /** Last valid value (exactly what the field shows while the field is valid). */
    public DoubleProperty valueProperty() {
        return value;
    }

    public double getValue() {
        return value.get();
    }

    /** Sets the value programmatically (presets, loaded settings). */
    public void setValue(double v) {
        value.set(v);
        if (spec.problemWith(v) == null) {
            // the listener may not fire when the value is unchanged but the field was invalid
            onValue(v);
        }
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    public boolean isValid() {
        return valid.get();
    }

    /** One-line reason the current input is invalid, or null. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public Slider slider() {
        return slider;
    }

    public TextField field() {
        return field;
    }
}
