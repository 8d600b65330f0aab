package org.unlearning.workbench.engine.unlearn.newton;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A Newton unlearning run as a file (YAML or JSON, snake_case keys; presets under
 * {@code /presets/}; a user's file may give only some keys, the rest come from mnist-newton). {@code weight_decay: null} takes the original's training weight decay from
 * its metadata. Requests: {@code requests} disjoint random deletion requests of
 * {@code forget_fraction} of the training set each (seeded).
 */
public record NewtonRunConfig(
        @JsonProperty("data") String data,
        @JsonProperty("model") String model,
        @JsonProperty("epsilon") double epsilon,
        @JsonProperty("delta") double delta,
        @JsonProperty("C") double c,
        @JsonProperty("M") double m,
        @JsonProperty("lambda") double lambda,
        @JsonProperty("weight_decay") Double weightDecay,
        @JsonProperty("lissa_error_budget") double lissaErrorBudget,
        @JsonProperty("s1") int s1,
        @JsonProperty("s2") int s2,
        @JsonProperty("H") double scale,
        @JsonProperty("b") int batchSize,
        @JsonProperty("gradient") String gradient,
        @JsonProperty("lanczos_iterations") int lanczosIterations,
        @JsonProperty("lanczos_tolerance") double lanczosTolerance,
        @JsonProperty("spectrum_subsample") int spectrumSubsample,
        @JsonProperty("requests") int requests,
        @JsonProperty("forget_fraction") double forgetFraction,
        @JsonProperty("seed") long seed,
        @JsonProperty("retrain") boolean retrain) {

    public static final List<String> PRESETS = List.of("mnist-newton", "mnist-newton-sequential");

    public NewtonRunConfig {
        if (data == null || data.isBlank()) {
            data = "bundled";
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model: path of the original model folder is missing");
        }
        if (gradient == null) {
            gradient = "retain";
        }
        gradientChoice(gradient);
        if (requests < 1) {
            throw new IllegalArgumentException("requests must be >= 1, got " + requests);
        }
        if (!(forgetFraction > 0 && forgetFraction < 1)) {
            throw new IllegalArgumentException("forget_fraction must be in (0, 1), got " + forgetFraction);
        }
        if (forgetFraction * requests >= 1) {
            throw new IllegalArgumentException("requests x forget_fraction = " + requests * forgetFraction
                    + " would delete the whole training set");
        }
    }

    static GradientChoice gradientChoice(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "retain", "exact" -> GradientChoice.RETAIN_EXACT;
            case "forget-shortcut", "shortcut" -> GradientChoice.FORGET_SHORTCUT;
            default -> throw new IllegalArgumentException("gradient must be 'retain' or 'forget-shortcut', got '" + s + "'");
        };
    }

    /** The engine configuration; {@code trainingWeightDecay} is used when weight_decay is null. */
    public NewtonConfig newtonConfig(double trainingWeightDecay) {
        return new NewtonConfig(lambda, weightDecay == null ? trainingWeightDecay : weightDecay, c, m, lissaErrorBudget,
                epsilon, delta, new LissaConfig(s1, s2, scale, batchSize, seed), gradientChoice(gradient),
                lanczosIterations, lanczosTolerance, spectrumSubsample, FiniteDifferenceHvp.DEFAULT_STEP, 500, seed);
    }

    private static ObjectMapper yaml() {
        return new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    /** The snake_case keys a run file may contain. */
    public static List<String> keys() {
        return java.util.Arrays.stream(NewtonRunConfig.class.getRecordComponents())
                .map(NewtonRunConfig::key).toList();
    }

    private static String key(java.lang.reflect.RecordComponent c) {
        JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
        if (p == null) {
            try {
                p = NewtonRunConfig.class.getDeclaredField(c.getName()).getAnnotation(JsonProperty.class);
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(e);
            }
        }
        return p == null ? c.getName() : p.value();
    }

    /**
     * Parses YAML/JSON text; keys it does not give take the values of {@code defaults} (null: all
     * keys required). Errors name the offending key.
     */
    public static NewtonRunConfig parse(String text, String source, NewtonRunConfig defaults) {
        ObjectMapper mapper = yaml();
        try {
            com.fasterxml.jackson.databind.JsonNode node = mapper.readTree(text);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(source + ": expected a mapping of keys to values");
            }
            List<String> known = keys();
            java.util.Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String k = names.next();
                if (!known.contains(k)) {
                    throw new IllegalArgumentException(source + ": unknown key '" + k + "' (known: "
                            + String.join(", ", known) + ")");
                }
            }
            com.fasterxml.jackson.databind.node.ObjectNode merged = defaults == null
                    ? mapper.createObjectNode() : mapper.valueToTree(defaults);
            merged.setAll((com.fasterxml.jackson.databind.node.ObjectNode) node);
            for (String k : known) {
                if (!merged.has(k)) {
                    throw new IllegalArgumentException(source + ": key '" + k + "' is missing");
                }
            }
            return mapper.treeToValue(merged, NewtonRunConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException(source + ": unknown key '" + e.getPropertyName() + "'");
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            throw new IllegalArgumentException(source + ": " + c.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    /** A preset shipped in the jar. */
    public static NewtonRunConfig preset(String name) throws IOException {
        if (!PRESETS.contains(name)) {
            throw new IllegalArgumentException("unknown Newton preset '" + name + "' (available: "
                    + String.join(", ", PRESETS) + ")");
        }
        try (InputStream in = NewtonRunConfig.class.getResourceAsStream("/presets/" + name + ".yaml")) {
            if (in == null) {
                throw new IOException("preset resource /presets/" + name + ".yaml is missing from the build");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "preset " + name, null);
        }
    }

    public NewtonRunConfig with(String model, String data, Integer requests, Double forgetFraction, Boolean retrain) {
        return new NewtonRunConfig(data == null ? this.data : data, model == null ? this.model : model, epsilon, delta,
                c, m, lambda, weightDecay, lissaErrorBudget, s1, s2, scale, batchSize, gradient, lanczosIterations,
                lanczosTolerance, spectrumSubsample, requests == null ? this.requests : requests,
                forgetFraction == null ? this.forgetFraction : forgetFraction, seed,
                retrain == null ? this.retrain : retrain);
    }

    public NewtonRunConfig withLissa(int s1, int s2, double scale, int b) {
        return new NewtonRunConfig(data, model, epsilon, delta, c, m, lambda, weightDecay, lissaErrorBudget, s1, s2,
                scale, b, gradient, lanczosIterations, lanczosTolerance, spectrumSubsample, requests, forgetFraction,
                seed, retrain);
    }

    public NewtonRunConfig withGuarantee(double epsilon, double delta, double c, double m, double lambda,
                                         double lissaErrorBudget) {
        return new NewtonRunConfig(data, model, epsilon, delta, c, m, lambda, weightDecay, lissaErrorBudget, s1, s2,
                scale, batchSize, gradient, lanczosIterations, lanczosTolerance, spectrumSubsample, requests,
                forgetFraction, seed, retrain);
    }

    public NewtonRunConfig withSeed(long s) {
        return new NewtonRunConfig(data, model, epsilon, delta, c, m, lambda, weightDecay, lissaErrorBudget, s1, s2,
                scale, batchSize, gradient, lanczosIterations, lanczosTolerance, spectrumSubsample, requests,
                forgetFraction, s, retrain);
    }

    public NewtonRunConfig withSpectrum(int iterations, int subsample) {
        return new NewtonRunConfig(data, model, epsilon, delta, c, m, lambda, weightDecay, lissaErrorBudget, s1, s2,
                scale, batchSize, gradient, iterations, lanczosTolerance, subsample, requests, forgetFraction, seed,
                retrain);
    }
}
