package org.unlearning.workbench.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.unlearning.workbench.engine.io.StrictMappers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep as written in YAML (docs/sweeps.md): a base run, axes over its parameters (the method
 * among them), seeds and the target accuracy of compute savings. Read strictly
 * ({@link StrictMappers}: unknown or repeated keys, empty values and wrong types are errors naming
 * the line); {@link SweepPlanner} turns it into runs.
 * <pre>
 * name: mnist-epsilon-frontier
 * base:
 *   preset: mnist-gradclip          # or config: path/to/run.yaml (relative to the spec file)
 *   set: {fine_tune.epochs: 1}      # fixed changes to the base, same keys as axes
 * axes:                             # a grid: every combination of the values, in this order
 *   epsilon: [0.1, 1, 10]           # a list
 *   init_clip: {log: {from: 0.01, to: 10, count: 4}}   # or linear: …, or random: {from, to, count, log, seed}
 *   method: [gradient_clipping, retrain]
 * methods:                          # optional: the method section per method (else the first preset of that method)
 *   model_clipping: {preset: mnist-modelclip}
 * seeds: [0, 1, 2]                  # one run per seed per point
 * target_accuracy: 0.85             # A of compute savings (else retraining's final accuracy − 1 point)
 * </pre>
 *
 * @param name           label of the sweep
 * @param description    free text
 * @param base           the run every point starts from
 * @param axes           axis key → values (a list or a range mapping), in grid order
 * @param methods        method key → its {@code method:} section, or {@code {preset: NAME}}
 * @param seeds          seeds of every point (default: the base's seed)
 * @param targetAccuracy target test accuracy of compute savings, or null
 */
public record SweepSpec(String name, String description, Base base, LinkedHashMap<String, JsonNode> axes,
                        LinkedHashMap<String, JsonNode> methods, List<Long> seeds, Double targetAccuracy) {
    /**
     * The base run: a preset or a configuration file, and fixed changes.
     *
     * @param preset a run preset's name ({@code unlearn --preset})
     * @param config a run configuration file (YAML/JSON), relative to the spec's folder
     * @param set    key → value changes applied to every point (keys as for axes)
     */
    public record Base(String preset, String config, LinkedHashMap<String, JsonNode> set) {
        public Base {
            if ((preset == null) == (config == null)) {
                throw new IllegalArgumentException("base needs exactly one of preset or config");
            }
            set = set == null ? new LinkedHashMap<>() : set;
        }
    }

    public SweepSpec {
        if (base == null) {
            throw new IllegalArgumentException("a sweep needs a base (base: {preset: NAME} or base: {config: FILE})");
        }
        name = name == null ? "sweep" : name;
        axes = axes == null ? new LinkedHashMap<>() : axes;
        methods = methods == null ? new LinkedHashMap<>() : methods;
        seeds = seeds == null ? List.of() : List.copyOf(seeds);
        if (seeds.stream().distinct().count() != seeds.size()) {
            throw new IllegalArgumentException("seeds lists a seed twice: " + seeds);
        }
        if (targetAccuracy != null && !(targetAccuracy > 0 && targetAccuracy <= 1)) {
            throw new IllegalArgumentException("target_accuracy must be in (0, 1], got " + targetAccuracy);
        }
        if (axes.containsKey("seed")) {
            throw new IllegalArgumentException("axes.seed: give seeds in 'seeds: [0, 1, 2]'");
        }
    }

    private static final ObjectMapper YAML = StrictMappers.yamlBuilder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    /** Reads a sweep file; errors name the file, line and key. */
    public static SweepSpec load(Path file) throws IOException {
        return StrictMappers.read(file, SweepSpec.class, YAML);
    }

    /** Parses sweep text; {@code source} names it in errors. */
    public static SweepSpec parse(String text, String source) throws IOException {
        return StrictMappers.parse(text.getBytes(StandardCharsets.UTF_8), SweepSpec.class, YAML, source);
    }

    /** Names of the shipped sweeps (resources {@code /sweeps/index.txt}), in display order. */
    public static List<String> presets() {
        return PresetIndex.NAMES;
    }

    /** A shipped sweep's YAML text. */
    public static String presetText(String name) throws IOException {
        if (!presets().contains(name)) {
            throw new IllegalArgumentException("unknown sweep preset '" + name + "' (available: "
                    + String.join(", ", presets()) + ")");
        }
        try (InputStream in = SweepSpec.class.getResourceAsStream("/sweeps/" + name + ".yaml")) {
            if (in == null) {
                throw new IOException("sweep resource /sweeps/" + name + ".yaml is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A shipped sweep. */
    public static SweepSpec preset(String name) throws IOException {
        return parse(presetText(name), "sweep preset " + name);
    }

    /** The first comment lines of a shipped sweep (its description for {@code sweep list}). */
    public static String presetSummary(String name) throws IOException {
        SweepSpec s = preset(name);
        return s.description() == null ? "" : s.description().strip();
    }

    private static final class PresetIndex {
        static final List<String> NAMES = read();

        private static List<String> read() {
            try (InputStream in = SweepSpec.class.getResourceAsStream("/sweeps/index.txt")) {
                if (in == null) {
                    return List.of();
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The axes as an unmodifiable view. */
    public Map<String, JsonNode> axisNodes() {
        return java.util.Collections.unmodifiableMap(axes);
    }
}
