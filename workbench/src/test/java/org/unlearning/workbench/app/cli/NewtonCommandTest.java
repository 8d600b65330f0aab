package org.unlearning.workbench.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `newton` end to end on the bundled digits with a quickly trained norm-constrained MLP. */
class NewtonCommandTest {
    @TempDir
    static Path tmp;
    static Path model;

    @BeforeAll
    static void trainOriginal() {
        model = tmp.resolve("mlp5-newton");
        assertEquals(0, Main.run("train", "--model", "mlp-5", "--epochs", "1", "--lr", "0.1", "--weight-decay", "1e-3",
                "--projection-radius", "10", "--out", model.toString(), "--quiet"));
    }

    static String[] args(Path out, String scale) {
        List<String> a = new java.util.ArrayList<>(List.of("newton", "--preset", "mnist-newton-sequential",
                "--model", model.toString(), "--out", out.toString(), "--requests", "2", "--lambda", "1000",
                "--scale", scale, "--s1", "1", "--s2", "30", "--batch", "10", "--lanczos-iterations", "8",
                "--spectrum-subsample", "300", "--quiet"));
        return a.toArray(String[]::new);
    }

    @Test
    void sequentialRunWritesOneCertificatePerReleaseAndTheRunDirectory() throws Exception {
        Path out = tmp.resolve("run");
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = Main.run(args(out, "2000"));
        } finally {
            System.setOut(old);
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode summary = json.readTree(buf.toString(StandardCharsets.UTF_8));
        assertEquals(0, code, summary.toPrettyString());
        assertEquals("certified", summary.get("status").asText());
        assertEquals(2, summary.get("requests").size());
        assertEquals(7920, summary.get("requests").get(0).get("retain_size").asInt());
        assertEquals(7840, summary.get("requests").get(1).get("retain_size").asInt());
        assertTrue(summary.get("retrain").get("examples_processed").asLong() > 0);
        assertTrue(summary.get("compute_savings").get("time_fraction_of_retrain").asDouble() > 0);
        for (int k = 1; k <= 2; k++) {
            // the same Certificate format as the other methods (engine.run)
            org.unlearning.workbench.engine.run.Certificate cert = org.unlearning.workbench.engine.run.RunJson.read(
                    out.resolve("certificates/request-" + k + ".json"), org.unlearning.workbench.engine.run.Certificate.class);
            assertTrue(cert.certified(), cert.reason());
            assertEquals("newton", cert.method());
            assertEquals(k, ((Number) cert.accountantInputs().get("request")).intValue());
            assertTrue(cert.sigma() > 0);
            assertEquals(1.0, cert.epsilon());
            assertEquals(1, cert.noisySteps());
            assertTrue(cert.assumptions().stream().anyMatch(a -> a.contains("compose")));
            assertTrue(Files.isRegularFile(out.resolve("releases/request-" + k + "/model.zip")));
        }
        JsonNode last = json.readTree(out.resolve("certificate.json").toFile());
        assertEquals(2, last.get("accountant_inputs").get("request").asInt());
        assertEquals(2, summary.get("releases").size());
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(3, metrics.size());
        assertTrue(metrics.get(1).startsWith("eval,1,initial,"), metrics.get(1));
        assertEquals(3, Files.readAllLines(out.resolve("requests.csv")).size());
        // compare-runs reads Newton run directories like any other
        assertEquals(0, Main.run("compare-runs", out.toString(), out.toString()));
        assertTrue(Files.isRegularFile(out.resolve("config.json")));
        // the evaluate command reads a released model
        assertEquals(0, Main.run("evaluate", out.resolve("releases/request-2").toString()));
    }

    @Test
    void badInputExitsTwoWithAOneLineReason() throws Exception {
        assertEquals(2, Main.run("newton", "--preset", "no-such", "--out", tmp.resolve("x").toString()));
        assertEquals(2, Main.run("newton", "--preset", "mnist-newton", "--model", tmp.resolve("missing").toString(),
                "--out", tmp.resolve("y").toString()));
        assertEquals(2, Main.run("newton", "--preset", "mnist-newton", "--lambda", "-1", "--out", tmp.resolve("z").toString()));
        Path cfg = tmp.resolve("bad.yaml");
        Files.writeString(cfg, "model: m\nsigma: 0.001\n");
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(2, Main.run("newton", "--config", cfg.toString(), "--out", tmp.resolve("w").toString()));
        } finally {
            System.setErr(oldErr);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown key 'sigma'"), err.toString(StandardCharsets.UTF_8));
        NewtonRunConfigCheck.partialFileTakesPresetDefaults(tmp);
    }

    @Test
    void cancelledRunSaysSoInItsSummary() throws Exception {
        org.unlearning.workbench.engine.unlearn.newton.NewtonRunConfig cfg =
                org.unlearning.workbench.engine.unlearn.newton.NewtonRunConfig.preset("mnist-newton")
                        .with(model.toString(), null, 1, null, false).withSpectrum(8, 300);
        Path out = tmp.resolve("cancelled");
        int[] checks = {0};
        assertThrows(java.util.concurrent.CancellationException.class,
                () -> org.unlearning.workbench.engine.unlearn.newton.NewtonRun.run(cfg, out, null, () -> ++checks[0] > 3));
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("cancelled", s.get("status").asText());
        assertEquals(0, s.get("requests_processed").asInt());
        assertTrue(s.get("stop_reason").asText().contains("request 1"));
    }

    @Test
    void unlearnPresetDispatchesToTheNewtonEngine() throws Exception {
        Path out = tmp.resolve("via-unlearn");
        int code = Main.run("unlearn", "--preset", "mnist-newton", "--model", model.toString(), "--out", out.toString(),
                "--no-retrain-baseline", "--quiet");
        assertTrue(code == 0 || code == 1, "exit " + code);
        JsonNode cert = new ObjectMapper().readTree(out.resolve("certificate.json").toFile());
        assertEquals("newton", cert.get("method").asText());
        assertEquals(code == 0, "certified".equals(cert.get("status").asText()));
        Path secure = tmp.resolve("secure");
        List<String> a = new java.util.ArrayList<>(List.of(args(secure, "2000")));
        a.addAll(List.of("--secure-noise", "--no-retrain"));
        assertEquals(0, Main.run(a.toArray(String[]::new)));
        JsonNode c2 = new ObjectMapper().readTree(secure.resolve("certificate.json").toFile());
        assertEquals("secure", c2.get("noise").get("kind").asText());
        assertTrue(c2.get("noise").get("seed").isNull());
        assertTrue(c2.get("assumptions").toString().contains("SecureRandom"));
    }

    @Test
    void refusedRunExitsOne() {
        Path out = tmp.resolve("refused");
        assertEquals(1, Main.run(args(out, "0.001")));
        assertTrue(Files.isRegularFile(out.resolve("certificate.json")));
    }
}
