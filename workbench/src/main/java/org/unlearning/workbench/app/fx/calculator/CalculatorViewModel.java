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
import org.unlearning.workbench.accounting.method.Calculation;
import org.unlearning.workbench.accounting.method.MethodAccountant;
import org.unlearning.workbench.accounting.method.ParameterDescription;
import org.unlearning.workbench.accounting.registry.MethodRegistry;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * View-model of the method and its parameters: for every registered method its typed parameter record
 * (the configuration the run will use) and the controls' properties — sliders, choices and expert
 * "fix it yourself" knobs, each generated from the method's schema — and the accountant's plan,
 * recomputed on every change without blocking the FX thread: a cheap exact plan at once, otherwise
 * a {@link #provisionalProperty() provisional} answer at once and the exact plan computed on a
 * worker thread and swapped in ({@link LiveCalculation}; a newer change cancels a stale computation
 * and discards its result). A control writes its
 * typed value into the record ({@code ParameterSchema.with}); there is no text round trip. Invalid
 * input or an infeasible setting yields a one-line {@link #problemProperty() reason} and
 * {@link #readyProperty() ready = false}; nothing throws to the view.
 */
public final class CalculatorViewModel {
    private final ObjectProperty<MethodAccountant<?>> method = new SimpleObjectProperty<>(this, "method",
            MethodRegistry.all().get(0));
    private final Map<MethodAccountant<?>, MethodState> states = new IdentityHashMap<>();
    private final Map<String, String> inputProblems = new TreeMap<>();
    private final ReadOnlyObjectWrapper<Calculation> calculation = new ReadOnlyObjectWrapper<>(this, "calculation");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem");
    private final ReadOnlyStringWrapper problemKey = new ReadOnlyStringWrapper(this, "problemKey");
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(this, "ready");
    private final ReadOnlyBooleanWrapper provisional = new ReadOnlyBooleanWrapper(this, "provisional");
    private final java.util.concurrent.ExecutorService exactWorker =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "calculator-exact");
                t.setDaemon(true);
                return t;
            });
    private java.util.concurrent.Future<?> pending;
    private long generation;
    private long lastNanos;
    private boolean suspended;

    /**
     * A user-fixed optional value (e.g. T or σ): when {@code fixed}, {@code value} goes into the record
     * and the accountant recomputes the achieved guarantee for it; otherwise the record holds null.
     */
    public record FixedKnob(BooleanProperty fixed, DoubleProperty value) {}

    /** One method's record and the properties of its controls. */
    private final class MethodState {
        final MethodAccountant<?> m;
        Record params;
        final Map<String, DoubleProperty> values = new LinkedHashMap<>();
        final Map<String, StringProperty> choices = new LinkedHashMap<>();
        final Map<String, FixedKnob> knobs = new LinkedHashMap<>();

        MethodState(MethodAccountant<?> m) {
            this.m = m;
            this.params = m.schema().defaults();
            for (ParameterDescription d : MethodForms.sliders(m)) {
                DoubleProperty p = new SimpleDoubleProperty(CalculatorViewModel.this, d.key(), d.defaultValue());
                p.addListener((o, a, b) -> set(d.key(), b.doubleValue()));
                values.put(d.key(), p);
            }
            for (ParameterDescription d : MethodForms.choices(m)) {
                StringProperty p = new SimpleStringProperty(CalculatorViewModel.this, d.key(), d.defaultChoice());
                p.addListener((o, a, b) -> set(d.key(), b));
                choices.put(d.key(), p);
            }
            for (ParameterDescription d : MethodForms.fixedKnobs(m)) {
                FixedKnob knob = new FixedKnob(new SimpleBooleanProperty(CalculatorViewModel.this, "fix-" + d.key(), false),
                        new SimpleDoubleProperty(CalculatorViewModel.this, "fixed-" + d.key(),
                                MethodForms.spec(d).defaultValue()));
                knob.fixed().addListener((o, a, on) -> {
                    if (on && !suspended) {
                        seed(knob, d.key());   // start from the calibrated value: nothing jumps
                    }
                    if (!on) {
                        inputProblems.remove(d.key());
                    }
                    set(d.key(), on ? knob.value().get() : null);
                });
                knob.value().addListener((o, a, b) -> {
                    if (knob.fixed().get()) {
                        set(d.key(), b.doubleValue());
                    }
                });
                knobs.put(d.key(), knob);
            }
        }

        /** Writes one typed value into the record and recomputes (a rejected value is an input problem). */
        void set(String key, Object value) {
            if (suspended) {
                return;
            }
            try {
                params = with(m, params, key, value);
                inputProblems.remove(key);
            } catch (IllegalArgumentException e) {
                inputProblems.put(key, e.getMessage());
            }
            if (m == method.get()) {
                recompute();
            }
        }

        /** Sets every control from the record (no recomputation in between). */
        void showRecord() {
            Map<String, Object> v = values(m, params);
            values.forEach((k, p) -> {
                if (v.get(k) instanceof Number n) {
                    p.set(n.doubleValue());
                }
            });
            choices.forEach((k, p) -> {
                if (v.get(k) != null) {
                    p.set(v.get(k).toString());
                }
            });
            knobs.forEach((k, knob) -> {
                Object x = v.get(k);
                if (x instanceof Number n) {
                    knob.value().set(n.doubleValue());
                }
                knob.fixed().set(x != null);
            });
        }
    }

    public CalculatorViewModel() {
        for (MethodAccountant<?> m : MethodForms.methods()) {
            states.put(m, new MethodState(m));
        }
        method.addListener((o, a, b) -> {
            inputProblems.clear();
            recompute();
        });
        recompute();
    }

    private MethodState state() {
        return states.get(method.get());
    }

    private void seed(FixedKnob knob, String key) {
        Calculation c = calculation.get();
        if (c == null) {
            return;
        }
        if (key.equals("steps") && c.steps() != null) {
            knob.value().set(c.steps());
        } else if (key.equals("sigma") && c.sigma() != null) {
            knob.value().set(c.sigma());
        } else {
            c.figure(key).ifPresent(f -> knob.value().set(f.value()));
        }
    }

    /**
     * Recomputes the plan from the current record (FX thread): answers at once, exactly when that is
     * cheap, else provisionally while the exact plan runs on the worker (see the class comment).
     */
    public void recompute() {
        if (suspended) {
            return;
        }
        long gen = ++generation;
        if (pending != null) {
            pending.cancel(true);   // a stale exact computation: dropped if queued, interrupted if running
            pending = null;
        }
        long t0 = System.nanoTime();
        if (!inputProblems.isEmpty()) {
            var first = inputProblems.entrySet().iterator().next();
            lastNanos = System.nanoTime() - t0;
            publish(null, first.getValue(), first.getKey(), false);
            return;
        }
        Record params = state().params;
        LiveCalculation.Immediate now;
        try {
            now = LiveCalculation.immediate(params);
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            lastNanos = System.nanoTime() - t0;
            publishError(e);
            return;
        }
        lastNanos = System.nanoTime() - t0;
        if (!now.provisional()) {
            publish(now.calculation(), null, null, false);
            return;
        }
        Calculation shown = now.calculation();
        if (shown == null && calculation.get() != null && calculation.get().method().equals(method.get().key())) {
            shown = calculation.get();   // nothing cheaper: keep the last answer of this method, marked provisional
        }
        publish(shown, null, null, true);
        pending = exactWorker.submit(() -> {
            long s0 = System.nanoTime();
            Calculation c = null;
            RuntimeException failure = null;
            try {
                c = LiveCalculation.exact(params);
            } catch (java.util.concurrent.CancellationException e) {
                return;
            } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
                failure = e;
            }
            long took = System.nanoTime() - s0;
            Calculation exact = c;
            RuntimeException error = failure;
            javafx.application.Platform.runLater(() -> {
                if (gen != generation) {
                    return;   // the setting changed meanwhile: a newer computation is under way
                }
                pending = null;
                lastNanos = took;
                if (error != null) {
                    publishError(error);
                } else {
                    publish(exact, null, null, false);
                }
            });
        });
    }

    private void publishError(RuntimeException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        publish(null, why, keyNamedIn(why), false);
    }

    private void publish(Calculation c, String why, String key, boolean isProvisional) {
        if (why == null && c != null && !c.feasible()) {
            why = "Infeasible: " + c.reason();
        }
        provisional.set(isProvisional);
        calculation.set(c);
        problemKey.set(key);
        problem.set(why);
        ready.set(why == null && c != null && c.feasible() && !isProvisional);
    }

    /** The parameter a calculator message names (messages start with or mention the key). */
    private String keyNamedIn(String message) {
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        for (String k : state().values.keySet()) {
            if (lower.startsWith(k + " ") || lower.contains(" " + k + " ") || lower.startsWith(k + ":")) {
                return k;
            }
        }
        return null;
    }

    /** The current method's parameter record, exactly as passed to the accountant and to the run. */
    public Record currentParams() {
        return state().params;
    }

    /** The record of a method (its last values in this window). */
    public Record params(MethodAccountant<?> m) {
        return states.get(m).params;
    }

    /** Every value of the current method by key (typed; optional values not fixed are absent). */
    public Map<String, Object> values() {
        Map<String, Object> out = new LinkedHashMap<>();
        values(method.get(), state().params).forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Numeric values of the current method by key (for settings files and tests). */
    public Map<String, Double> numericValues() {
        Map<String, Double> m = new LinkedHashMap<>();
        values().forEach((k, v) -> {
            if (v instanceof Number n) {
                m.put(k, n.doubleValue());
            }
        });
        return m;
    }

    /** Choice and boolean values of the current method by key (text). */
    public Map<String, String> choiceValues() {
        Map<String, String> m = new LinkedHashMap<>();
        values().forEach((k, v) -> {
            if (!(v instanceof Number)) {
                m.put(k, v.toString());
            }
        });
        return m;
    }

    /** The knobs the user fixed for the current method, by key ({@code steps}, {@code sigma}). */
    public Map<String, Double> fixedValues() {
        Map<String, Double> m = new LinkedHashMap<>();
        state().knobs.forEach((k, v) -> {
            if (v.fixed().get()) {
                m.put(k, v.value().get());
            }
        });
        return m;
    }

    /** The fixable knobs of a method (empty when it has none). */
    public Map<String, FixedKnob> knobs(MethodAccountant<?> m) {
        return states.get(m).knobs;
    }

    /** The view reports typed input it rejected (null clears it). */
    public void setInputProblem(String key, String why) {
        FixedKnob knob = state().knobs.get(key);
        if (why == null || (knob != null && !state().values.containsKey(key) && !knob.fixed().get())) {
            inputProblems.remove(key);
        } else {
            inputProblems.put(key, why);
        }
        recompute();
    }

    /**
     * Shows a method with this record (presets, loaded settings, run configurations): every control
     * follows it, hidden parameters keep their values, one recomputation.
     */
    public void apply(MethodAccountant<?> m, Record params) {
        MethodState s = states.get(m);
        suspended = true;
        try {
            method.set(m);
            s.params = params;
            s.showRecord();
        } finally {
            suspended = false;
        }
        inputProblems.clear();
        recompute();
    }

    /**
     * Shows a method with values by key from a settings file (unknown keys are ignored; values the
     * schema rejects keep the default). Optional values absent from the map are unset.
     */
    public void apply(MethodAccountant<?> m, Map<String, Double> numbers, Map<String, String> picks) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (ParameterDescription d : m.schema().parameters()) {
            Object x = d.numeric() ? numbers.get(d.key()) : picks.get(d.key());
            if (x != null) {
                v.put(d.key(), x);
            }
        }
        Record r;
        try {
            r = build(m, v);
        } catch (IllegalArgumentException e) {
            r = m.schema().defaults();
        }
        apply(m, r);
    }

    public ObjectProperty<MethodAccountant<?>> methodProperty() {
        return method;
    }

    public DoubleProperty value(MethodAccountant<?> m, String key) {
        return states.get(m).values.get(key);
    }

    public StringProperty choice(MethodAccountant<?> m, String key) {
        return states.get(m).choices.get(key);
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

    /**
     * True while the shown plan is provisional (estimated, or the previous one) and the exact plan is
     * being computed off the FX thread; Run waits for the exact plan.
     */
    public ReadOnlyBooleanProperty provisionalProperty() {
        return provisional.getReadOnlyProperty();
    }

    /**
     * Time of the last answer: the FX thread's (≤ 1 ms is the target) or, once swapped in, the exact
     * plan's on the worker.
     */
    public long lastComputeNanos() {
        return lastNanos;
    }

    @SuppressWarnings("unchecked")
    private static <P extends Record> Record with(MethodAccountant<P> m, Record p, String key, Object value) {
        return m.schema().with((P) p, key, value);
    }

    @SuppressWarnings("unchecked")
    private static <P extends Record> Map<String, Object> values(MethodAccountant<P> m, Record p) {
        return m.schema().values((P) p);
    }

    private static <P extends Record> Record build(MethodAccountant<P> m, Map<String, ?> v) {
        return m.schema().build(v);
    }
}
