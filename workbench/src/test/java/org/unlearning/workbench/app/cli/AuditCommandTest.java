package org.unlearning.workbench.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearning.workbench.accounting.audit.DistinguishingAudit;
import org.unlearning.workbench.engine.audit.AuditReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code audit} on a tiny real configuration (theory.md §15): R = 12 runs per world of output
 * perturbation and retraining with mlp-32x32 originals, plus a one-run audit. Checks the invariants
 * (certified ε̂ ≤ ε, retraining ε̂ = 0, the power check exactly as its recorded scores give it),
 * the audit.json schema, the figures, and bad input.
 */
class AuditCommandTest {
    @TempDir
    static Path tmp;
    static Path out;
    static JsonNode json;
    static AuditReport report;

    static final String CONFIG = String.join("\n",
            "name: audit-test",
            "runs: 12",
            "canaries: {mislabeled: 0, synthetic: 8, seed: 3}",
            "one_run: {canaries: {mislabeled: 10, synthetic: 10, seed: 4}, guesses: 6, seed: 5}",
            "data: {source: bundled, validation_fraction: 0, evaluation_limit: 50}",
            "model: {architecture: mlp-32x32, train_epochs: 4, train_seed: 0}",
            "fine_tune: {epochs: 1, learning_rate: 0.05, schedule: constant, batch_size: 128}",
            "methods:",
            "  - {type: output_perturbation, epsilon: 1.0, delta: 1.0e-5, init_clip: 1.0}",
            "  - {type: retrain}",
            "seed: 7",
            "");

    @BeforeAll
    static void tinyAudit() throws Exception {
        Path cfg = tmp.resolve("audit.yaml");
        Files.writeString(cfg, CONFIG);
        out = tmp.resolve("audit");
        assertEquals(0, Main.run("audit", "--config", cfg.toString(), "--out", out.toString(), "--quiet"));
        json = new ObjectMapper().readTree(out.resolve("audit.json").toFile());
        report = AuditReport.read(out);
    }

    @Test
    void auditJsonHasEveryNumberPerMethod() {
        assertEquals(12, json.get("runs_per_world").asInt());
        assertEquals(0.05, json.get("alpha").asDouble());
        assertEquals(8, json.at("/canaries/synthetic").asInt());
        assertTrue(json.at("/canaries/description").asText().contains("8 synthetic inputs"));
        assertEquals(20, json.at("/one_run_canaries/count").asInt());
        assertTrue(json.at("/power_check/epsilon_hat").isNumber());
        assertEquals(2, json.get("methods").size());
        for (JsonNode m : json.get("methods")) {
            for (String key : List.of("epsilon_hat", "confidence", "certified_epsilon", "reference_epsilon_hat")) {
                assertTrue(m.get(key).isNumber(), m.get("method") + " has " + key);
            }
            assertEquals(0.95, m.get("confidence").asDouble(), 1e-12);
            assertEquals(12, m.at("/distinguishing/scores_w1").size());
            assertEquals(12, m.at("/distinguishing/scores_w0").size());
            assertEquals(20, m.at("/one_run/canaries").asInt());
            assertEquals(24, m.get("certified_runs").asInt(), "secure noise: every release certified");
        }
    }

    @Test
    void certifiedMethodsStayBelowTheirEpsilonAndRetrainingShowsNothing() {
        AuditReport.MethodAudit op = report.methods().get(0);
        assertEquals("output_perturbation", op.method());
        assertEquals(1.0, op.certifiedEpsilon(), 1e-9);
        assertTrue(op.epsilonHat() <= op.certifiedEpsilon(), "ε̂ = " + op.epsilonHat());
        assertTrue(op.withinCertificate());
        AuditReport.MethodAudit re = report.methods().get(1);
        assertEquals("retrain", re.method());
        assertEquals(0, re.certifiedEpsilon());
        assertEquals(0, re.epsilonHat(), "same D_r, same seed: identical releases in both worlds");
        assertEquals(re.distinguishing().scoresW1(), re.distinguishing().scoresW0());
    }

    @Test
    void powerCheckIsWhatItsScoresGive() {
        AuditReport.PowerCheck p = report.powerCheck();
        double[] w1 = p.fineTune().scoresW1().stream().mapToDouble(Double::doubleValue).toArray();
        double[] w0 = p.fineTune().scoresW0().stream().mapToDouble(Double::doubleValue).toArray();
        assertEquals(DistinguishingAudit.run(w1, w0, 0.05, 0).epsilonHat(), p.epsilonHat(), 1e-12);
        assertEquals(p.epsilonHat() > 0, p.separates());
        assertEquals(!p.separates(), p.statement().equals(AuditReport.NO_POWER));
        for (AuditReport.MethodAudit m : report.methods()) {
            assertEquals(p.epsilonHat(), m.referenceEpsilonHat());
        }
        // the canaries were planted in W1's original: it scores them higher (they are memorised)
        assertTrue(p.originalScoreW1() > p.originalScoreW0(), p.originalScoreW1() + " vs " + p.originalScoreW0());
    }

    @Test
    void figuresInThreeFormats() {
        for (String name : List.of("roc", "epsilon", "histogram-output_perturbation", "histogram-reference")) {
            for (String ext : List.of("png", "svg", "pdf")) {
                assertTrue(Files.isRegularFile(out.resolve("figures").resolve(name + "." + ext)), name + "." + ext);
            }
        }
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        assertBad("unknown audit preset 'nope'", "audit", "--preset", "nope", "--out", tmp.resolve("x1").toString());
        assertBad("runs must be in [4", "audit", "--preset", "mnist-audit-smoke", "--runs", "2", "--out",
                tmp.resolve("x2").toString());
        assertBad("not in audit", "audit", "--preset", "mnist-audit-smoke", "--methods", "newton", "--out",
                tmp.resolve("x3").toString());
        assertBad("already holds", "audit", "--preset", "mnist-audit-smoke", "--out", out.toString());
        Path newton = tmp.resolve("newton.yaml");
        Files.writeString(newton, CONFIG.replace("{type: retrain}", "{type: newton}"));
        assertBad("newton cannot be audited", "audit", "--config", newton.toString(), "--out", tmp.resolve("x4").toString());
        Path typo = tmp.resolve("typo.yaml");
        Files.writeString(typo, CONFIG.replace("runs: 12", "rnus: 12"));
        assertBad("rnus", "audit", "--config", typo.toString(), "--out", tmp.resolve("x5").toString());
        assertFalse(Files.exists(tmp.resolve("x4").resolve("audit.json")));
    }

    private static void assertBad(String expected, String... args) {
        CliRun.Result r = CliRun.run(args);
        String text = r.err();
        int code = r.code();
        assertEquals(2, code, text);
        assertTrue(text.contains(expected), text);
        assertEquals(1, text.lines().filter(l -> l.startsWith("error:")).count(), text);
    }
}
