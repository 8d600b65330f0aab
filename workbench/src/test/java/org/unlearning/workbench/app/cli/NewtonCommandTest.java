package org.unlearning.workbench.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearning.workbench.accounting.newton.NewtonParams;
import org.unlearning.workbench.engine.run.CancelToken;
import org.unlearning.workbench.engine.run.Certificate;
import org.unlearning.workbench.engine.run.RunJson;
import org.unlearning.workbench.engine.run.RunListener;
import org.unlearning.workbench.engine.run.RunResult;
import org.unlearning.workbench.engine.run.UnlearningPipeline;
import org.unlearning.workbench.engine.unlearn.ModelConfig;
import org.unlearning.workbench.engine.unlearn.Presets;
import org.unlearning.workbench.engine.unlearn.UnlearningConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Newton through the one run pipeline ({@code unlearn}, alias {@code newton}) on the bundled digits. */
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

    static String[] args(String command, Path out, String scale) {
        List<String> a = new java.util.ArrayList<>(List.of(command, "--preset", "mnist-newton-sequential",
                "--model", model.toString(), "--out", out.toString(), "--requests", "2", "--param", "lambda=1000",
                "--param", "H=" + scale, "--param", "s1=1", "--param", "s2=30", "--param", "b=10",
                "--param", "lanczos_iterations=8", "--param", "spectrum_subsample=300", "--quiet"));
        return a.toArray(String[]::new);
    }

    @Test
    void sequentialRunWritesOneCertificatePerReleaseAndTheRunDirectory() throws Exception {
        Path out = tmp.resolve("run");
        assertEquals(0, Main.run(args("newton", out, "2000")));
        ObjectMapper json = new ObjectMapper();
        JsonNode summary = json.readTree(org.unlearning.workbench.engine.run.RunDirectory.of(out).summaryJson().toFile());
        assertEquals("certified", summary.get("status").asText());
        assertEquals(2, summary.get("requests").size());
        assertEquals(7920, summary.get("requests").get(0).get("retain_size").asInt());
        assertEquals(7840, summary.get("requests").get(1).get("retain_size").asInt());
        assertTrue(summary.get("retrain").get("examples_processed").asLong() > 0);
        assertTrue(summary.get("cost_vs_retrain").get("time_fraction").asDouble() > 0);
        for (int k = 1; k <= 2; k++) {
            // the same Certificate format as the other methods (engine.run)
            Certificate cert = RunJson.read(org.unlearning.workbench.engine.run.RunDirectory.of(out).requestCertificate(k), Certificate.class);
            assertTrue(cert.certified(), cert.reason());
            assertEquals("newton", cert.method());
            assertEquals(k, cert.request());
            assertTrue(cert.sigma() > 0);
            assertEquals(1.0, cert.epsilon());
            assertEquals(1, cert.noisySteps());
            assertTrue(cert.assumptions().stream().anyMatch(a -> a.contains("compose")));
            assertTrue(Files.isRegularFile(org.unlearning.workbench.engine.run.RunDirectory.of(out).requestModel(k).resolve("model.zip")));
            JsonNode req = summary.get("requests").get(k - 1);
            // the baseline retrained on the same retain set: the noise-free estimate is far closer to it
            assertTrue(req.get("distance_to_retrain").asDouble() > req.get("diagnostics")
                    .get("noise_free_distance_to_retrain").asDouble(), req.toString());
        }
        JsonNode last = json.readTree(org.unlearning.workbench.engine.run.RunDirectory.of(out).certificateFile().toFile());
        assertEquals(2, last.get("request").asInt());
        List<String> metrics = Files.readAllLines(org.unlearning.workbench.engine.run.RunDirectory.of(out).metricsCsv());
        assertEquals(3, metrics.size(), "one evaluation of every release");
        assertTrue(metrics.get(1).startsWith("eval,") && metrics.get(1).contains(",unlearn,"), metrics.get(1));
        assertEquals(3, Files.readAllLines(org.unlearning.workbench.engine.run.RunDirectory.of(out).requestsCsv()).size());
        // compare-runs reads Newton run directories like any other
        assertEquals(0, Main.run("compare-runs", out.toString(), out.toString()));
        assertTrue(Files.isRegularFile(org.unlearning.workbench.engine.run.RunDirectory.of(out).configJson()));
        // the evaluate command reads a released model
        assertEquals(0, Main.run("evaluate", org.unlearning.workbench.engine.run.RunDirectory.of(out).requestModel(2).toString()));
    }

    @Test
    void badInputExitsTwoWithAOneLineReason() throws Exception {
        assertEquals(2, Main.run("newton", "--preset", "no-such", "--out", tmp.resolve("x").toString()));
        assertEquals(2, Main.run("newton", "--preset", "mnist-newton", "--model", tmp.resolve("missing").toString(),
                "--out", tmp.resolve("y").toString()));
        assertEquals(2, Main.run("newton", "--preset", "mnist-newton", "--param", "lambda=-1", "--out",
                tmp.resolve("z").toString()));
        Path cfg = tmp.resolve("bad.yaml");
        Files.writeString(cfg, "model:\n  path: m\nmethod:\n  type: newton\n  sigma: 0.001\n");
        CliRun.Result refused = CliRun.run("unlearn", "--config", cfg.toString(), "--out", tmp.resolve("w").toString());
        assertEquals(2, refused.code(), refused.err());
        String text = refused.err();
        assertTrue(text.contains("sigma is a calculator input"), text);
        // a partial method section takes the declared defaults
        UnlearningConfig c = UnlearningConfig.parse("method:\n  type: newton\n  epsilon: 0.5\n", false,
                "f.yaml");
        NewtonParams p = c.method().paramsAs(NewtonParams.class);
        assertEquals(0.5, p.epsilon());
        assertEquals(0.01, p.lambda());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> UnlearningConfig.parse(
                "data:\n  requests: 0\nmethod:\n  type: newton\n", false, "h.yaml"));
        assertTrue(f.getMessage().contains("requests must be >= 1"), f.getMessage());
        assertEquals(5, Presets.load("mnist-newton-sequential", null).data().requestCount());
        assertEquals(0.01, Presets.load("mnist-newton-sequential", null).data().forgetFraction());
    }

    @Test
    void cancelledRunSaysSoAndReleasesNothing() throws Exception {
        UnlearningConfig cfg = Presets.load("mnist-newton", null);
        cfg = cfg.with("model", new ModelConfig(model.toString(), "mlp-5", 1, 0L)).with("retrainBaseline", false)
                .with("method", cfg.method().with("spectrum_subsample", 300).with("lanczos_iterations", 8));
        Path out = tmp.resolve("cancelled");
        CancelToken cancel = new CancelToken();
        RunResult r = UnlearningPipeline.execute(cfg, out, new RunListener() {
            @Override
            public void progress(String activity, double fraction) {
                cancel.cancel();
            }
        }, cancel);
        assertFalse(r.certified());
        assertTrue(r.failure().contains("cancelled"), r.failure());
        JsonNode s = new ObjectMapper().readTree(org.unlearning.workbench.engine.run.RunDirectory.of(out).summaryJson().toFile());
        assertEquals("not_certified", s.get("status").asText());
        assertTrue(s.get("requests").get(0).get("reason").asText().contains("cancelled"));
        assertNull(r.certificate().unlearnedModelSha256(), "nothing released");
        assertFalse(Files.exists(org.unlearning.workbench.engine.run.RunDirectory.of(out).releasedModelDir()));
    }

    @Test
    void unlearnPresetRunsTheNewtonMethodAndSecureNoiseKeepsNoSeed() throws Exception {
        Path out = tmp.resolve("via-unlearn");
        int code = Main.run("unlearn", "--preset", "mnist-newton", "--model", model.toString(), "--out", out.toString(),
                "--no-retrain-baseline", "--quiet");
        assertTrue(code == 0 || code == 1, "exit " + code);
        JsonNode cert = new ObjectMapper().readTree(org.unlearning.workbench.engine.run.RunDirectory.of(out).certificateFile().toFile());
        assertEquals("newton", cert.get("method").asText());
        assertEquals(code == 0, "certified".equals(cert.get("status").asText()));
        Path secure = tmp.resolve("secure");
        List<String> a = new java.util.ArrayList<>(List.of(args("unlearn", secure, "2000")));
        a.addAll(List.of("--secure-noise", "--no-retrain-baseline"));
        assertEquals(0, Main.run(a.toArray(String[]::new)));
        JsonNode c2 = new ObjectMapper().readTree(org.unlearning.workbench.engine.run.RunDirectory.of(secure).certificateFile().toFile());
        assertEquals("secure", c2.get("noise").get("kind").asText());
        assertFalse(c2.get("noise").has("seed"));
        assertTrue(c2.get("assumptions").toString().contains("SecureRandom"));
    }

    @Test
    void refusedRunExitsOne() {
        Path out = tmp.resolve("refused");
        assertEquals(1, Main.run(args("unlearn", out, "0.001")));
        assertTrue(Files.isRegularFile(org.unlearning.workbench.engine.run.RunDirectory.of(out).certificateFile()));
    }
}
