package org.unlearning.workbench.engine.unlearn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.unlearning.workbench.engine.io.InputFiles;
import org.unlearning.workbench.engine.io.StrictMappers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A complete, reopenable description of one unlearning run (JSON or YAML, snake_case keys).
 *
 * @param name              free label (preset name)
 * @param data              dataset, validation split and forget set
 * @param model             original model
 * @param method            method and its hyper-parameters
 * @param fineTune          noise-free fine-tune after the noisy phase (also the retrain recipe)
 * @param retrainBaseline   also run the retrain baseline and report compute savings (per request)
 * @param retrainRecipe     the baseline's training recipe: {@code fine_tune} (the fine-tune section, default)
 *                          or {@code original} (the original's own recipe from its model.json)
 * @param targetAccuracy    A for compute savings (null = retrain's final test accuracy − 1 point)
 * @param seed              seed of minibatch order, retrain initialisation and (demonstration) noise
 * @param noise             {@code secure} (default: AES-CTR keyed from the JDK's DRBG, theory.md §14) or
 *                          {@code demonstration} (reproducible from {@code seed}, never certified;
 *                          {@code seeded} is read as its alias)
 * @param evaluationsPerEpoch evaluation points per fine-tune/retrain epoch (default 1)
 */
public record UnlearningConfig(String name, DataConfig data, ModelConfig model, MethodConfig method,
                               FineTuneConfig fineTune, Boolean retrainBaseline, String retrainRecipe,
                               Double targetAccuracy, Long seed, String noise, Integer evaluationsPerEpoch) {
    public UnlearningConfig {
        name = name == null ? "custom" : name;
        data = data == null ? new DataConfig(null, null, null, null, null, null) : data;
        model = model == null ? new ModelConfig(null, null, null, null) : model;
        if (method == null) {
            throw new IllegalArgumentException("config has no 'method' section");
        }
        fineTune = fineTune == null ? FineTuneConfig.none() : fineTune;
        retrainBaseline = retrainBaseline != null && retrainBaseline;
        retrainRecipe = retrainRecipe == null ? "fine_tune" : retrainRecipe;
        if (!retrainRecipe.equals("fine_tune") && !retrainRecipe.equals("original")) {
            throw new IllegalArgumentException("retrain_recipe must be fine_tune or original, got '" + retrainRecipe + "'");
        }
        seed = seed == null ? 0L : seed;
        noise = noise == null ? SECURE : noise.toLowerCase(Locale.ROOT);
        if (noise.equals("seeded")) {
            noise = DEMONSTRATION;
        }
        evaluationsPerEpoch = evaluationsPerEpoch == null ? 1 : evaluationsPerEpoch;
        if (!noise.equals(DEMONSTRATION) && !noise.equals(SECURE)) {
            throw new IllegalArgumentException("noise must be 'secure' or 'demonstration' (alias 'seeded'), got '"
                    + noise + "'");
        }
        if (targetAccuracy != null && !(targetAccuracy > 0 && targetAccuracy <= 1)) {
            throw new IllegalArgumentException("target_accuracy must be in (0, 1], got " + targetAccuracy);
        }
        if (evaluationsPerEpoch < 1 || evaluationsPerEpoch > 100) {
            throw new IllegalArgumentException("evaluations_per_epoch must be in [1, 100], got " + evaluationsPerEpoch);
        }
    }

    /** Noise values: the secure default, and reproducible demonstration noise. */
    public static final String SECURE = "secure";
    public static final String DEMONSTRATION = "demonstration";

    /** True unless the configuration asks for demonstration noise. */
    public boolean secureNoise() {
        return noise.equals(SECURE);
    }

    /** A copy with one component replaced (e.g. {@code with("seed", 3L)}); the checks above apply. */
    public UnlearningConfig with(String component, Object value) {
        return Records.with(this, component, value);
    }

    /** Strict readers ({@link StrictMappers}: duplicate keys, coercions and empty values refused), snake_case keys. */
    private static final ObjectMapper JSON = StrictMappers.jsonBuilder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();
    private static final ObjectMapper YAML = StrictMappers.yamlBuilder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    /**
     * Reads a JSON ({@code .json}) or YAML (anything else) configuration. A file that cannot be read
     * is an {@link IOException}; content that is not a valid configuration an
     * {@link IllegalArgumentException} of one line naming the file, line, column and key path.
     */
    public static UnlearningConfig load(Path file) throws IOException {
        boolean json = file.getFileName() != null
                && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        return parse(InputFiles.readBytes(file, StrictMappers.MAX_TEXT_BYTES), json, file.toString());
    }

    /** Parses configuration text; errors (IllegalArgumentException) name the source, line, column and key. */
    public static UnlearningConfig parse(String text, boolean json, String source) {
        return parse(text.getBytes(StandardCharsets.UTF_8), json, source);
    }

    private static UnlearningConfig parse(byte[] text, boolean json, String source) {
        try {
            return StrictMappers.parse(text, UnlearningConfig.class, json ? JSON : YAML, source);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** JSON text of this configuration (reopens to an equal configuration). */
    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
