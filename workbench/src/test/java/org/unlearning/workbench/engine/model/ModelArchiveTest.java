package org.unlearning.workbench.engine.model;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.unlearning.workbench.engine.io.ControlGadget;
import org.unlearning.workbench.engine.io.HostileFiles;
import org.unlearning.workbench.engine.io.HostileGadget;
import org.unlearning.workbench.engine.io.InputFileException;
import org.unlearning.workbench.engine.io.SerialFilter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Model files are read without object streams and without letting the file choose a class (issue #12, defect 1). */
class ModelArchiveTest {
    private static final Path SAMPLES = Path.of(System.getProperty("uw.sampleModels", "sample-models"));

    @ParameterizedTest
    @ValueSource(strings = {"mlp-5", "cnn-small", "mlp-32x32-newton"})
    void sampleModelsLoadBitIdenticallyToDl4jsOwnReader(String name) throws Exception {
        Path dir = SAMPLES.resolve(name);
        ModelStore.SavedModel ours = ModelStore.load(dir);
        // DL4J's reader, on a trusted file, as the reference
        MultiLayerNetwork ref = ModelSerializer.restoreMultiLayerNetwork(dir.resolve("model.zip").toFile(), false);
        assertEquals(ref.params().dataType(), ours.model().params().dataType());
        assertArrayEquals(ref.params().castTo(DataType.DOUBLE).toDoubleVector(),
                ours.model().params().castTo(DataType.DOUBLE).toDoubleVector());
        assertEquals(ours.metadata().paramsSha256(), ModelStore.paramsSha256(ours.model()));
        assertEquals(ref.getLayerWiseConfigurations().toJson(), ours.model().network().getLayerWiseConfigurations().toJson()
                .replace("\"seed\" : 0,", "\"seed\" : " + ref.getLayerWiseConfigurations().getConf(0).getSeed() + ","));
    }

    @Test
    void parameterCountMatchesTheBuiltNetwork() {
        for (ModelSpec s : List.of(ModelSpec.of(Architecture.MLP_5, new int[] {1, 28, 28}, 10),
                ModelSpec.of(Architecture.MLP_32X32, new int[] {3, 32, 32}, 100),
                ModelSpec.of(Architecture.CNN_SMALL, new int[] {3, 32, 32}, 10),
                ModelSpec.of(Architecture.CNN_SMALL, new int[] {1, 28, 28}, 10).withDataType(DataType.DOUBLE),
                ModelSpec.of(Architecture.MLP_HEAD, new int[] {512}, 7).withHiddenSizes(List.of(64, 16, 8)))) {
            assertEquals(WorkbenchModel.create(s, 0).numParams(), s.parameterCount(), s.toString());
        }
    }

    @Test
    void savedModelsRoundTrip(@TempDir Path tmp) throws Exception {
        for (DataType t : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            WorkbenchModel m = WorkbenchModel.create(ModelSpec.of(Architecture.MLP_20, new int[] {1, 6, 6}, 3)
                    .withDataType(t), 7);
            Path dir = tmp.resolve(t.name());
            ModelStore.save(m, ModelStore.metadata(m, "x", "00", null, 7L, Map.of(), Map.of("nan_metric", Double.NaN)), dir);
            ModelStore.SavedModel back = ModelStore.load(dir);
            assertArrayEquals(m.params().castTo(DataType.DOUBLE).toDoubleVector(),
                    back.model().params().castTo(DataType.DOUBLE).toDoubleVector());
            assertTrue(back.metadata().metrics().get("nan_metric").isNaN(), "a NaN metric written by Jackson reads back");
            try (var files = Files.list(dir)) {
                assertEquals(List.of("model.json", "model.zip"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                        "no temporary files left");
            }
        }
    }

    @Test
    void preprocessorObjectIsRefusedAndItsClassNeverInitialised(@TempDir Path tmp) throws Exception {
        Path dir = hostileCopy(tmp, "mlp-5", e -> with(e, "preprocessor.bin",
                HostileFiles.objectStream(HostileGadget.class.getName())));
        IOException ex = assertThrows(IOException.class, () -> ModelStore.load(dir));
        assertEquals(dir.resolve("model.zip") + ": refused: entry 'preprocessor.bin' holds a serialized Java object, "
                + "which is never read (DL4J would deserialize it)", ex.getMessage());
        assertNull(System.getProperty(HostileGadget.INITIALISED), "the gadget class was initialised");
        assertNull(System.getProperty(HostileGadget.CONSTRUCTED), "a gadget was constructed");
    }

    @Test
    void nestedHashSetPayloadIsRefusedAtOnce(@TempDir Path tmp) throws Exception {
        byte[] laughs = HostileFiles.nestedHashSets(100);
        assertTrue(laughs.length < 8_000, "a few KB: " + laughs.length);
        Path dir = hostileCopy(tmp, "mlp-5", e -> with(e, "preprocessor.bin", laughs));
        IOException ex = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(IOException.class, () -> ModelStore.load(dir)), "hang guard, not a speed claim");
        assertTrue(ex.getMessage().contains("preprocessor.bin"), ex.getMessage());
    }

    @Test
    void theProcessFilterRejectsEveryObjectEvenWhereAStreamIsOpened() throws Exception {
        byte[] control = HostileFiles.objectStream(ControlGadget.class.getName());
        // control: without a filter the crafted stream does build the object (so the payload is real) ...
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(control))) {
            assertEquals(ControlGadget.class, in.readObject().getClass());
        }
        assertEquals("true", System.getProperty(ControlGadget.INITIALISED));
        // ... and with the process filter nothing is built, not even the class initialised
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(
                HostileFiles.objectStream(HostileGadget.class.getName())))) {
            in.setObjectInputFilter(SerialFilter.REJECT_ALL);
            assertThrows(InvalidClassException.class, in::readObject);
        }
        assertNull(System.getProperty(HostileGadget.INITIALISED));
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(HostileFiles.nestedHashSets(100)))) {
            in.setObjectInputFilter(SerialFilter.REJECT_ALL);
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(InvalidClassException.class, in::readObject));
        }
    }

    @Test
    void configurationTypeIdsMustBeTheExpectedLayers(@TempDir Path tmp) throws Exception {
        // DL4J's mapper would load and initialise any class named in "@class" before checking its type
        Path dir = hostileCopy(tmp, "mlp-5", e -> with(e, "configuration.json", utf8(e.get("configuration.json"))
                .replace("org.nd4j.linalg.activations.impl.ActivationReLU", HostileGadget.class.getName())));
        IOException ex = assertThrows(IOException.class, () -> ModelStore.load(dir));
        assertEquals(dir.resolve("model.zip") + ": refused: configuration.json does not describe the mlp-5 of model.json: "
                + "confs[0].layer.activationFn.@class: \"" + HostileGadget.class.getName()
                + "\" where \"org.nd4j.linalg.activations.impl.ActivationReLU\" is expected", ex.getMessage());
        assertNull(System.getProperty(HostileGadget.INITIALISED));
    }

    @Test
    void refusesWhatAModelArchiveNeverHolds(@TempDir Path tmp) throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("traversal", "unexpected entry '../../evil.sh'");
        cases.put("updater", "entry 'updaterState.bin' holds optimizer state");
        cases.put("layers", "configuration.json does not describe the mlp-5 of model.json: confs: expected a list of 2");
        cases.put("nout", "confs[1].layer.nout: 12 where 10 is expected");
        cases.put("dupkey", "duplicate key");
        cases.put("missing", "lacks coefficients.bin");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            UnaryOperator<Map<String, byte[]>> edit = switch (c.getKey()) {
                case "traversal" -> e -> with(e, "../../evil.sh", "rm -rf ~".getBytes(StandardCharsets.UTF_8));
                case "updater" -> e -> with(e, "updaterState.bin", new byte[16]);
                case "layers" -> e -> with(e, "configuration.json", utf8(e.get("configuration.json"))
                        .replaceFirst("\"confs\" : \\[ \\{", "\"confs\" : [ { \"x\": 1 }, {"));
                case "nout" -> e -> with(e, "configuration.json", utf8(e.get("configuration.json"))
                        .replace("\"nout\" : 10", "\"nout\" : 12"));
                case "dupkey" -> e -> with(e, "configuration.json", utf8(e.get("configuration.json"))
                        .replace("\"nin\" : 784,", "\"nin\" : 784, \"nin\" : 784,"));
                default -> e -> {
                    e.remove("coefficients.bin");
                    return e;
                };
            };
            Path dir = hostileCopy(tmp.resolve(c.getKey()), "mlp-5", edit);
            IOException ex = assertThrows(IOException.class, () -> ModelStore.load(dir), c.getKey());
            assertTrue(ex.getMessage().startsWith(dir.resolve("model.zip").toString()), ex.getMessage());
            assertTrue(ex.getMessage().contains(c.getValue()), c.getKey() + ": " + ex.getMessage());
            assertEquals(1, ex.getMessage().lines().count());
        }
    }

    @Test
    void duplicateEntriesAreRefused(@TempDir Path tmp) throws Exception {
        Path dir = hostileCopy(tmp, "mlp-5", e -> e);
        Map<String, byte[]> e = HostileFiles.entries(dir.resolve("model.zip"));
        HostileFiles.zipWithDuplicate(dir.resolve("model.zip"), "configuration.json", e.get("configuration.json"),
                e.get("configuration.json"));
        IOException ex = assertThrows(IOException.class, () -> ModelStore.load(dir));
        assertTrue(ex.getMessage().contains("configuration.json") && ex.getMessage().contains("twice"), ex.getMessage());
    }

    @Test
    void lyingSizesAndBombsAreRefusedBeforeAnyLargeAllocation(@TempDir Path tmp) throws Exception {
        // the central directory claims a 2 GB coefficient entry
        Path lying = hostileCopy(tmp.resolve("lying"), "mlp-5", e -> e);
        HostileFiles.patchDeclaredSize(lying.resolve("model.zip"), "coefficients.bin", Integer.MAX_VALUE);
        IOException a = assertThrows(IOException.class, () -> ModelStore.load(lying));
        assertTrue(a.getMessage().contains("coefficients.bin declares 2147483647 bytes, expected 3985 FLOAT parameters"),
                a.getMessage());
        // model.json claims a huge network; the coefficient entry is a real zip bomb (64 MB of zeros in 64 KB)
        Path bomb = HostileFiles.zipBombModel(SAMPLES.resolve("mlp-5"), tmp.resolve("bomb"));
        assertTrue(Files.size(bomb.resolve("model.zip")) < 100_000, "bomb " + Files.size(bomb.resolve("model.zip")));
        IOException b = assertThrows(IOException.class, () -> ModelStore.load(bomb));
        assertTrue(b.getMessage().contains("inflates to more than"), b.getMessage());
    }

    @Test
    void truncatedOrMistypedCoefficientsAreRefused(@TempDir Path tmp) throws Exception {
        Path cut = hostileCopy(tmp.resolve("cut"), "mlp-5", e -> with(e, "coefficients.bin",
                java.util.Arrays.copyOf(e.get("coefficients.bin"), 5000)));
        String m = assertThrows(IOException.class, () -> ModelStore.load(cut)).getMessage();
        assertTrue(m.contains("coefficients.bin holds 4887 bytes of values, expected 15940"), m);
        Path head = hostileCopy(tmp.resolve("head"), "mlp-5", e -> with(e, "coefficients.bin",
                java.util.Arrays.copyOf(e.get("coefficients.bin"), 30)));
        assertTrue(assertThrows(IOException.class, () -> ModelStore.load(head)).getMessage()
                .contains("coefficients.bin is truncated or malformed"));
        Path dtype = hostileCopy(tmp.resolve("dtype"), "mlp-5", e -> with(e, "configuration.json",
                utf8(e.get("configuration.json")).replace("\"FLOAT\"", "\"DOUBLE\"")));
        Files.writeString(dtype.resolve("model.json"), Files.readString(dtype.resolve("model.json"))
                .replace("\"dataType\" : \"FLOAT\"", "\"dataType\" : \"DOUBLE\""));
        String d = assertThrows(IOException.class, () -> ModelStore.load(dtype)).getMessage();
        assertTrue(d.contains("coefficients.bin holds FLOAT values, model.json says DOUBLE"), d);
    }

    @Test
    void modelJsonIsReadStrictly(@TempDir Path tmp) throws Exception {
        Path dup = hostileCopy(tmp.resolve("dup"), "mlp-5", e -> e);
        Files.writeString(dup.resolve("model.json"), Files.readString(dup.resolve("model.json"))
                .replace("\"numClasses\" : 10,", "\"numClasses\" : 10, \"numClasses\" : 12,"));
        InputFileException a = assertThrows(InputFileException.class, () -> ModelStore.load(dup));
        assertTrue(a.getMessage().matches(".*model\\.json:\\d+:\\d+: spec\\.numClasses: duplicate key.*"), a.getMessage());
        Path huge = hostileCopy(tmp.resolve("huge"), "mlp-5", e -> e);
        Files.writeString(huge.resolve("model.json"), Files.readString(huge.resolve("model.json"))
                .replace("\"hiddenSizes\" : [ 5 ]", "\"hiddenSizes\" : [ 65536, 65536, 65536 ]"));
        InputFileException b = assertThrows(InputFileException.class, () -> ModelStore.load(huge));
        assertTrue(b.getMessage().contains("parameters (at most"), b.getMessage());
        Path text = hostileCopy(tmp.resolve("text"), "mlp-5", e -> e);
        Files.writeString(text.resolve("model.json"), Files.readString(text.resolve("model.json"))
                .replace("\"numClasses\" : 10,", "\"numClasses\" : \"10\","));
        InputFileException c = assertThrows(InputFileException.class, () -> ModelStore.load(text));
        assertTrue(c.getMessage().contains("spec.numClasses: \"10\" is not a whole number (expected whole number)"),
                c.getMessage());
    }

    @Test
    void pathsThatAreNoModelFolderSaySo() {
        assertEquals("empty model path: name a model folder (model.zip + model.json)",
                assertThrows(IOException.class, () -> ModelStore.load(Path.of(""))).getMessage());
        assertEquals("/dev/null is not a model folder (model.zip + model.json)",
                assertThrows(IOException.class, () -> ModelStore.load(Path.of("/dev/null"))).getMessage());
    }

    /** A copy of a sample model folder with its zip entries edited. */
    static Path hostileCopy(Path tmp, String sample, UnaryOperator<Map<String, byte[]>> edit) throws IOException {
        return HostileFiles.editedModel(SAMPLES.resolve(sample), tmp.resolve("model"), edit);
    }

    private static Map<String, byte[]> with(Map<String, byte[]> e, String name, byte[] content) {
        e.put(name, content);
        return e;
    }

    private static Map<String, byte[]> with(Map<String, byte[]> e, String name, String content) {
        return with(e, name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
