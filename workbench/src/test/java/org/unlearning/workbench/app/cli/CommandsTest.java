package org.unlearning.workbench.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI end to end: exit codes, JSON output, one-line errors. */
class CommandsTest {
    static Path tmp;
    static Path model;

    @BeforeAll
    static void trainOnce(@TempDir Path dir) throws Exception {
        tmp = dir;
        model = dir.resolve("m");
        CliRun.Result r = CliRun.run("train", "--model", "mlp-5", "--epochs", "2", "--lr", "0.1", "--quiet", "--out", model.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertTrue(j.get("test_accuracy").asDouble() > 0.5, r.out());
        assertEquals(3985, j.get("num_params").asInt());
        assertTrue(Files.isRegularFile(model.resolve("model.zip")));
        assertTrue(Files.isRegularFile(model.resolve("model.json")));
    }

    @Test
    void evaluateReproducesTheTrainingMetrics() throws Exception {
        CliRun.Result r = CliRun.run("evaluate", model.toString(), "--forget-fraction", "0.1");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        JsonNode md = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        assertEquals(md.at("/metrics/test_accuracy").asDouble(), j.get("test_accuracy").asDouble(), 1e-12);
        assertEquals(800, j.get("forget_size").asInt());
        assertTrue(j.get("trained_on_this_dataset").asBoolean());
        CliRun.Result c = CliRun.run("evaluate", model.toString(), "--forget", "classes:0", "--split", "test");
        assertEquals(0, c.code(), c.err());
        JsonNode k = new ObjectMapper().readTree(c.out());
        assertEquals(801, k.get("forget_size").asInt());
        assertEquals(7199, k.get("retain_size").asInt());
    }

    @Test
    void infoDescribesTheBundledData() throws Exception {
        CliRun.Result r = CliRun.run("info", "--model-dir", model.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(8000, j.at("/dataset/train/size").asInt());
        assertEquals(2000, j.at("/dataset/test/size").asInt());
        assertEquals("mlp-5", j.at("/model/metadata/spec/architecture").asText());
        assertEquals("yes", j.at("/model/fits_dataset").asText());
    }

    @Test
    void benchReportsThroughput() throws Exception {
        CliRun.Result r = CliRun.run("bench", "--models", "mlp-5,cnn-small-32x32x3", "--seconds", "0.2", "--repeats", "1",
                "--warmup", "0.1");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(12, j.at("/results").size(), "2 models × (sgd, evaluation, 2 noisy kinds × 2 generators)");
        java.util.Set<String> kinds = new java.util.HashSet<>();
        for (JsonNode res : j.at("/results")) {
            kinds.add(res.at("/kind").asText());
            assertTrue(res.at("/steps_per_second").asDouble() > 0, res.toString());
            assertEquals(128 * res.at("/steps_per_second").asDouble(), res.at("/samples_per_second").asDouble(),
                    0.02 * 128 * res.at("/steps_per_second").asDouble() + 1, res.toString());
            assertEquals(128, res.at("/batch_size").asInt());
            assertTrue(res.at("/threads").asInt() >= 1);
            if (res.at("/kind").asText().endsWith("clipping")) {
                String noise = res.at("/noise").asText();
                assertTrue(noise.equals("current") || noise.equals("secure"), res.toString());
                if (noise.equals("secure")) {
                    assertTrue(res.at("/noise_generator").asText().contains("AES-256-CTR"), res.toString());
                    assertTrue(res.has("speed_vs_current_noise_percent"), res.toString());
                }
            }
        }
        assertEquals(java.util.Set.of("sgd", "gradient-clipping", "model-clipping", "evaluation"), kinds);
        assertEquals("mlp-5", j.at("/results/0/model").asText());
        assertEquals("dense-gemm", j.at("/results/0/compute_path").asText());
        assertEquals("cnn-small-32x32x3", j.at("/results/6/model").asText());
        assertEquals("[3,32,32]", j.at("/results/6/input").toString());
        assertTrue(j.at("/results/6/compute_path").asText().startsWith("cnn-small-onednn"), j.at("/results/6").toString());
        assertEquals("CPU", j.at("/environment/nd4j_backend").asText());
        assertTrue(j.at("/environment/jvm").asText().contains(System.getProperty("java.version")));
        CliRun.Result dl4j = CliRun.run("bench", "--models", "mlp-5", "--kinds", "sgd", "--engine", "dl4j", "--seconds", "0.2",
                "--repeats", "1", "--warmup", "0");
        assertEquals(0, dl4j.code(), dl4j.err());
        assertEquals("dl4j", new ObjectMapper().readTree(dl4j.out()).at("/results/0/compute_path").asText());
        assertEquals(2, CliRun.run("bench", "--kinds", "teleport").code());
        assertEquals(2, CliRun.run("bench", "--noise", "dice").code());
        assertEquals(2, CliRun.run("bench", "--engine", "gpu").code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"info", "train", "evaluate", "bench"})
    void everyCommandHasHelp(String cmd) {
        CliRun.Result r = CliRun.run(cmd, "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Usage:"));
    }

    @Test
    void badInputsAreOneLineErrorsWithExitTwo() throws Exception {
        Path csv = tmp.resolve("f.csv");
        Files.writeString(csv, "1,2,0\n3,4,1\n5,6,0\n7,8,1\n9,1,0\n2,2,1\n");
        Path idxBad = Files.createDirectories(tmp.resolve("idx-bad"));
        for (String n : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
            Files.write(idxBad.resolve(n), new byte[] {0, 0, 9, 9, 0, 0});
        }
        String[][] cases = {
                {"missing-data", "info", "--data", tmp.resolve("nowhere").toString()},
                {"wrong magic number", "info", "--data", idxBad.toString()},
                {"unknown model", "train", "--model", "resnet-9", "--out", tmp.resolve("x").toString()},
                {"epochs", "train", "--epochs", "0", "--out", tmp.resolve("x").toString()},
                {"schedule", "train", "--schedule", "step", "--out", tmp.resolve("x").toString()},
                {"--dtype", "train", "--dtype", "int8", "--out", tmp.resolve("x").toString()},
                {"--epochs", "train", "--epochs", "many", "--out", tmp.resolve("x").toString()},
                {"forget fraction", "evaluate", model.toString(), "--forget-fraction", "1.5"},
                {"validation fraction", "info", "--val-fraction", "0"},
                {"input shape", "evaluate", model.toString(), "--data", csv.toString()},
                {"model not found", "evaluate", tmp.resolve("nomodel").toString()},
                {"Unknown option", "info", "--bogus"},
                {"unknown class 12", "evaluate", model.toString(), "--forget", "classes:12"},
        };
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            CliRun.Result r = CliRun.run(args);
            String what = String.join(" ", args) + " -> " + r.err();
            assertEquals(2, r.code(), what);
            String expect = c[0].equals("missing-data") ? "nowhere" : c[0];
            assertTrue(r.err().contains(expect), what);
            assertEquals(1, r.err().strip().lines().count(), "one line: " + what);
            assertFalse(r.err().contains("\tat "), "no stack trace: " + what);
        }
        CliRun.Result verbose = CliRun.run("info", "--data", tmp.resolve("nowhere").toString(), "--verbose");
        assertEquals(2, verbose.code());
        assertTrue(verbose.err().contains("\tat "), "stack trace with --verbose");
    }
}
