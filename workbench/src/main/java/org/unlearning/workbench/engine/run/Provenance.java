package org.unlearning.workbench.engine.run;

import org.unlearning.workbench.engine.data.DatasetSplit;
import org.unlearning.workbench.engine.data.ForgetSet;
import org.unlearning.workbench.engine.model.ModelMetadata;
import org.unlearning.workbench.engine.model.ModelStore;
import org.unlearning.workbench.engine.model.WorkbenchModel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a run's inputs came from — the one record certificates, saved models and summaries take it
 * from (Tribuo style: built from what the data and model layers carry, then carried through).
 *
 * @param software         workbench, Java, DL4J/ND4J versions and backend, OS
 * @param dataset          dataset name (as the data layer describes it)
 * @param datasetSha256    SHA-256 of the dataset contents
 * @param splitSeed        seed of the validation split and the random forget sets
 * @param validationFraction fraction of the training part held out for validation
 * @param original         where the original model came from (saved folder, or trained here)
 * @param originalSha256   SHA-256 of the original's parameters
 * @param originalTraining the original's training record (its model.json hyperparameters), if known
 */
public record Provenance(Map<String, String> software, String dataset, String datasetSha256, long splitSeed,
                         double validationFraction, String original, String originalSha256,
                         Map<String, Object> originalTraining) {
    public Provenance {
        software = Collections.unmodifiableMap(new LinkedHashMap<>(software));
        originalTraining = originalTraining == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(originalTraining));
    }

    /** The record of a run on {@code split} from {@code original} (null while a method has yet to train it). */
    public static Provenance of(DatasetSplit split, long splitSeed, double validationFraction, String originalSource,
                                WorkbenchModel original, ModelMetadata originalMetadata) {
        return new Provenance(currentSoftware(), split.name(), split.sha256(), splitSeed, validationFraction,
                originalSource == null ? "trained by the method in this run" : originalSource,
                original == null ? null : ModelStore.paramsSha256(original),
                originalMetadata == null ? null : originalMetadata.hyperparameters());
    }

    /** Versions of the workbench, the JVM, DL4J/ND4J and its backend, and the OS. */
    public static Map<String, String> currentSoftware() {
        Map<String, String> m = new LinkedHashMap<>();
        String v = Provenance.class.getPackage().getImplementationVersion();
        m.put("unlearning_workbench", v == null ? "dev" : v);
        m.putAll(ModelStore.libraryVersions());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return m;
    }

    /** What a saved unlearned model records about its origin (model.json hyperparameters). */
    public Map<String, Object> modelRecord(String method, int request, ForgetSet forget, String status) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("request", request);
        m.put("original_model", original);
        m.put("original_model_sha256", originalSha256);
        m.put("forget_set_sha256", forget.sha256());
        m.put("forget_set", forget.description());
        m.put("status", status);
        return m;
    }
}
