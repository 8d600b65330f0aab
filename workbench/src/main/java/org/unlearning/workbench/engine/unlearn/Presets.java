package org.unlearning.workbench.engine.unlearn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Named run configurations (theory.md §10.1 set-ups and the workbench's own), stored as YAML
 * resources under {@code /presets/} and listed, in display order, in {@code /presets/index.txt}.
 * A preset whose {@code data.needs} says what data it needs is loaded only with a data source.
 */
public final class Presets {
    /** Every preset name, in display order. */
    public static final List<String> NAMES = index();

    private Presets() {}

    private static List<String> index() {
        try (InputStream in = Presets.class.getResourceAsStream("/presets/index.txt")) {
            if (in == null) {
                throw new IllegalStateException("resource /presets/index.txt is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The preset's YAML text. */
    public static String text(String name) throws IOException {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown preset '" + name + "' (available: " + String.join(", ", NAMES) + ")");
        }
        try (InputStream in = Presets.class.getResourceAsStream("/presets/" + name + ".yaml")) {
            if (in == null) {
                throw new IOException("preset resource /presets/" + name + ".yaml is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Loads a preset; {@code dataSource} (may be null) overrides its data source. */
    public static UnlearningConfig load(String name, String dataSource) throws IOException {
        UnlearningConfig c = parse(name);
        if (dataSource != null) {
            return c.with("data", c.data().withSource(dataSource));
        }
        if (c.data().needs() != null) {
            throw new IllegalArgumentException("preset " + name + " needs --data PATH (" + c.data().needs() + ")");
        }
        return c;
    }

    /** Whether the preset needs a data source ({@code --data}). */
    public static boolean requiresData(String name) {
        try {
            return parse(name).data().needs() != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static UnlearningConfig parse(String name) throws IOException {
        return UnlearningConfig.parse(text(name), false, "preset " + name);
    }
}
