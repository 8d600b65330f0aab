package org.unlearning.workbench.engine.unlearn;

import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearning.workbench.engine.model.Architecture;
import org.unlearning.workbench.engine.model.ModelSpec;
import org.unlearning.workbench.engine.model.WorkbenchModel;
import org.unlearning.workbench.engine.run.RunJson;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Model digests for certificates, and saving/loading models with a metadata file alongside. */
public final class ModelFiles {
    private ModelFiles() {}

    /**
     * SHA-256 of a model's content: architecture, shape, data type and the flat parameters as
     * little-endian IEEE bits (independent of the file container and its timestamps).
     */
    public static String sha256(WorkbenchModel model) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ModelSpec s = model.spec();
            md.update((s.architecture().cliName() + "|" + s.inputShape() + "|" + s.numClasses() + "|"
                    + s.hiddenSizes() + "|" + s.dataType() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            INDArray p = model.params();
            ByteBuffer bb;
            if (p.dataType() == DataType.DOUBLE) {
                double[] v = p.toDoubleVector();
                bb = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                for (double d : v) {
                    bb.putDouble(d);
                }
            } else {
                float[] v = p.toFloatVector();
                bb = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                for (float f : v) {
                    bb.putFloat(f);
                }
            }
            md.update(bb.array());
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Metadata file next to a model file: {@code x.zip → x.json}. */
    public static Path metadataFile(Path modelFile) {
        String n = modelFile.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return modelFile.resolveSibling((dot > 0 ? n.substring(0, dot) : n) + ".json");
    }

    /** Writes the network (DL4J format, no updater state) and its metadata JSON. */
    public static void save(WorkbenchModel model, Path file, Map<String, Object> provenance) throws IOException {
        ModelSerializer.writeModel(model.network(), file.toFile(), false);
        Map<String, Object> meta = new LinkedHashMap<>();
        ModelSpec s = model.spec();
        meta.put("architecture", s.architecture().cliName());
        meta.put("input_shape", s.inputShape());
        meta.put("num_classes", s.numClasses());
        meta.put("hidden_sizes", s.hiddenSizes());
        meta.put("data_type", s.dataType().name());
        meta.put("parameters", model.numParams());
        meta.put("sha256", sha256(model));
        meta.putAll(provenance);
        RunJson.write(metadataFile(file), meta);
    }

    /**
     * Loads a model saved by {@link #save} (or any DL4J MultiLayerNetwork zip whose shape matches
     * {@code architecture} on data of the given shape).
     */
    public static WorkbenchModel load(Path file, Architecture architecture, int[] inputShape, int numClasses)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException("model file " + file + " does not exist");
        }
        var net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        ModelSpec spec = ModelSpec.of(architecture, inputShape, numClasses).withDataType(net.params().dataType());
        try {
            return WorkbenchModel.wrap(spec, net);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model " + file + " does not match " + architecture.cliName() + ": "
                    + e.getMessage(), e);
        }
    }
}
