package org.unlearning.workbench.engine.unlearn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
 * @param seed              seed of minibatch order, retrain initialisation and (seeded) noise
 * @param noise             seeded | secure
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
        noise = noise == null ? "seeded" : noise.toLowerCase(Locale.ROOT);
        evaluationsPerEpoch = evaluationsPerEpoch == null ? 1 : evaluationsPerEpoch;
        if (!noise.equals("seeded") && !noise.equals("secure")) {
            throw new IllegalArgumentException("noise must be 'seeded' or 'secure', got '" + noise + "'");
        }
        if (targetAccuracy != null && !(targetAccuracy > 0 && targetAccuracy <= 1)) {
            throw new IllegalArgumentException("target_accuracy must be in (0, 1], got " + targetAccuracy);
        }
        if (evaluationsPerEpoch < 1 || evaluationsPerEpoch > 100) {
            throw new IllegalArgumentException("evaluations_per_epoch must be in [1, 100], got " + evaluationsPerEpoch);
        }
    }

    public boolean secureNoise() {
        return noise.equals("secure");
    }

    /** A copy with one component replaced (e.g. {@code with("seed", 3L)}); the checks above apply. */
    public UnlearningConfig with(String component, Object value) {
        return Records.with(this, component, value);
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Reads a JSON ({@code .json}) or YAML (anything else) configuration. */
    public static UnlearningConfig load(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException("config file " + file + " does not exist");
        }
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        return parse(text, json, file.toString());
    }

    /** Parses configuration text; errors name the source and the offending key. */
    public static UnlearningConfig parse(String text, boolean json, String source) throws IOException {
        try {
            UnlearningConfig c = (json ? JSON : YAML).readValue(text, UnlearningConfig.class);
            if (c == null) {
                throw new IOException("config " + source + " is empty");
            }
            return c;
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("config " + source + ": " + cause.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IOException("config " + source + ": " + e.getOriginalMessage(), e);
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
