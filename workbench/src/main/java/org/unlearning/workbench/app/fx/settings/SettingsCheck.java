package org.unlearning.workbench.app.fx.settings;

import org.unlearning.workbench.engine.io.InputFileException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The one check of experiment settings, for "Open settings…" and for the session restored at
 * start-up: every number finite, fractions in (0, 1), known modes and dataset ids, files that
 * exist, a sane window layout. Each failure is one line naming the file and the key.
 */
final class SettingsCheck {
    static final Set<String> DATASETS = Set.of("bundled", "mnist", "fashion-mnist", "path", "idx", "cifar", "csv");
    static final Set<String> FORGET_MODES = Set.of("fraction", "classes", "indices");

    private SettingsCheck() {}

    static void check(Session s, String source) throws InputFileException {
        check(s.settings(), source + ": settings");
        WindowLayout l = s.layout();
        require(Double.isFinite(l.width()) && l.width() > 0 && Double.isFinite(l.height()) && l.height() > 0,
                source, "layout", "width and height must be positive numbers, got " + l.width() + " × " + l.height());
        require(!Double.isInfinite(l.x()) && !Double.isInfinite(l.y()), source, "layout", "position must be finite");
        for (double d : l.dividers()) {
            require(d >= 0 && d <= 1, source, "layout.dividers", "each divider must be in [0, 1], got " + d);
        }
    }

    static void check(ExperimentSettings s, String source) throws InputFileException {
        for (Map.Entry<String, Double> e : s.parameters().entrySet()) {
            require(e.getValue() != null && Double.isFinite(e.getValue()), source, "parameters." + e.getKey(),
                    "not a finite number");
        }
        if (s.dataset() != null) {
            require(DATASETS.contains(s.dataset()), source, "dataset", "unknown dataset '" + s.dataset()
                    + "' (one of " + String.join(", ", DATASETS.stream().sorted().toList()) + ")");
            boolean path = !Set.of("bundled", "mnist", "fashion-mnist").contains(s.dataset());
            require(!path || s.datasetPath() != null, source, "datasetPath", "missing for dataset '" + s.dataset() + "'");
        }
        requireExists(s.datasetPath(), source, "datasetPath");
        if (s.forgetMode() != null) {
            require(FORGET_MODES.contains(s.forgetMode()), source, "forgetMode", "unknown mode '" + s.forgetMode()
                    + "' (fraction, classes or indices)");
        }
        if (s.forgetFraction() != null) {
            double f = s.forgetFraction();
            require(f > 0 && f < 1, source, "forgetFraction", "must be in (0, 1), got " + f);
        }
        if (s.forgetClasses() != null) {
            for (Integer c : s.forgetClasses()) {
                require(c != null && c >= 0, source, "forgetClasses", "classes are numbers ≥ 0, got " + c);
            }
        }
        requireExists(s.forgetIndexFile(), source, "forgetIndexFile");
        if (s.originalModel() != null && !s.originalModel().startsWith("sample:")) {
            requireExists(s.originalModel(), source, "originalModel");
        }
    }

    private static void requireExists(String path, String source, String key) throws InputFileException {
        if (path != null) {
            require(!path.isBlank() && Files.exists(Path.of(path)), source, key, "'" + path + "' does not exist");
        }
    }

    private static void require(boolean ok, String source, String key, String what) throws InputFileException {
        if (!ok) {
            throw new InputFileException(source + ": " + key + ": " + what);
        }
    }
}
