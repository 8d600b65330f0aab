package org.unlearning.workbench.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.unlearning.workbench.accounting.method.MethodAccountant;
import org.unlearning.workbench.accounting.method.ParameterDescription;
import org.unlearning.workbench.accounting.registry.MethodRegistry;
import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.data.DatasetLoader;
import org.unlearning.workbench.engine.data.DatasetSplit;
import org.unlearning.workbench.engine.data.ForgetSet;
import org.unlearning.workbench.engine.run.DeletionRequests;
import org.unlearning.workbench.engine.run.EngineRegistry;
import org.unlearning.workbench.engine.unlearn.Calibration;
import org.unlearning.workbench.engine.unlearn.Calibrator;
import org.unlearning.workbench.engine.unlearn.DataConfig;
import org.unlearning.workbench.engine.unlearn.Presets;
import org.unlearning.workbench.engine.unlearn.UnlearningConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link SweepSpec} into runs: the grid of axis values (the method axis first, so that a
 * point's method parameters are those of its method), one configuration per point, checked before
 * anything runs — a configuration the schema refuses, or that the method's accountant finds
 * infeasible on the data's sizes ({@link Calibrator}, the check the run itself makes), is listed
 * with its reason and left out. An axis a method does not take (ε for retraining) is left empty in
 * that method's labels, and points that end up with the same configuration run once.
 * <p>
 * Axis and {@code base.set} keys: {@code method}; a method parameter by key, YAML key or alias
 * ({@code epsilon}, {@code init_clip}/{@code c0}, {@code steps}/{@code T}; {@code auto} unsets an
 * optional one); a top-level configuration key ({@code target_accuracy}, {@code noise}, …); or a
 * dotted path ({@code fine_tune.epochs}, {@code data.forget_fraction}, {@code method.init_clip}).
 */
public final class SweepPlanner {
    /** Column of the method axis (and of the executor's method column). */
    public static final String METHOD = "method";
    /** Most runs one sweep may plan. */
    public static final int MAX_TASKS = 100_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CONFIG_KEYS = Set.of("name", "data", "model", "method", "fine_tune",
            "retrain_baseline", "retrain_recipe", "target_accuracy", "noise", "evaluations_per_epoch");

    private final SweepSpec spec;
    private final Path specDir;
    private final Path baseDir;
    private final Map<String, DataFacts> facts = new HashMap<>();

    /** Sizes a data section gives, or why it cannot be loaded. */
    private record DataFacts(MethodAccountant.DataFacts sizes, int retain, String error) {}

    private SweepPlanner(SweepSpec spec, Path specDir, Path baseDir) {
        this.spec = spec;
        this.specDir = specDir;
        this.baseDir = baseDir;
    }

    /**
     * Plans {@code spec}.
     *
     * @param specDir folder a {@code base.config} path is relative to (the spec file's folder)
     * @param runsDir where the runs' folders go ({@code runsDir/<task id>})
     * @param baseDir relative data and model paths are resolved against it, as the executor does
     * @throws IllegalArgumentException the spec itself is wrong (unknown key, bad range, bad base)
     * @throws IOException              the base configuration cannot be read
     */
    public static SweepPlan plan(SweepSpec spec, Path specDir, Path runsDir, Path baseDir) throws IOException {
        return new SweepPlanner(spec, specDir, baseDir).plan(runsDir);
    }

    private SweepPlan plan(Path runsDir) throws IOException {
        ObjectNode base = tree(baseConfig());
        for (Map.Entry<String, JsonNode> e : spec.base().set().entrySet()) {
            requireKnownKey("base.set." + e.getKey(), e.getKey());
            if (!apply(base, e.getKey(), e.getValue())) {
                throw new IllegalArgumentException("base.set." + e.getKey() + ": method "
                        + base.path("method").path("type").asText() + " has no parameter '" + e.getKey() + "'");
            }
        }
        if (spec.targetAccuracy() != null) {
            base.put("target_accuracy", spec.targetAccuracy());
        }
        List<SweepAxis> axes = axes();
        List<Long> seeds = spec.seeds().isEmpty() ? List.of(base.path("seed").asLong(0)) : spec.seeds();

        List<SweepTask> tasks = new ArrayList<>();
        List<Double> cost = new ArrayList<>();
        List<SweepPlan.Rejected> rejected = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Map<String, Integer> merged = new LinkedHashMap<>();
        Map<String, Set<String>> ignored = new LinkedHashMap<>();
        int points = 0;
        for (List<JsonNode> combo : grid(axes)) {
            points++;
            ObjectNode t = base.deepCopy();
            Map<String, String> labels = new LinkedHashMap<>();
            axes.forEach(a -> labels.put(a.key(), ""));
            String refusal = null;
            for (int pass = 0; pass < 2 && refusal == null; pass++) { // the method first, then its parameters
                for (int i = 0; i < axes.size(); i++) {
                    String key = axes.get(i).key();
                    if ((pass == 0) != key.equals(METHOD)) {
                        continue;
                    }
                    try {
                        if (apply(t, key, combo.get(i))) {
                            labels.put(key, SweepAxis.label(combo.get(i)));
                        } else {
                            ignored.computeIfAbsent(t.path("method").path("type").asText(), k -> new java.util.TreeSet<>())
                                    .add(key);
                        }
                    } catch (IllegalArgumentException ex) {
                        labels.put(key, SweepAxis.label(combo.get(i)));
                        refusal = ex.getMessage();
                    }
                }
            }
            if (refusal != null) {
                rejected.add(new SweepPlan.Rejected(labels, refusal));
                continue;
            }
            UnlearningConfig config;
            Calibration calibration;
            try {
                config = UnlearningConfig.parse(JSON.writeValueAsString(t), true, "point " + SweepPlan.describe(labels));
                calibration = feasibility(config);
            } catch (IllegalArgumentException | IOException ex) {
                rejected.add(new SweepPlan.Rejected(labels, ex.getMessage()));
                continue;
            }
            for (long seed : seeds) {
                SweepTask task = UnlearningTaskExecutor.task(config.with("seed", seed), runsDir, labels);
                if (!ids.add(task.id())) {
                    merged.merge(config.method().key(), 1, Integer::sum);
                    continue;
                }
                tasks.add(task);
                cost.add(RunCost.seconds(config, calibration, facts.get(dataKey(config)).retain()));
                if (tasks.size() > MAX_TASKS) {
                    throw new IllegalArgumentException("the sweep plans more than " + MAX_TASKS + " runs; use fewer values");
                }
            }
        }
        ignored.forEach((method, keys) -> notes.add(method + " takes no " + String.join(", ", keys)
                + ": left empty in its rows"));
        merged.forEach((method, n) -> notes.add(method + ": " + n + " run" + (n == 1 ? "" : "s")
                + " of other points had the same configuration and run once"));
        return new SweepPlan(spec.name(), axes.stream().map(SweepAxis::key).toList(), points, tasks, rejected, notes,
                cost);
    }

    private UnlearningConfig baseConfig() throws IOException {
        SweepSpec.Base b = spec.base();
        if (b.preset() != null) {
            return Presets.load(b.preset(), null);
        }
        Path file = specDir.resolve(b.config());
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("base.config " + file + " does not exist");
        }
        return UnlearningConfig.load(file);
    }

    private static ObjectNode tree(UnlearningConfig c) throws IOException {
        return (ObjectNode) JSON.readTree(c.toJson());
    }

    /** The axes, checked: known keys, values typed for integer parameters. */
    private List<SweepAxis> axes() {
        List<SweepAxis> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : spec.axes().entrySet()) {
            String key = e.getKey();
            requireKnownKey("axes." + key, key);
            out.add(SweepAxis.of(key, e.getValue(), integerParameter(key)));
        }
        return out;
    }

    private static void requireKnownKey(String where, String key) {
        if (key.equals(METHOD) || key.contains(".") || CONFIG_KEYS.contains(key)) {
            return;
        }
        for (MethodAccountant<?> m : MethodRegistry.all()) {
            if (m.schema().parameter(key).isPresent()) {
                return;
            }
        }
        if (key.equals("seed")) {
            throw new IllegalArgumentException(where + ": give seeds in 'seeds: [0, 1, 2]'");
        }
        throw new IllegalArgumentException(where + ": '" + key + "' is neither a parameter of any method ("
                + String.join(", ", MethodRegistry.keys()) + ") nor a configuration key (" + String.join(", ",
                CONFIG_KEYS.stream().sorted().toList()) + ", or a dotted path such as fine_tune.epochs)");
    }

    private static boolean integerParameter(String key) {
        for (MethodAccountant<?> m : MethodRegistry.all()) {
            if (m.schema().parameter(key).map(ParameterDescription::integer).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /** Every combination of the axes' values, the last axis varying fastest (one empty combination without axes). */
    private static List<List<JsonNode>> grid(List<SweepAxis> axes) {
        List<List<JsonNode>> out = new ArrayList<>();
        out.add(List.of());
        for (SweepAxis a : axes) {
            List<List<JsonNode>> next = new ArrayList<>();
            for (List<JsonNode> prefix : out) {
                for (JsonNode v : a.values()) {
                    List<JsonNode> c = new ArrayList<>(prefix);
                    c.add(v);
                    next.add(c);
                }
            }
            out = next;
            if (out.size() > MAX_TASKS) {
                throw new IllegalArgumentException("the axes make more than " + MAX_TASKS + " points; use fewer values");
            }
        }
        return out;
    }

    /**
     * Sets {@code key} to {@code value} in the configuration tree; false when the point's method
     * has no such parameter (the axis does not apply to it).
     */
    private boolean apply(ObjectNode t, String key, JsonNode value) throws IOException {
        if (key.equals(METHOD)) {
            String k = MethodRegistry.get(value.asText()).key();
            if (spec.methods().get(k) == null && k.equals(t.path("method").path("type").asText())) {
                return true; // the base's own method keeps the base's section (with base.set applied)
            }
            t.set("method", methodSection(k));
            return true;
        }
        if (key.contains(".")) {
            String[] parts = key.split("\\.");
            ObjectNode at = t;
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode next = at.get(parts[i]);
                if (next == null || next.isNull()) {
                    next = at.putObject(parts[i]);
                }
                if (!next.isObject()) {
                    throw new IllegalArgumentException(key + ": " + parts[i] + " is not a section");
                }
                at = (ObjectNode) next;
            }
            set(at, parts[parts.length - 1], integral(value));
            return true;
        }
        if (CONFIG_KEYS.contains(key)) {
            set(t, key, integral(value));
            return true;
        }
        MethodAccountant<?> m = MethodRegistry.get(t.path("method").path("type").asText());
        var d = m.schema().parameter(key);
        if (d.isEmpty()) {
            return false;
        }
        JsonNode v = d.get().integer() && value.isNumber() ? new LongNode(Math.round(value.doubleValue())) : value;
        set((ObjectNode) t.get("method"), d.get().yamlKey(), v);
        return true;
    }

    /**
     * A configuration key's type is not known here: a whole number from a range (1.0) is written as
     * {@code 1}, which a whole-number field requires and a decimal field accepts.
     */
    private static JsonNode integral(JsonNode value) {
        double d = value.isNumber() ? value.doubleValue() : Double.NaN;
        return value.isFloatingPointNumber() && d == Math.rint(d) && Math.abs(d) < 1e15 ? new LongNode((long) d) : value;
    }

    /** {@code auto} removes a key (an optional parameter the method then decides, e.g. T by its rule). */
    private static void set(ObjectNode at, String field, JsonNode value) {
        if (value instanceof TextNode tx && tx.asText().equals("auto")) {
            at.remove(field);
        } else {
            at.set(field, value);
        }
    }

    /**
     * The {@code method:} section of a method other than the base's: from {@code methods.<key>} in the
     * spec (a mapping of parameters, or {@code {preset: NAME}}), else from the first preset of that
     * method, else the method's defaults.
     */
    private JsonNode methodSection(String key) throws IOException {
        String k = MethodRegistry.get(key).key();
        JsonNode given = spec.methods().get(k);
        if (given != null) {
            if (!given.isObject()) {
                throw new IllegalArgumentException("methods." + k + " must be a mapping");
            }
            if (given.has("preset")) {
                if (given.size() != 1) {
                    throw new IllegalArgumentException("methods." + k + ": preset takes no other keys");
                }
                return presetMethod(given.get("preset").asText(), k);
            }
            ObjectNode m = ((ObjectNode) given).deepCopy();
            m.put("type", k);
            return m;
        }
        for (String name : Presets.NAMES) {
            UnlearningConfig c = UnlearningConfig.parse(Presets.text(name), false, "preset " + name);
            if (c.method().key().equals(k) && c.data().needs() == null) {
                return JSON.valueToTree(c.method().toMap());
            }
        }
        return JSON.valueToTree(org.unlearning.workbench.engine.unlearn.MethodConfig.defaults(k).toMap());
    }

    private static JsonNode presetMethod(String preset, String key) throws IOException {
        UnlearningConfig c = UnlearningConfig.parse(Presets.text(preset), false, "preset " + preset);
        if (!c.method().key().equals(key)) {
            throw new IllegalArgumentException("methods." + key + ": preset " + preset + " is a " + c.method().key()
                    + " preset");
        }
        return JSON.valueToTree(c.method().toMap());
    }

    /** The plan the run would make on its data (same check, same message); refuses what the run would refuse. */
    private Calibration feasibility(UnlearningConfig c) throws IOException {
        String key = c.method().key();
        if (!EngineRegistry.runs(key)) {
            throw new IllegalArgumentException(key + " has no engine: it can be calculated, not run");
        }
        if (EngineRegistry.engine(key).trainsOriginal() && c.model().path() != null) {
            throw new IllegalArgumentException(key + " trains its own original in the run; remove model.path");
        }
        DataFacts f = facts.computeIfAbsent(dataKey(c), k -> dataFacts(c.data()));
        if (f.error() != null) {
            throw new IllegalArgumentException(f.error());
        }
        return Calibrator.calibrate(c.method(), f.sizes());
    }

    private static String dataKey(UnlearningConfig c) {
        return JSON.valueToTree(c.data()).toString();
    }

    private DataFacts dataFacts(DataConfig d) {
        try {
            String source = switch (d.source().toLowerCase(Locale.ROOT)) {
                case "bundled", "mnist", "fashion-mnist" -> d.source();
                default -> baseDir.resolve(d.source()).toString();
            };
            DatasetSplit split = DatasetLoader.load(source);
            if (d.validationFraction() > 0) {
                split = split.withValidation(d.validationFraction(), d.splitSeed());
            }
            Dataset train = split.train();
            DataConfig resolved = d.forgetFile() == null ? d
                    : org.unlearning.workbench.engine.unlearn.Records.with(d, "forgetFile",
                    baseDir.resolve(d.forgetFile()).toString());
            List<ForgetSet> requests = DeletionRequests.of(resolved, train);
            int forget = requests.get(0).size();
            return new DataFacts(new MethodAccountant.DataFacts(train.size(), forget), train.size() - forget, null);
        } catch (IOException | RuntimeException e) {
            return new DataFacts(null, 0, "data " + d.source() + ": " + e.getMessage());
        }
    }
}
