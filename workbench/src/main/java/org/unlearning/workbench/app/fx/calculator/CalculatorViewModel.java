package org.unlearning.workbench.app.fx.calculator;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.unlearning.workbench.accounting.calculator.Calculation;
import org.unlearning.workbench.accounting.calculator.Method;
import org.unlearning.workbench.accounting.calculator.MethodParams;
import org.unlearning.workbench.accounting.calculator.ParameterDescription;
import org.unlearning.workbench.accounting.calculator.ParamsParser;
import org.unlearning.workbench.accounting.calculator.UnlearningCalculator;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * View-model of the live calculator: the method, its parameter values and choices, and the
 * {@link UnlearningCalculator} result recomputed on every change (the accountant answers in well
 * under a millisecond, so this runs on the FX thread). Invalid input or an infeasible setting
 * yields a one-line {@link #problemProperty() reason} and {@link #readyProperty() ready = false};
 * nothing throws to the view.
 */
public final class CalculatorViewModel {
    private final ObjectProperty<Method> method = new SimpleObjectProperty<>(this, "method", Method.GRADIENT_CLIPPING);
    private final Map<Method, Map<String, DoubleProperty>> values = new EnumMap<>(Method.class);
    private final Map<Method, Map<String, StringProperty>> choices = new EnumMap<>(Method.class);
    private final Map<Method, Map<String, FixedKnob>> knobs = new EnumMap<>(Method.class);
    private final Map<String, String> inputProblems = new TreeMap<>();
    private final ReadOnlyObjectWrapper<Calculation> calculation = new ReadOnlyObjectWrapper<>(this, "calculation");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem");
    private final ReadOnlyStringWrapper problemKey = new ReadOnlyStringWrapper(this, "problemKey");
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(this, "ready");
    private long lastNanos;
    private boolean suspended;

    public CalculatorViewModel() {
        for (Method m : MethodForms.methods()) {
            Map<String, DoubleProperty> v = new LinkedHashMap<>();
            for (ParameterDescription d : MethodForms.sliders(m)) {
                DoubleProperty p = new SimpleDoubleProperty(this, d.key(), d.defaultValue());
                p.addListener((o, a, b) -> recomputeIf(m));
                v.put(d.key(), p);
            }
            values.put(m, v);
            Map<String, StringProperty> c = new LinkedHashMap<>();
            for (ParameterDescription d : MethodForms.choices(m)) {
                StringProperty p = new SimpleStringProperty(this, d.key(), d.defaultChoice());
                p.addListener((o, a, b) -> recomputeIf(m));
                c.put(d.key(), p);
            }
            choices.put(m, c);
            Map<String, FixedKnob> k = new LinkedHashMap<>();
            for (ParameterDescription d : MethodForms.fixedKnobs(m)) {
                FixedKnob knob = new FixedKnob(new SimpleBooleanProperty(this, "fix-" + d.key(), false),
                        new SimpleDoubleProperty(this, "fixed-" + d.key(), MethodForms.knobSpec(m, d).defaultValue()));
                knob.fixed().addListener((o, a, on) -> {
                    if (on && !suspended) {
                        seed(knob, d.key());   // start from the calibrated value: nothing jumps
                    }
                    if (!on) {
                        inputProblems.remove(d.key());
                    }
                    recomputeIf(m);
                });
                knob.value().addListener((o, a, b) -> {
                    if (knob.fixed().get()) {
                        recomputeIf(m);
                    }
                });
                k.put(d.key(), knob);
            }
            knobs.put(m, k);
        }
        method.addListener((o, a, b) -> {
            inputProblems.clear();
            recompute();
        });
        recompute();
    }

    private void recomputeIf(Method m) {
        if (m == method.get()) {
            recompute();
        }
    }

    /**
     * A user-fixed T or σ (issue 4): when {@code fixed}, {@code value} is passed to the accountant
     * and to the run, and the achieved guarantee is recomputed for it.
     */
    public record FixedKnob(BooleanProperty fixed, DoubleProperty value) {}

    private void seed(FixedKnob knob, String key) {
        Calculation c = calculation.get();
        if (c == null) {
            return;
        }
        if (key.equals("steps") && c.steps() != null) {
            knob.value().set(c.steps());
        } else if (key.equals("sigma") && c.sigma() != null) {
            knob.value().set(c.sigma());
        }
    }

    /** Recomputes the calculation from the current values (FX thread). */
    public void recompute() {
        if (suspended) {
            return;
        }
        long t0 = System.nanoTime();
        Calculation c = null;
        String why = null;
        String key = null;
        if (!inputProblems.isEmpty()) {
            var first = inputProblems.entrySet().iterator().next();
            key = first.getKey();
            why = first.getValue();
        } else {
            try {
                c = UnlearningCalculator.calculate(currentParams());
                if (!c.feasible()) {
                    why = "Infeasible: " + c.reason();
                }
            } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
                why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                key = keyNamedIn(why);
            }
        }
        lastNanos = System.nanoTime() - t0;
        calculation.set(c);
        problemKey.set(key);
        problem.set(why);
        ready.set(why == null && c != null && c.feasible());
    }

    /** The parameter a calculator message names (messages start with or mention the key). */
    private String keyNamedIn(String message) {
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        for (String k : values.get(method.get()).keySet()) {
            if (lower.startsWith(k + " ") || lower.contains(" " + k + " ") || lower.startsWith(k + ":")) {
                return k;
            }
        }
        return null;
    }

    /** The accountant parameters exactly as passed to {@link UnlearningCalculator}. */
    public MethodParams currentParams() {
        return ParamsParser.parse(method.get(), rawParameters());
    }

    /** key=value text for the current method (doubles written with full precision). */
    public Map<String, String> rawParameters() {
        Map<String, String> raw = new LinkedHashMap<>();
        values.get(method.get()).forEach((k, v) -> raw.put(k, Double.toString(v.get())));
        choices.get(method.get()).forEach((k, v) -> raw.put(k, v.get()));
        fixedValues().forEach((k, v) -> raw.put(k, k.equals("steps") ? Long.toString(Math.round(v)) : Double.toString(v)));
        return raw;
    }

    /** Numeric values of the current method by key. */
    public Map<String, Double> numericValues() {
        Map<String, Double> m = new LinkedHashMap<>();
        values.get(method.get()).forEach((k, v) -> m.put(k, v.get()));
        m.putAll(fixedValues());
        return m;
    }

    /** The knobs the user fixed for the current method, by key ({@code steps}, {@code sigma}). */
    public Map<String, Double> fixedValues() {
        Map<String, Double> m = new LinkedHashMap<>();
        knobs.get(method.get()).forEach((k, v) -> {
            if (v.fixed().get()) {
                m.put(k, v.value().get());
            }
        });
        return m;
    }

    /** The fixable knobs of a method (empty when it has none). */
    public Map<String, FixedKnob> knobs(Method m) {
        return knobs.get(m);
    }

    public Map<String, String> choiceValues() {
        Map<String, String> m = new LinkedHashMap<>();
        choices.get(method.get()).forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    /** The view reports typed input it rejected (null clears it). */
    public void setInputProblem(String key, String why) {
        FixedKnob knob = knobs.get(method.get()).get(key);
        if (why == null || (knob != null && !values.get(method.get()).containsKey(key) && !knob.fixed().get())) {
            inputProblems.remove(key);
        } else {
            inputProblems.put(key, why);
        }
        recompute();
    }

    /** Sets many values at once with a single recomputation (presets, loaded settings). */
    public void apply(Method m, Map<String, Double> numbers, Map<String, String> picks) {
        suspended = true;
        try {
            method.set(m);
            numbers.forEach((k, v) -> {
                DoubleProperty p = values.get(m).get(k);
                if (p != null && v != null) {
                    p.set(v);
                }
            });
            picks.forEach((k, v) -> {
                StringProperty p = choices.get(m).get(k);
                if (p != null && v != null) {
                    p.set(v);
                }
            });
            // fixed knobs: present in the map = fixed by the user; absent = calibrated
            knobs.get(m).forEach((k, knob) -> {
                Double v = numbers.get(k);
                if (v != null) {
                    knob.value().set(v);
                }
                knob.fixed().set(v != null);
            });
        } finally {
            suspended = false;
        }
        recompute();
    }

    public ObjectProperty<Method> methodProperty() {
        return method;
    }

    public DoubleProperty value(Method m, String key) {
        return values.get(m).get(key);
    }

    public StringProperty choice(Method m, String key) {
        return choices.get(m).get(key);
    }

    public ReadOnlyObjectProperty<Calculation> calculationProperty() {
        return calculation.getReadOnlyProperty();
    }

    /** Why the current setting cannot run (invalid input, rejected or infeasible), or null. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Parameter the problem is about, when known. */
    public ReadOnlyStringProperty problemKeyProperty() {
        return problemKey.getReadOnlyProperty();
    }

    /** A certified run can be planned with these values. */
    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    /** Time of the last recomputation (the live panel shows it; the target is ≤ 1 ms). */
    public long lastComputeNanos() {
        return lastNanos;
    }
}
