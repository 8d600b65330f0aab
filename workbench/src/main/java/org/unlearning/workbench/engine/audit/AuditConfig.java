package org.unlearning.workbench.engine.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.unlearning.workbench.engine.io.StrictMappers;
import org.unlearning.workbench.engine.unlearn.DataConfig;
import org.unlearning.workbench.engine.unlearn.FineTuneConfig;
import org.unlearning.workbench.engine.unlearn.MethodConfig;
import org.unlearning.workbench.engine.unlearn.ModelConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An empirical audit (theory.md §15) as a YAML file: which canaries, which methods, how many runs.
 *
 * @param name       free label (preset name)
 * @param runs       R: unlearning runs per world of the distinguishing audit (§15.2), ≥ 4
 * @param alpha      1 − confidence of ε̂ (default 0.05)
 * @param statistic  {@code logit_margin} (default) or {@code negative_loss}; a release's score is its
 *                   mean over the canaries (higher = "was trained")
 * @param canaries   the canaries of the distinguishing audit: all in W1, all absent in W0
 * @param oneRun     the one-run audit (§15.3), or null to skip it
 * @param data       the data (source, validation split, evaluation limit); its forget settings do not
 *                   apply: the forget set of every audit run is the canaries
 * @param model      the originals' architecture and base training (trained here, once per world)
 * @param fineTune   the noise-free fine-tuning of every method — and the budget of the non-private
 *                   reference of the power check (§15.4)
 * @param methods    the audited methods with their parameters
 * @param seed       first run seed (run r of both worlds uses seed + r: same minibatch order)
 * @param noise      {@code secure} (default; certified runs) or {@code seeded}
 */
public record AuditConfig(String name, Integer runs, Double alpha, String statistic, CanarySpec canaries,
                          OneRun oneRun, DataConfig data, ModelConfig model, FineTuneConfig fineTune,
                          List<MethodConfig> methods, Long seed, String noise) {
    /** Index of the bundled audit presets (classpath {@code /audit-presets/}). */
    public static final List<String> PRESETS = List.of("mnist-audit-smoke", "mnist-audit");

    /**
     * The one-run audit: {@code canaries.count()} = m canaries, each in W1 with probability ½ (coin
     * flips from {@code seed}); the auditor guesses on the {@code guesses/2} highest and lowest scores.
     */
    public record OneRun(CanarySpec canaries, Integer guesses, Long seed) {
        public OneRun {
            if (canaries == null) {
                throw new IllegalArgumentException("one_run.canaries is missing");
            }
            guesses = guesses == null ? Math.max(2, canaries.count() / 5) : guesses;
            seed = seed == null ? 0L : seed;
            if (guesses < 2 || guesses > canaries.count()) {
                throw new IllegalArgumentException("one_run.guesses must be in [2, m = " + canaries.count() + "], got "
                        + guesses);
            }
        }

        public int kPlus() { return guesses / 2; }

        public int kMinus() { return guesses - guesses / 2; }
    }

    public AuditConfig {
        name = name == null ? "custom" : name;
        runs = runs == null ? 20 : runs;
        alpha = alpha == null ? 0.05 : alpha;
        statistic = statistic == null ? "logit_margin" : statistic.toLowerCase(Locale.ROOT);
        data = data == null ? new DataConfig(null, 0.0, null, null, null, null) : data;
        model = model == null ? new ModelConfig(null, null, null, null) : model;
        fineTune = fineTune == null ? FineTuneConfig.none() : fineTune;
        seed = seed == null ? 0L : seed;
        noise = noise == null ? "secure" : noise.toLowerCase(Locale.ROOT);
        if (runs < 4 || runs > 100_000) {
            throw new IllegalArgumentException("runs must be in [4, 100000] (half of each world chooses the threshold, "
                    + "half is counted), got " + runs);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        statistic(statistic);
        if (canaries == null) {
            throw new IllegalArgumentException("canaries is missing (mislabeled, synthetic, seed)");
        }
        if (methods == null || methods.isEmpty()) {
            throw new IllegalArgumentException("methods is missing: list at least one method to audit");
        }
        methods = List.copyOf(methods);
        if (!noise.equals("secure") && !noise.equals("seeded")) {
            throw new IllegalArgumentException("noise must be 'secure' or 'seeded', got '" + noise + "'");
        }
        if (data.canaries() != null || data.requests() != null || data.forgetFile() != null) {
            throw new IllegalArgumentException("data: the audit plants its own canaries and forgets them; remove "
                    + "data.canaries, data.requests and data.forget_file");
        }
    }

    /** The attack statistic. */
    public CanaryScores.Statistic scoreStatistic() {
        return statistic(statistic);
    }

    private static CanaryScores.Statistic statistic(String s) {
        return switch (s) {
            case "logit_margin" -> CanaryScores.Statistic.LOGIT_MARGIN;
            case "negative_loss" -> CanaryScores.Statistic.NEGATIVE_LOSS;
            default -> throw new IllegalArgumentException("statistic must be logit_margin or negative_loss, got '" + s + "'");
        };
    }

    /** A copy with another R. */
    public AuditConfig withRuns(int r) {
        return new AuditConfig(name, r, alpha, statistic, canaries, oneRun, data, model, fineTune, methods, seed, noise);
    }

    /** A copy with only the methods whose key is in {@code keys} (in the preset's order). */
    public AuditConfig withMethods(List<String> keys) {
        List<MethodConfig> kept = new ArrayList<>();
        for (MethodConfig m : methods) {
            if (keys.contains(m.key())) {
                kept.add(m);
            }
        }
        for (String k : keys) {
            if (methods.stream().noneMatch(m -> m.key().equals(k))) {
                throw new IllegalArgumentException("method '" + k + "' is not in audit " + name + " (it has "
                        + String.join(", ", methods.stream().map(MethodConfig::key).toList()) + ")");
            }
        }
        return new AuditConfig(name, runs, alpha, statistic, canaries, oneRun, data, model, fineTune, kept, seed, noise);
    }

    private static final ObjectMapper YAML = StrictMappers.yamlBuilder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    /** Reads an audit file (YAML or JSON); errors name the file, line and key. */
    public static AuditConfig load(Path file) throws IOException {
        return StrictMappers.read(file, AuditConfig.class, YAML);
    }

    /** A bundled preset by name. */
    public static AuditConfig preset(String name) throws IOException {
        if (!PRESETS.contains(name)) {
            throw new IllegalArgumentException("unknown audit preset '" + name + "' (known: " + String.join(", ", PRESETS)
                    + ")");
        }
        try (InputStream in = AuditConfig.class.getResourceAsStream("/audit-presets/" + name + ".yaml")) {
            if (in == null) {
                throw new IOException("audit preset " + name + " is missing from the build");
            }
            return StrictMappers.parse(in.readAllBytes(), AuditConfig.class, YAML, "audit preset " + name);
        }
    }
}
