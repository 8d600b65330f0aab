package org.unlearning.workbench.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearning.workbench.engine.run.RunDirectory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnlearnCommandTest {
    @TempDir
    Path tmp;

    @Test
    void runsAConfigFileAndWritesTheRunDirectory() throws Exception {
        Path cfg = tmp.resolve("run.yaml");
        Files.writeString(cfg, String.join("\n",
                "name: cli-test",
                "data: {source: bundled, evaluation_limit: 200}",
                "model: {architecture: mlp-5, train_epochs: 1}",
                "method: {type: output_perturbation, epsilon: 1.0, delta: 1.0e-5, init_clip: 0.01}",
                "fine_tune: {epochs: 1}",
                "retrain_baseline: true",
                ""));
        Path out = tmp.resolve("out");
        assertEquals(0, Main.run("unlearn", "--config", cfg.toString(), "--out", out.toString(), "--quiet"));
        RunDirectory d = RunDirectory.of(out);
        for (Path f : new Path[] {d.metricsCsv(), d.retrainMetricsCsv(), d.summaryJson(), d.publicSummaryJson(),
                d.certificateFile(), d.configJson(), d.releasedModelDir().resolve("model.zip"),
                d.releasedModelDir().resolve("model.json")}) {
            assertTrue(Files.exists(f), f.toString());
        }
        String summary = Files.readString(d.summaryJson());
        assertTrue(summary.contains("\"compute_savings\" : {"), summary);
        assertTrue(summary.contains("\"retrain\" : {"), summary);
        JsonNode mia = new ObjectMapper().readTree(summary).get("forget_mia_auc");
        for (String model : new String[] {"original", "unlearned", "retrain"}) {
            double auc = mia.get(model).asDouble(-1);
            assertTrue(auc >= 0 && auc <= 1, model + " MIA AUC " + auc);
        }
        assertEquals(Math.abs(mia.get("unlearned").asDouble() - mia.get("retrain").asDouble()),
                new ObjectMapper().readTree(summary).get("mia_auc_gap_to_retrain").asDouble(), 1e-12);

        CliRun.Result compare = CliRun.run("compare-runs", out.toString());
        assertEquals(0, compare.code(), compare.err());
        String table = compare.out();
        assertTrue(table.contains("| out (output_perturbation) | certified |"), table);
        assertTrue(table.contains("retrain baseline"), table);
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        List<CliRun.Result> bad = List.of(
                CliRun.run("unlearn", "--preset", "nope", "--out", tmp.resolve("x").toString()),
                CliRun.run("unlearn", "--config", tmp.resolve("missing.yaml").toString(), "--out",
                        tmp.resolve("y").toString()),
                CliRun.run("unlearn", "--out", tmp.resolve("z").toString()));
        bad.forEach(r -> assertEquals(2, r.code(), r.err()));
        String text = String.join("", bad.stream().map(CliRun.Result::err).toList());
        assertTrue(text.contains("unknown preset 'nope'"), text);
        assertTrue(text.contains("mnist-newton"), "the list of presets names the Newton presets too: " + text);
        assertTrue(text.contains("missing.yaml"), text);
    }
}
