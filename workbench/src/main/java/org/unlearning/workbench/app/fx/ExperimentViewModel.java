package org.unlearning.workbench.app.fx;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.unlearning.workbench.accounting.method.MethodAccountant;
import org.unlearning.workbench.accounting.registry.MethodRegistry;
import org.unlearning.workbench.app.fx.calculator.CalculatorViewModel;
import org.unlearning.workbench.app.fx.data.DataViewModel;
import org.unlearning.workbench.app.fx.settings.ExperimentSettings;
import org.unlearning.workbench.engine.run.EngineRegistry;
import org.unlearning.workbench.engine.unlearn.FineTuneConfig;
import org.unlearning.workbench.engine.unlearn.MethodConfig;
import org.unlearning.workbench.engine.unlearn.Presets;
import org.unlearning.workbench.engine.unlearn.UnlearningConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The experiment the window defines — the method and its parameter record (calculator), the data,
 * forget set, original and budget (data pane) — and its three forms: a preset applied to it, the
 * settings file it saves to and opens from, and the run configuration it becomes. A run configuration
 * is the last preset of the method (or the method's first preset) with every control's value.
 */
public final class ExperimentViewModel {
    private final CalculatorViewModel calculator;
    private final DataViewModel data;
    private final ReadOnlyStringWrapper preset = new ReadOnlyStringWrapper(this, "preset");
    /** The run's seed (minibatch order, retrain initialisation, seeded noise); null = the preset's. */
    private final javafx.beans.property.ObjectProperty<Long> seed = new javafx.beans.property.SimpleObjectProperty<>(this, "seed");
    private final javafx.beans.property.ReadOnlyBooleanWrapper modified = new javafx.beans.property.ReadOnlyBooleanWrapper(this, "modified");
    /** The settings right after the preset was applied (null: no preset). */
    private ExperimentSettings presetSettings;
    private ExperimentSettings settings;
    private UnlearningConfig base;

    public ExperimentViewModel(CalculatorViewModel calculator, DataViewModel data, ExperimentSettings initial) {
        this.calculator = calculator;
        this.data = data;
        this.settings = initial == null ? ExperimentSettings.defaults() : initial;
        calculator.methodProperty().addListener((o, a, b) -> preset.set(null));   // by hand: no longer the preset
        seed.set(this.settings.seed());
        for (javafx.beans.Observable o : java.util.List.<javafx.beans.Observable>of(calculator.calculationProperty(),
                data.sourceProperty(), data.forgetModeProperty(), data.forgetFractionProperty(), data.requestsProperty(),
                data.forgetClassesProperty(), data.forgetIndexFileProperty(), data.modelPathProperty(),
                data.trainEpochsProperty(), data.fineTuneEpochsProperty(), data.retrainBaselineProperty(), seed, preset)) {
            o.addListener(x -> checkModified());
        }
    }

    /** The seed of the next run (null: the preset's). */
    public javafx.beans.property.ObjectProperty<Long> seedProperty() {
        return seed;
    }

    /** True when a control differs from the preset the values came from. */
    public javafx.beans.property.ReadOnlyBooleanProperty modifiedProperty() {
        return modified.getReadOnlyProperty();
    }

    private void checkModified() {
        if (preset.get() == null || presetSettings == null) {
            modified.set(false);
            return;
        }
        ExperimentSettings now = snapshot();
        modified.set(!now.equals(presetSettings));
    }

    /** The preset the values came from (null once the method changes by hand). */
    public ReadOnlyStringProperty presetProperty() {
        return preset.getReadOnlyProperty();
    }

    /** Sets method, parameters, data, original and budget from a preset (same names as the CLI). */
    public void applyPreset(String name) throws IOException {
        UnlearningConfig c = Presets.load(name, Presets.requiresData(name) ? data.sourceProperty().get() : null);
        calculator.apply(c.method().method(), c.method().params());
        data.apply(c);
        base = c;
        seed.set(c.seed());
        preset.set(name);
        settings = currentSettings();
        presetSettings = settings;
        checkModified();
    }

    /** The engine configuration of the next run: the method's preset, overridden by every control. */
    public UnlearningConfig runConfig(Path runDir) throws IOException {
        MethodAccountant<?> m = calculator.methodProperty().get();
        boolean trainsOwn = EngineRegistry.engine(m.key()).trainsOriginal();   // refuses calculator-only methods
        UnlearningConfig b = base(m);
        FineTuneConfig f = b.fineTune();
        FineTuneConfig ft = new FineTuneConfig((int) Math.round(data.fineTuneEpochsProperty().get()),
                f.learningRate(), f.schedule(), f.weightDecay(), f.batchSize(), f.untilTestAccuracy());
        long seed = this.seed.get() == null ? b.seed() : this.seed.get();
        MethodConfig method = new MethodConfig(m, calculator.currentParams());
        boolean exact = calculator.calculationProperty().get() != null
                && Double.valueOf(0).equals(calculator.calculationProperty().get().epsilon())
                && Double.valueOf(0).equals(calculator.calculationProperty().get().delta());
        return b.with("method", method).with("fineTune", ft).with("data", data.dataConfig(b.data(), runDir))
                .with("model", data.modelConfig(b.model(), trainsOwn))
                .with("retrainBaseline", data.retrainBaselineProperty().get() && !exact)
                .with("seed", seed);
    }

    /** The base of a run of {@code m}: the last preset if it is of this method, else the method's first preset. */
    private UnlearningConfig base(MethodAccountant<?> m) throws IOException {
        if (base != null && base.method().key().equals(m.key()) && preset.get() != null) {
            return base;
        }
        for (String name : Presets.NAMES) {
            if (!Presets.requiresData(name)) {
                UnlearningConfig c = Presets.load(name, null);
                if (c.method().key().equals(m.key())) {
                    return c;
                }
            }
        }
        return new UnlearningConfig("custom", null, null, MethodConfig.defaults(m.key()), null, null, null, null, null,
                null, null);
    }

    /** Every control's value, as a settings file stores it. */
    public ExperimentSettings currentSettings() {
        settings = snapshot();
        return settings;
    }

    private ExperimentSettings snapshot() {
        MethodAccountant<?> m = calculator.methodProperty().get();
        Map<String, Double> p = new LinkedHashMap<>(calculator.numericValues());
        p.put("fine_tune_epochs", data.fineTuneEpochsProperty().get());
        p.put("train_epochs", data.trainEpochsProperty().get());
        p.put("requests", data.requestsProperty().get());
        List<Integer> classes = null;
        try {
            classes = java.util.Arrays.stream(data.forgetClassesProperty().get().trim().split("[\\s,;]+"))
                    .filter(t -> !t.isEmpty()).map(Integer::valueOf).toList();
        } catch (RuntimeException e) {
            // keep null: the text is invalid and already shown as a problem
        }
        String src = data.sourceProperty().get();
        boolean named = src.equals("bundled") || src.equals("mnist") || src.equals("fashion-mnist");
        return new ExperimentSettings(m.key(), calculator.choiceValues(), preset.get(), p,
                named ? src : "path", named ? null : src, data.forgetModeProperty().get(),
                data.forgetFractionProperty().get(), classes, blankToNull(data.forgetIndexFileProperty().get()),
                blankToNull(data.modelPathProperty().get()), seed.get(), data.retrainBaselineProperty().get());
    }

    /** Applies loaded settings to every control (an unknown method or keys are ignored). */
    public void applySettings(ExperimentSettings s) {
        this.settings = s;
        presetSettings = null;
        MethodAccountant<?> m;
        try {
            m = MethodRegistry.get(s.method());
        } catch (IllegalArgumentException | NullPointerException e) {
            m = MethodRegistry.all().get(0);
        }
        calculator.apply(m, s.parameters(), s.choices());
        preset.set(s.preset() != null && Presets.NAMES.contains(s.preset()) ? s.preset() : null);
        base = null;
        if (preset.get() != null) {
            try {
                base = Presets.load(preset.get(), Presets.requiresData(preset.get()) ? sourceOf(s) : null);
            } catch (IOException | RuntimeException e) {
                preset.set(null);
            }
        }
        Double ft = s.parameters().get("fine_tune_epochs");
        if (ft != null) {
            data.fineTuneEpochsProperty().set(ft);
        }
        Double te = s.parameters().get("train_epochs");
        if (te != null) {
            data.trainEpochsProperty().set(te);
        }
        Double rq = s.parameters().get("requests");
        data.requestsProperty().set(rq == null ? 1 : rq);
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
        String src = sourceOf(s);
        if (!src.equals(data.sourceProperty().get())) {
            data.sourceProperty().set(src);
        }
        seed.set(s.seed() != null ? s.seed() : base != null ? base.seed() : null);
    }

    private static String sourceOf(ExperimentSettings s) {
        return "path".equals(s.dataset()) && s.datasetPath() != null ? s.datasetPath()
                : s.dataset() == null ? "bundled" : s.dataset();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
