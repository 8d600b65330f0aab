package org.unlearning.workbench.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearning.workbench.engine.run.RunDirectory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

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

        PrintStream stdout = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        try {
            assertEquals(0, Main.run("compare-runs", out.toString()));
        } finally {
            System.setOut(stdout);
        }
        String table = buf.toString();
        assertTrue(table.contains("| out (output_perturbation) | certified |"), table);
        assertTrue(table.contains("retrain baseline"), table);
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true));
        try {
            assertEquals(2, Main.run("unlearn", "--preset", "nope", "--out", tmp.resolve("x").toString()));
            assertEquals(2, Main.run("unlearn", "--config", tmp.resolve("missing.yaml").toString(), "--out",
                    tmp.resolve("y").toString()));
            assertEquals(2, Main.run("unlearn", "--out", tmp.resolve("z").toString()));
        } finally {
            System.setErr(err);
        }
        String text = buf.toString();
        assertTrue(text.contains("unknown preset 'nope'"), text);
        assertTrue(text.contains("mnist-newton"), "the list of presets names the Newton presets too: " + text);
        assertTrue(text.contains("missing.yaml"), text);
    }
}
