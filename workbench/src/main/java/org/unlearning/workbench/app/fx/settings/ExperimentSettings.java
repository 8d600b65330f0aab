package org.unlearning.workbench.app.fx.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.unlearning.workbench.accounting.registry.MethodRegistry;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything needed to reopen an experiment exactly: method, noise schedule, preset, every
 * parameter value by key (see {@code ParameterSpec#key}), data, forget set, original model and
 * seed. Saved as JSON; unknown keys are ignored so older files still open.
 *
 * @param method          method key of the registry (the first registered method by default)
 * @param choices         choice parameters by key (noise {@code schedule}, model-clipping {@code variant})
 * @param preset          preset the values came from, or null
 * @param parameters      parameter values by key (ε, δ, C₀, …)
 * @param dataset         dataset id ({@code "mnist"}, {@code "fashion-mnist"}, {@code "idx"}, {@code "cifar"}, {@code "csv"})
 * @param datasetPath     folder or file for datasets chosen with a file chooser, or null
 * @param forgetMode      {@code "fraction"}, {@code "classes"} or {@code "indices"}
 * @param forgetFraction  fraction of the training set to forget (forgetMode fraction)
 * @param forgetClasses   classes to forget (forgetMode classes)
 * @param forgetIndexFile index file (forgetMode indices)
 * @param originalModel   sample-model name or saved-model path
 * @param seed            random seed of the run
 * @param retrainBaseline also run the retrain-from-scratch baseline
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentSettings(String method, Map<String, String> choices, String preset,
                                 Map<String, Double> parameters, String dataset, String datasetPath,
                                 String forgetMode, Double forgetFraction, List<Integer> forgetClasses,
                                 String forgetIndexFile, String originalModel, Long seed,
                                 Boolean retrainBaseline) {
    public static final int FORMAT_VERSION = 1;

    public ExperimentSettings {
        parameters = parameters == null ? Map.of() : new TreeMap<>(parameters);
        choices = choices == null ? Map.of() : new TreeMap<>(choices);
        forgetClasses = forgetClasses == null ? null : List.copyOf(forgetClasses);
    }

    public static ExperimentSettings defaults() {
        return new ExperimentSettings(MethodRegistry.keys().get(0), Map.of(), null, Map.of(), "mnist", null,
                "fraction", 0.1, null, null, null, 42L, Boolean.FALSE);
    }

    public ExperimentSettings withMethod(String m, Map<String, String> picks, String presetName, Map<String, Double> params) {
        return new ExperimentSettings(m, picks, presetName, params, dataset, datasetPath, forgetMode,
                forgetFraction, forgetClasses, forgetIndexFile, originalModel, seed, retrainBaseline);
    }
}
