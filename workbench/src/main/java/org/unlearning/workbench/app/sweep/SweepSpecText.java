package org.unlearning.workbench.app.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The YAML of a sweep specification (docs/sweeps.md) from a few typed fields — what the window's
 * sweep form writes: a base preset, the methods to compare, axes with values typed as a list
 * ({@code 0.3, 1, 3}) or a range ({@code log 0.01 10 4}, {@code linear 100 900 5}), seeds and the
 * fine-tune epochs.
 */
public final class SweepSpecText {
    /** One axis as typed: a parameter key and its values. */
    public record Axis(String key, String values) {}

    private SweepSpecText() {}

    /**
     * The YAML of a sweep: {@code preset} as base, {@code epochs} (0: the preset's) set on it, the
     * axes, then the method axis when {@code methods} is not empty, seeds 0 … {@code seeds} − 1.
     *
     * @throws IllegalArgumentException a range is malformed
     */
    public static String yaml(String preset, List<String> methods, List<Axis> axes, int seeds, int epochs) {
        StringBuilder b = new StringBuilder();
        Map<String, String> labels = new LinkedHashMap<>();
        axes.forEach(a -> labels.put(a.key(), a.values()));
        String name = "sweep-" + preset + (axes.isEmpty() ? "" : "-" + String.join("-", labels.keySet()))
                .replaceAll("[^A-Za-z0-9_.-]", "-");
        b.append("name: ").append(name).append('\n');
        b.append("base:\n  preset: ").append(preset).append('\n');
        if (epochs > 0) {
            b.append("  set:\n    fine_tune.epochs: ").append(epochs).append('\n');
        }
        if (!axes.isEmpty() || !methods.isEmpty()) {
            b.append("axes:\n");
            for (Axis a : axes) {
                b.append("  ").append(a.key()).append(": ").append(values(a)).append('\n');
            }
            if (!methods.isEmpty()) {
                b.append("  method: [").append(String.join(", ", methods)).append("]\n");
            }
        }
        b.append("seeds: [");
        for (int s = 0; s < seeds; s++) {
            b.append(s == 0 ? "" : ", ").append(s);
        }
        return b.append("]\n").toString();
    }

    /** {@code 0.3, 1, 3} → {@code [0.3, 1, 3]}; {@code log 0.01 10 4} → {@code {log: {from: 0.01, to: 10, count: 4}}}. */
    public static String values(Axis a) {
        String[] w = a.values().trim().split("\\s+");
        String kind = w[0].toLowerCase(Locale.ROOT);
        if (kind.equals("log") || kind.equals("linear")) {
            if (w.length != 4) {
                throw new IllegalArgumentException(a.key() + ": write " + kind + " FROM TO COUNT, e.g. " + kind
                        + " 0.01 10 4");
            }
            return "{" + kind + ": {from: " + w[1] + ", to: " + w[2] + ", count: " + w[3] + "}}";
        }
        List<String> items = new ArrayList<>();
        for (String v : a.values().split("[,;\\s]+")) {
            if (!v.isBlank()) {
                items.add(v.strip());
            }
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException(a.key() + ": no values");
        }
        return "[" + String.join(", ", items) + "]";
    }
}
