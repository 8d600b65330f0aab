package org.unlearning.workbench.engine.unlearn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Named configurations from the paper's set-ups (theory.md §10.1), stored as YAML resources under
 * {@code /presets/}: MNIST presets run on the bundled data; CIFAR-10 presets need a data folder.
 */
public final class Presets {
    public static final List<String> NAMES = List.of(
            "mnist-gradclip", "mnist-modelclip", "mnist-output-perturbation", "mnist-retrain",
            "cifar10-gradclip", "cifar10-modelclip", "cifar10-output-perturbation", "cifar10-retrain");

    private Presets() {}

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
        UnlearningConfig c = UnlearningConfig.parse(text(name), false, "preset " + name);
        if (dataSource != null) {
            DataConfig d = c.data();
            c = c.withData(new DataConfig(dataSource, d.validationFraction(), d.forgetFraction(), d.forgetFile(),
                    d.splitSeed(), d.evaluationLimit(), d.standardize()));
        } else if (requiresData(name)) {
            throw new IllegalArgumentException("preset " + name + " needs --data PATH (a CIFAR-10 binary folder with "
                    + "data_batch_1..5.bin and test_batch.bin)");
        }
        return c;
    }

    public static boolean requiresData(String name) {
        return name.startsWith("cifar10-");
    }
}
