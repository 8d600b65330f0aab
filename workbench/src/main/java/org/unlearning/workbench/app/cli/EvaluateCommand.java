package org.unlearning.workbench.app.cli;

import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.data.DatasetSplit;
import org.unlearning.workbench.engine.data.ForgetSet;
import org.unlearning.workbench.engine.model.ComputeThreads;
import org.unlearning.workbench.engine.model.Evaluation;
import org.unlearning.workbench.engine.model.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** Accuracy and loss of a saved model on parts of a dataset. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Accuracy and mean cross-entropy of a saved model on dataset splits (JSON).")
public final class EvaluateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL_DIR", description = "Saved model folder (model.zip + model.json).")
    Path modelDir;

    @Mixin DataOptions dataOptions = new DataOptions();

    @Option(names = "--split", split = ",", description = "train, validation, test (default: train,test; validation if present).")
    List<String> splits;

    @Option(names = "--forget-fraction", paramLabel = "F", description = "Also report accuracy on a random forget set of this fraction of train, and on the retained rest.")
    Double forgetFraction;

    @Option(names = "--forget", paramLabel = "SPEC", description = "Forget set: F or random:F (fraction), classes:3,7, or file:PATH (indices); reports forget and retain accuracy.")
    String forget;

    @Option(names = "--forget-seed", description = "Seed of the forget set (default: ${DEFAULT-VALUE}).")
    long forgetSeed = 0;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        ComputeThreads.configureDefault(1);
        ModelStore.SavedModel saved = ModelStore.load(modelDir);
        // evaluate on the data as the model saw it in training
        Object std = saved.metadata().hyperparameters() == null ? null : saved.metadata().hyperparameters().get("standardize");
        String trainedOn = saved.metadata().dataset();
        DatasetSplit data = dataOptions.load(Boolean.TRUE.equals(std)
                || (trainedOn != null && trainedOn.endsWith("(standardised)")));
        saved.requireCompatible(data.train());
        List<String> parts = splits != null ? splits
                : data.hasValidation() ? List.of("train", "validation", "test") : List.of("train", "test");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", saved.metadata().spec().architecture().cliName());
        out.put("model_dir", modelDir.toAbsolutePath().toString());
        out.put("dataset", data.name());
        out.put("dataset_sha256", data.sha256());
        out.put("trained_on_this_dataset", data.sha256().equals(saved.metadata().datasetSha256()));
        for (String p : parts) {
            Dataset d = switch (p.trim().toLowerCase(Locale.ROOT)) {
                case "train" -> data.train();
                case "test" -> data.test();
                case "validation", "val" -> {
                    if (!data.hasValidation()) {
                        throw new IllegalArgumentException("--split validation needs --val-fraction");
                    }
                    yield data.validation();
                }
                default -> throw new IllegalArgumentException("--split: unknown split '" + p + "' (train, validation, test)");
            };
            put(out, p.trim().toLowerCase(Locale.ROOT), saved.model().evaluate(d, 1000));
        }
        if (forgetFraction != null || forget != null) {
            if (forgetFraction != null && forget != null) {
                throw new IllegalArgumentException("give either --forget or --forget-fraction, not both");
            }
            ForgetSet f = forget != null ? ForgetSet.parse(forget, data.train(), forgetSeed)
                    : ForgetSet.randomFraction(data.train(), forgetFraction, forgetSeed);
            out.put("forget_set", f.description());
            out.put("forget_set_sha256", f.sha256());
            put(out, "forget", saved.model().evaluate(data.train(), f.indices(), 1000));
            put(out, "retain", saved.model().evaluate(data.train(), f.retainIndices(), 1000));
        }
        System.out.println(Json.write(out));
        return CliSupport.EXIT_OK;
    }

    private static void put(Map<String, Object> out, String name, Evaluation e) {
        out.put(name + "_accuracy", e.accuracy());
        out.put(name + "_loss", e.loss());
        out.put(name + "_size", e.count());
    }
}
