package org.unlearning.workbench.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearning.workbench.engine.model.ModelStore;
import org.unlearning.workbench.engine.run.RunDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one status vocabulary on real short runs (bundled MNIST, the sample mlp-5): user-fixed σ/T
 * that miss the target exit 1 "certified at a weaker guarantee … target … not met"; seeded noise is
 * a "reproducible demonstration: not a guarantee" (exit 1) whose seed is only in the private noise
 * record; NaN/inf released weights (output perturbation with C0 = 1e300) are "not certified" (exit 1).
 */
class HonestStatusCommandTest {
    @TempDir
    Path tmp;

    private static JsonNode json(Path p) throws IOException {
        return new ObjectMapper().readTree(p.toFile());
    }

    @Test
    void fixedSigmaAndStepsMissingTheTargetAreAWeakerGuaranteeAndExitOne() throws IOException {
        Path out = tmp.resolve("weak");
        CliRun.Result o = CliRun.run("unlearn", "--preset", "mnist-gradclip", "--param", "sigma=0.05", "--param", "steps=3",
                "--no-retrain-baseline", "--out", out.toString());
        assertEquals(1, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("status: certified at a weaker guarantee (ε = "), o.out());
        assertTrue(o.out().contains("target 1 not met)"), o.out());
        JsonNode cert = json(RunDirectory.of(out).certificateFile());
        assertEquals("certified_weaker_guarantee", cert.get("status").asText());
        assertTrue(cert.get("epsilon").asDouble() > 1, cert.toString());
        assertTrue(cert.get("status_line").asText().startsWith("certified at a weaker guarantee"));
        assertFalse(cert.get("reason").asText().contains("calibrated"), cert.get("reason").asText());
        assertEquals("certified_weaker_guarantee", json(RunDirectory.of(out).summaryJson()).get("status").asText());
    }

    @Test
    void demonstrationNoiseIsNeverCertifiedAndItsSeedStaysPrivate() throws IOException {
        Path out = tmp.resolve("demo");
        CliRun.Result o = CliRun.run("unlearn", "--preset", "mnist-modelclip", "--noise", "demonstration", "--seed", "7",
                "--no-retrain-baseline", "--out", out.toString(), "--quiet");
        assertEquals(1, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("status: reproducible demonstration: not a guarantee (the seed is recorded)"),
                o.out());
        RunDirectory d = RunDirectory.of(out);
        JsonNode cert = json(d.certificateFile());
        assertEquals("demonstration", cert.get("status").asText());
        assertTrue(cert.get("epsilon").isNull(), "a demonstration states no guarantee");
        assertFalse(cert.get("noise").get("secure").asBoolean());
        assertFalse(Files.readString(d.certificateFile()).contains("\"seed"), "no seed in the certificate");
        assertEquals(7, json(d.noiseRecord()).get("seed_per_request").get(0).asLong());
    }

    @Test
    void nonFiniteReleasedWeightsAreNotCertified() throws IOException {
        // C0 = 1e300 is refused before anything runs (exit 2); an original with NaN weights gets through
        CliRun.Result refused = CliRun.run("unlearn", "--preset", "mnist-output-perturbation", "--param", "init_clip=1e300",
                "--no-retrain-baseline", "--out", tmp.resolve("huge").toString(), "--quiet");
        assertEquals(2, refused.code(), refused.out() + refused.err());
        Path sample = Path.of(System.getProperty("uw.sampleModels", "../sample-models")).resolve("mlp-5");
        ModelStore.SavedModel saved = ModelStore.load(sample);
        saved.model().params().assign(Double.NaN);
        Path nanModel = tmp.resolve("nan-model");
        var m = saved.metadata();
        ModelStore.save(saved.model(), ModelStore.metadata(saved.model(), m.dataset(), m.datasetSha256(), m.splitSeed(),
                m.initSeed(), m.hyperparameters(), m.metrics()), nanModel);
        Path out = tmp.resolve("nan");
        CliRun.Result o = CliRun.run("unlearn", "--preset", "mnist-output-perturbation", "--model", nanModel.toString(),
                "--no-retrain-baseline", "--out", out.toString(), "--quiet");
        assertEquals(1, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("status: not certified — "), o.out());
        JsonNode cert = json(RunDirectory.of(out).certificateFile());
        assertEquals("not_certified", cert.get("status").asText());
        assertTrue(cert.get("epsilon").isNull());
    }
}
