package org.unlearning.workbench.app.cli;

import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.data.DatasetLoader;
import org.unlearning.workbench.engine.data.DatasetSplit;
import org.unlearning.workbench.engine.model.Architecture;
import org.unlearning.workbench.engine.model.Backend;
import org.unlearning.workbench.engine.model.ModelSpec;
import org.unlearning.workbench.engine.model.ModelStore;
import org.unlearning.workbench.engine.model.WorkbenchModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Describes the dataset, the architectures that fit it, and optionally a saved model. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Dataset summary (sizes, shape, classes, SHA-256) and the models that fit it; "
                + "with --model-dir, a saved model's metadata.")
public final class InfoCommand implements Callable<Integer> {
    @Mixin DataOptions dataOptions = new DataOptions();

    @Option(names = "--model-dir", paramLabel = "DIR", description = "A saved model folder to describe (model.zip + model.json).")
    Path modelDir;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        DatasetSplit data = dataOptions.load();
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> ds = new LinkedHashMap<>();
        ds.put("name", data.name());
        ds.put("source", dataOptions.data);
        ds.put("sha256", data.sha256());
        ds.put("input_shape", data.inputShape());
        ds.put("num_classes", data.numClasses());
        ds.put("train", part(data.train()));
        if (data.hasValidation()) {
            ds.put("validation", part(data.validation()));
            ds.put("split_seed", dataOptions.splitSeed);
        }
        ds.put("test", part(data.test()));
        out.put("dataset", ds);
        out.put("fashion_mnist_installed", DatasetLoader.fashionMnistAvailable());
        out.put("compute_backend", Backend.choice().describe());
        List<Map<String, Object>> models = new ArrayList<>();
        for (Architecture a : Architecture.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", a.cliName());
            try {
                ModelSpec spec = ModelSpec.forData(a, data.train());
                m.put("hidden_sizes", spec.hiddenSizes());
                m.put("num_params", WorkbenchModel.create(spec, 0).numParams());
            } catch (IllegalArgumentException e) {
                m.put("fits", false);
                m.put("reason", e.getMessage());
            }
            models.add(m);
        }
        out.put("architectures", models);
        if (modelDir != null) {
            ModelStore.SavedModel saved = ModelStore.load(modelDir);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", modelDir.toAbsolutePath().toString());
            m.put("metadata", saved.metadata());
            String fit;
            try {
                saved.requireCompatible(data.train());
                fit = "yes";
            } catch (IllegalArgumentException e) {
                fit = e.getMessage();
            }
            m.put("fits_dataset", fit);
            m.put("trained_on_this_dataset", data.sha256().equals(saved.metadata().datasetSha256()));
            out.put("model", m);
        }
        System.out.println(Json.write(out));
        return CliSupport.EXIT_OK;
    }

    private static Map<String, Object> part(Dataset d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("size", d.size());
        m.put("class_counts", Arrays.stream(d.classCounts()).boxed().toList());
        m.put("sha256", d.sha256());
        return m;
    }
}
