package org.unlearning.workbench.engine.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.io.AtomicFiles;
import org.unlearning.workbench.engine.io.InputFileException;
import org.unlearning.workbench.engine.io.RunStatus;
import org.unlearning.workbench.engine.io.StrictMappers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Saves and loads a model as a folder holding {@code model.zip} (written by DL4J's
 * {@link ModelSerializer}, no updater state; read by {@link ModelArchive}, never by DL4J) and the
 * {@code model.json} {@link ModelMetadata} sidecar.
 */
public final class ModelStore {
    public static final String MODEL_FILE = "model.zip";
    public static final String METADATA_FILE = "model.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** model.json: strict, but keys from newer versions are ignored. */
    private static final ObjectMapper METADATA_READER = StrictMappers.jsonBuilder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private ModelStore() {}

    /** A loaded model with its metadata. */
    public record SavedModel(WorkbenchModel model, ModelMetadata metadata) {
        /** Throws a clear error when {@code data} does not fit the model (shape or classes). */
        public void requireCompatible(Dataset data) {
            model.spec().requireCompatible(data);
        }
    }

    public static ObjectMapper json() { return JSON; }

    /** Metadata for {@code model} with the current library versions, parameter hash and time. */
    public static ModelMetadata metadata(WorkbenchModel model, String dataset, String datasetSha256, Long splitSeed,
                                         Long initSeed, Map<String, Object> hyperparameters,
                                         Map<String, Double> metrics) {
        return new ModelMetadata(ModelMetadata.FORMAT, model.spec(), model.numParams(), paramsSha256(model),
                dataset, datasetSha256, splitSeed, initSeed, hyperparameters, metrics, libraryVersions(),
                Instant.now().toString());
    }

    public static void save(WorkbenchModel model, ModelMetadata metadata, Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(dir + ": exists and is not a folder");
        }
        Files.createDirectories(dir);
        // each file appears whole or not at all; model.json (the sign of a saved model) comes last
        AtomicFiles.write(dir.resolve(MODEL_FILE), out -> ModelSerializer.writeModel(model.network(), out, false));
        AtomicFiles.write(dir.resolve(METADATA_FILE), out -> JSON.writeValue(out, metadata));
    }

    /**
     * Loads a saved model folder (or the {@code model.json}/{@code model.zip} inside one). Nothing
     * in the files is deserialized or used to choose a class: {@code model.json} is read by a
     * strict mapper into plain values, and {@code model.zip} by {@link ModelArchive} (entries
     * whitelisted, sizes checked, the network built from the spec, never from the file).
     */
    public static SavedModel load(Path path) throws IOException {
        if (path.toString().isBlank()) {
            throw new InputFileException("empty model path: name a model folder (model.zip + model.json)");
        }
        if (Files.exists(path) && !Files.isDirectory(path) && !Files.isRegularFile(path)) {
            throw new InputFileException(path + " is not a model folder (model.zip + model.json)");
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "model not found");
        }
        Path dir = Files.isRegularFile(path) ? path.toAbsolutePath().getParent() : path;
        Path zip = dir.resolve(MODEL_FILE);
        Path meta = dir.resolve(METADATA_FILE);
        for (Path p : new Path[] {zip, meta}) {
            if (!Files.isRegularFile(p)) {
                throw new NoSuchFileException(p.toString(), null, "model folder lacks " + p.getFileName()
                        + RunStatus.noteFor(dir));
            }
        }
        Optional<RunStatus.Reading> status = RunStatus.read(dir);
        if (status.isPresent() && status.get().status().state() == RunStatus.State.IN_PROGRESS) {
            throw new InputFileException(dir + ": not a finished model (" + RunStatus.FILE + ": "
                    + status.get().describe() + ")");
        }
        ModelMetadata md = StrictMappers.read(meta, ModelMetadata.class, METADATA_READER);
        if (md.spec() == null) {
            throw new InputFileException(meta + ": no model spec");
        }
        WorkbenchModel model;
        try {
            model = ModelArchive.read(zip, md.spec());
        } catch (ArithmeticException e) {
            throw new InputFileException(zip + ": refused: the spec in " + meta + " is too large");
        }
        if (md.paramsSha256() != null && !md.paramsSha256().equals(paramsSha256(model))) {
            throw new InputFileException(zip + ": parameters do not match the SHA-256 recorded in " + meta);
        }
        return new SavedModel(model, md);
    }

    /** SHA-256 of the parameters as little-endian IEEE doubles (independent of the storage type). */
    public static String paramsSha256(WorkbenchModel model) {
        double[] p = model.params().castTo(DataType.DOUBLE).toDoubleVector();
        ByteBuffer b = ByteBuffer.allocate(8 * p.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(p);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** DL4J / ND4J versions, backend, BLAS threads and the JVM. */
    public static Map<String, String> libraryVersions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("deeplearning4j", mavenVersion("org.deeplearning4j", "deeplearning4j-nn"));
        m.put("nd4j", mavenVersion("org.nd4j", "nd4j-api"));
        m.put("nd4j_backend", Nd4j.getBackend().getClass().getSimpleName());
        m.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        return m;
    }

    static String mavenVersion(String group, String artifact) {
        String res = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = ModelStore.class.getResourceAsStream(res)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException ignored) {
            // fall through
        }
        return "unknown";
    }

}
