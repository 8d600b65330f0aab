package org.unlearning.workbench.engine.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.unlearning.workbench.engine.data.Dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelStoreTest {
    @TempDir Path tmp;

    @Test
    void saveAndLoadRoundTripsParametersAndMetadata() throws IOException {
        for (ModelSpec spec : List.of(ModelSpec.of(Architecture.CNN_SMALL, new int[] {3, 32, 32}, 10),
                ModelSpec.of(Architecture.MLP_HEAD, new int[] {20}, 4).withHiddenSizes(List.of(8)).withDataType(DataType.DOUBLE))) {
            WorkbenchModel m = WorkbenchModel.create(spec, 11);
            ModelMetadata md = ModelStore.metadata(m, "d", "abc", 3L, 11L, Map.of("epochs", 2), Map.of("test_accuracy", 0.5));
            Path dir = tmp.resolve(spec.architecture().cliName());
            ModelStore.save(m, md, dir);
            ModelStore.SavedModel s = ModelStore.load(dir);
            assertEquals(spec, s.model().spec());
            assertArrayEquals(m.params().toDoubleVector(), s.model().params().toDoubleVector());
            assertEquals(md.paramsSha256(), s.metadata().paramsSha256());
            assertEquals(0.5, s.metadata().metrics().get("test_accuracy"));
            assertEquals(3L, s.metadata().splitSeed());
            assertTrue(s.metadata().libraries().get("deeplearning4j").startsWith("1.0.0"));
            assertEquals(spec, ModelStore.load(dir.resolve("model.json")).model().spec());
        }
    }

    @Test
    void mismatchesAndDamageAreClearErrors() throws IOException {
        WorkbenchModel m = WorkbenchModel.create(ModelSpec.of(Architecture.MLP_5, new int[] {1, 28, 28}, 10), 1);
        Path dir = tmp.resolve("m");
        ModelStore.save(m, ModelStore.metadata(m, "d", "abc", null, 1L, Map.of(), Map.of()), dir);
        ModelStore.SavedModel s = ModelStore.load(dir);
        Dataset tenFeatures = new Dataset("csv", new float[20], new int[] {0, 1}, 10, new int[] {10});
        Dataset threeClasses = new Dataset("img", new float[784], new int[] {0}, 3, new int[] {1, 28, 28});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.requireCompatible(tenFeatures))
                .getMessage().contains("input shape"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.requireCompatible(threeClasses))
                .getMessage().contains("10 classes but dataset 'img' has 3"));
        // tampered parameters
        String json = Files.readString(dir.resolve("model.json"));
        Files.writeString(dir.resolve("model.json"), json.replace(s.metadata().paramsSha256(), "0".repeat(64)));
        assertTrue(assertThrows(IOException.class, () -> ModelStore.load(dir)).getMessage().contains("SHA-256"));
        // spec does not match the network
        Files.writeString(dir.resolve("model.json"), json.replace("\"hiddenSizes\" : [ 5 ]", "\"hiddenSizes\" : [ 6 ]"));
        assertTrue(assertThrows(IOException.class, () -> ModelStore.load(dir)).getMessage()
                .contains("configuration.json does not describe the mlp-5 of model.json: confs[0].layer.nout: 5 where 6 is expected"));
        Files.writeString(dir.resolve("model.json"), "{ not json");
        assertTrue(assertThrows(IOException.class, () -> ModelStore.load(dir)).getMessage()
                .startsWith(dir.resolve("model.json") + ":1:3: JSON syntax error"));
        Files.delete(dir.resolve("model.zip"));
        assertThrows(NoSuchFileException.class, () -> ModelStore.load(dir));
    }
}
