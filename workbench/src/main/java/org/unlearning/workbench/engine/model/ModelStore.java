package org.unlearning.workbench.engine.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.unlearning.workbench.engine.data.Dataset;

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
import java.util.Properties;

/**
 * Saves and loads a model as a folder holding {@code model.zip} (DL4J {@link ModelSerializer},
 * no updater state) and the {@code model.json} {@link ModelMetadata} sidecar.
 */
public final class ModelStore {
    public static final String MODEL_FILE = "model.zip";
    public static final String METADATA_FILE = "model.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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
        ModelSerializer.writeModel(model.network(), dir.resolve(MODEL_FILE).toFile(), false);
        JSON.writeValue(dir.resolve(METADATA_FILE).toFile(), metadata);
    }

    /** Loads a saved model folder (or the {@code model.json}/{@code model.zip} inside one). */
    public static SavedModel load(Path path) throws IOException {
        Path dir = Files.isRegularFile(path) ? path.toAbsolutePath().getParent() : path;
        Path zip = dir.resolve(MODEL_FILE);
        Path meta = dir.resolve(METADATA_FILE);
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "model not found");
        }
        for (Path p : new Path[] {zip, meta}) {
            if (!Files.isRegularFile(p)) {
                throw new NoSuchFileException(p.toString(), null, "model folder lacks " + p.getFileName());
            }
        }
        ModelMetadata md;
        try {
            md = JSON.readValue(meta.toFile(), ModelMetadata.class);
        } catch (IOException | RuntimeException e) {
            throw new IOException(meta + ": unreadable model metadata (" + firstLine(e.getMessage()) + ")");
        }
        if (md.spec() == null) {
            throw new IOException(meta + ": no model spec");
        }
        MultiLayerNetwork net;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new IOException(zip + ": not a readable DL4J model (" + firstLine(e.getMessage()) + ")");
        }
        WorkbenchModel model;
        try {
            model = WorkbenchModel.wrap(md.spec(), net);
        } catch (IllegalArgumentException e) {
            throw new IOException(zip + " does not match " + meta + ": " + e.getMessage());
        }
        if (md.paramsSha256() != null && !md.paramsSha256().equals(paramsSha256(model))) {
            throw new IOException(zip + ": parameters do not match the SHA-256 recorded in " + meta);
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

    private static String firstLine(String s) {
        return s == null ? "unknown error" : s.lines().findFirst().orElse(s);
    }
}
