package org.unlearning.workbench.engine.unlearn;

import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.model.ModelMetadata;
import org.unlearning.workbench.engine.model.ModelStore;
import org.unlearning.workbench.engine.model.WorkbenchModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Model digests for certificates and the saved unlearned model (foundation's {@link ModelStore} format). */
public final class ModelFiles {
    private ModelFiles() {}

    /** SHA-256 of the parameter vector ({@link ModelStore#paramsSha256}): the certificate's model hashes. */
    public static String sha256(WorkbenchModel model) {
        return ModelStore.paramsSha256(model);
    }

    /** Saves {@code model} as a model folder ({@code model.zip} + {@code model.json}) with its provenance. */
    public static void save(WorkbenchModel model, Path dir, String dataset, String datasetSha256, Long splitSeed,
                            Long initSeed, Map<String, Object> provenance, Map<String, Double> metrics)
            throws IOException {
        ModelMetadata md = ModelStore.metadata(model, dataset, datasetSha256, splitSeed, initSeed, provenance, metrics);
        ModelStore.save(model, md, dir);
    }

    /** Loads a saved model folder. */
    public static ModelStore.SavedModel load(Path path) throws IOException {
        return ModelStore.load(path);
    }

    /** Whether a saved model was trained on standardised features (its metadata says so). */
    public static boolean trainedStandardized(ModelStore.SavedModel saved) {
        Map<String, Object> hp = saved.metadata().hyperparameters();
        String ds = saved.metadata().dataset();
        return (hp != null && Boolean.TRUE.equals(hp.get("standardize"))) || (ds != null && ds.endsWith("(standardised)"));
    }

    /** Checks a loaded model fits the training data. */
    public static WorkbenchModel compatible(ModelStore.SavedModel saved, Path path, Dataset train) {
        try {
            saved.requireCompatible(train);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model " + path + " does not fit the data: " + e.getMessage(), e);
        }
        return saved.model();
    }

    /**
     * The architecture a saved model records (its model.json), read without loading the model; empty
     * when the folder (or the folder of a model.zip) has none.
     */
    public static java.util.Optional<String> architecture(Path model) {
        Path dir = java.nio.file.Files.isDirectory(model) ? model : model.toAbsolutePath().getParent();
        if (dir == null) {
            return java.util.Optional.empty();
        }
        Path json = dir.resolve(ModelStore.METADATA_FILE);
        try {
            if (java.nio.file.Files.isRegularFile(json)) {
                String a = ModelStore.json().readTree(json.toFile()).at("/spec/architecture").asText("");
                if (!a.isEmpty()) {
                    return java.util.Optional.of(org.unlearning.workbench.engine.model.Architecture.fromName(a).cliName());
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.empty();
    }

    /** A number of a saved model's hyperparameters (model.json stores numbers or their text), else {@code fallback}. */
    public static double hyperparameter(Map<String, Object> hp, String key, double fallback) {
        Object o = hp == null ? null : hp.get(key);
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }
}
