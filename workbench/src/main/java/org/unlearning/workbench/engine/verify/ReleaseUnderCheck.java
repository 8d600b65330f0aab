package org.unlearning.workbench.engine.verify;

import com.fasterxml.jackson.databind.JsonNode;
import org.unlearning.workbench.engine.data.DatasetLoader;
import org.unlearning.workbench.engine.data.DatasetSplit;
import org.unlearning.workbench.engine.io.InputFileException;
import org.unlearning.workbench.engine.io.StrictMappers;
import org.unlearning.workbench.engine.model.ModelStore;
import org.unlearning.workbench.engine.run.RunDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A run folder opened for verification: its layout ({@link RunDirectory}), its certificate as
 * written (a JSON tree, so that any edit to it is seen as it is), the data folder given with
 * {@code --data} (or none) and, loaded once on demand, the released model. Opening refuses, with
 * one line, what cannot be verified at all: a missing folder, a folder without a certificate, a
 * certificate that is not a JSON object with a status and a method.
 */
public final class ReleaseUnderCheck {
    private final RunDirectory dir;
    private final JsonNode certificate;
    private final String data;
    private ModelStore.SavedModel model;
    private String modelProblem;
    private boolean loaded;
    private DatasetSplit dataset;
    private String dataProblem;
    private boolean dataLoaded;

    /** Data sources that name a dataset rather than a path ({@code DatasetLoader}). */
    private static final java.util.Set<String> KEYWORDS = java.util.Set.of("bundled", "mnist", "fashion-mnist");

    private ReleaseUnderCheck(RunDirectory dir, JsonNode certificate, String data) {
        this.dir = dir;
        this.certificate = certificate;
        this.data = data;
    }

    /**
     * Opens {@code runDir}; {@code data} (may be null) is the dataset the run used, as a data source
     * ({@code bundled}, {@code fashion-mnist}, a folder or a file).
     */
    public static ReleaseUnderCheck open(Path runDir, String data) throws IOException {
        if (runDir.toString().isBlank()) {
            throw new InputFileException("empty run folder name");
        }
        if (!Files.exists(runDir)) {
            throw new NoSuchFileException(runDir.toString(), null, "no such run folder");
        }
        if (!Files.isDirectory(runDir)) {
            throw new InputFileException(runDir + " is not a folder: give a run folder written by 'unlearn'");
        }
        RunDirectory d = RunDirectory.of(runDir);
        Path cert = d.certificateFile();
        if (!Files.isRegularFile(cert)) {
            throw new InputFileException(runDir + " is not a run folder with a release: " + d.relative(cert)
                    + " is missing");
        }
        JsonNode c = StrictMappers.readTree(cert);
        if (!c.isObject()) {
            throw new InputFileException(cert + ": not a certificate (expected a JSON object)");
        }
        for (String key : new String[] {"status", "method"}) {
            if (!c.path(key).isTextual()) {
                throw new InputFileException(cert + ": not a certificate (no '" + key + "')");
            }
        }
        if (data != null && data.isBlank()) {
            throw new InputFileException("--data is empty");
        }
        if (data != null && !KEYWORDS.contains(data.toLowerCase(java.util.Locale.ROOT)) && !Files.exists(Path.of(data))) {
            throw new NoSuchFileException(data, null, "--data: no such file or folder");
        }
        return new ReleaseUnderCheck(d, c, data);
    }

    public RunDirectory directory() {
        return dir;
    }

    /** The certificate as written. */
    public JsonNode certificate() {
        return certificate;
    }

    /** The data given with {@code --data}, if any. */
    public Optional<String> data() {
        return Optional.ofNullable(data);
    }

    /** Text of a top-level certificate key, or null. */
    public String text(String key) {
        return text(certificate, key);
    }

    /** A number of a top-level certificate key, or null when absent or null. */
    public Double number(String key) {
        return number(certificate, key);
    }

    static String text(JsonNode n, String key) {
        JsonNode v = n.path(key);
        return v.isTextual() ? v.asText() : null;
    }

    /** A number; Jackson writes NaN and infinities as text, which are read back as such. */
    static Double number(JsonNode n, String key) {
        JsonNode v = n.path(key);
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            return switch (v.asText()) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> null;
            };
        }
        return null;
    }

    /** The released model, loaded once (strictly, by {@link ModelStore}); empty with {@link #modelProblem()} when unreadable. */
    public synchronized Optional<ModelStore.SavedModel> releasedModel() {
        if (!loaded) {
            loaded = true;
            try {
                model = ModelStore.load(dir.releasedModelDir());
            } catch (IOException | RuntimeException e) {
                modelProblem = dir.relative(dir.releasedModelDir()) + " cannot be read: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        return Optional.ofNullable(model);
    }

    /** The dataset given with {@code --data}, loaded once; empty with {@link #dataProblem()} when absent or unreadable. */
    public synchronized Optional<DatasetSplit> dataset() {
        if (!dataLoaded && data != null) {
            dataLoaded = true;
            try {
                dataset = DatasetLoader.load(data);
            } catch (IOException | RuntimeException e) {
                dataProblem = "--data " + data + " cannot be read: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        return Optional.ofNullable(dataset);
    }

    /** Why the data could not be read (null when it was, or was not tried). */
    public synchronized String dataProblem() {
        return dataProblem;
    }

    /** Why the released model could not be read (null when it was, or was not tried). */
    public synchronized String modelProblem() {
        return modelProblem;
    }
}
