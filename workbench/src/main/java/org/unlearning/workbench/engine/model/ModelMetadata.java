package org.unlearning.workbench.engine.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.unlearning.workbench.engine.io.StrictMappers;

import java.util.Map;

/**
 * The {@code model.json} sidecar of a saved model: provenance of the parameters (theory of
 * certificates: they are built from this record plus the guarantee).
 *
 * @param format           sidecar format version
 * @param spec             architecture, input shape, classes, hidden sizes, data type
 * @param numParams        parameter count
 * @param paramsSha256     SHA-256 of the parameter vector (see {@link ModelStore#paramsSha256})
 * @param dataset          dataset name
 * @param datasetSha256    SHA-256 of the dataset contents ({@code DatasetSplit.sha256()})
 * @param splitSeed        seed of the validation split, or null when none
 * @param initSeed         seed of the initialisation
 * @param hyperparameters  training configuration (name → value)
 * @param metrics          final metrics, e.g. {@code train_accuracy}, {@code test_accuracy}
 * @param libraries        library versions (DL4J, ND4J backend, Java)
 * @param createdAt        ISO-8601 instant
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelMetadata(int format, ModelSpec spec, long numParams, String paramsSha256, String dataset,
                            String datasetSha256, Long splitSeed, Long initSeed, Map<String, Object> hyperparameters,
                            @JsonDeserialize(contentUsing = StrictMappers.NonFiniteAllowed.class)
                            Map<String, Double> metrics, Map<String, String> libraries, String createdAt) {
    public static final int FORMAT = 1;
}
