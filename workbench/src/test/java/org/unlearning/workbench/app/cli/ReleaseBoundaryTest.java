package org.unlearning.workbench.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearning.workbench.engine.io.RunStatus;
import org.unlearning.workbench.engine.run.RunDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The release boundary of theory.md §14 on a real short run (bundled MNIST, the sample mlp-5,
 * gradient clipping, two sequential requests, standardised features, with the retrain baseline):
 * no file under {@code release/} has a key (JSON, recursively) or column (CSV) of forget-set metrics,
 * pre-noise / step-0 or intermediate-iterate metrics, or a seed; every diagnostic is under
 * {@code private/} with its README; the certificate states the retain-set-only preprocessing.
 */
class ReleaseBoundaryTest {
    @TempDir
    static Path tmp;
    static Path out;
    static int code;

    /** Key names a published file must not have: forget-set figures, membership inference, iterates, seeds. */
    private static final Pattern FORBIDDEN = Pattern.compile(
            "(?i).*(forget_(accuracy|loss|mia)|mia|membership|balanced_accuracy|step_?0|initial|pre_?noise|"
                    + "gradient_norm|privacy_state|clip_factor|noise_free|distance|savings|examples_to|"
                    + "validation_accuracy|(?<!split_)(?<!split)seed).*"); // the split seed picks the public split, not noise

    @BeforeAll
    static void runOnce() throws IOException {
        Path cfg = tmp.resolve("boundary.yaml");
        Files.writeString(cfg, String.join("\n",
                "name: boundary",
                "data: {source: bundled, validation_fraction: 0.1, forget_fraction: 0.02, requests: 2, split_seed: 0,",
                "       evaluation_limit: 300, standardize: true}",
                "model: {path: sample-models/mlp-5, architecture: mlp-5}",
                "method: {type: gradient_clipping, epsilon: 1.0, delta: 1.0e-5, batch_size: 128, init_clip: 0.01,",
                "         grad_clip: 10.0, learning_rate: 1.0e-4, weight_decay: 750.0}",
                "fine_tune: {epochs: 1, learning_rate: 0.3, schedule: one_cycle, weight_decay: 5.0e-4, batch_size: 128}",
                "retrain_baseline: true",
                "seed: 5",
                ""));
        out = tmp.resolve("run");
        code = CliRun.run("unlearn", "--config", cfg.toString(), "--out", out.toString(), "--quiet").code();
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted()
                    .toList();
        }
    }

    private static void keys(JsonNode n, String path, List<String> into) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                into.add(path + e.getKey());
                keys(e.getValue(), path + e.getKey() + ".", into);
            }
        } else if (n.isArray()) {
            for (JsonNode c : n) {
                keys(c, path, into);
            }
        }
    }

    @Test
    void theRunIsCertifiedAndItsFolderHasTwoParts() throws IOException {
        assertEquals(0, code);
        RunDirectory d = RunDirectory.of(out);
        assertTrue(d.split());
        assertEquals(RunStatus.State.CERTIFIED, d.status().orElseThrow().status().state());
        List<String> release = files(d.releaseDir());
        for (String f : List.of("certificate.json", "summary.json", "unlearned-model/model.zip",
                "unlearned-model/model.json", "certificates/request-1.json", "certificates/request-2.json",
                "models/request-1/model.zip", "models/request-2/model.json")) {
            assertTrue(release.contains(f), "release/" + f + " in " + release);
        }
        List<String> priv = files(d.privateDir());
        for (String f : List.of("README.txt", "config.json", "summary.json", "metrics.csv", "retrain-metrics.csv",
                "requests.csv", "noise.json", "log.txt", "forget-sets/request-1.txt", "forget-sets/request-2.txt")) {
            assertTrue(priv.contains(f), "private/" + f + " in " + priv);
        }
        assertTrue(Files.readString(d.privateDir().resolve("README.txt"))
                .startsWith("Publishing anything in this folder voids the unlearning guarantee"));
        try (Stream<Path> top = Files.list(out)) {
            List<String> names = top.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("private", "release", RunStatus.FILE),
                    names.stream().filter(n -> !n.startsWith(".")).toList(), names.toString());
        }
    }

    @Test
    void noFileUnderReleaseHasAForbiddenKeyOrColumn() throws IOException {
        RunDirectory d = RunDirectory.of(out);
        ObjectMapper json = new ObjectMapper();
        List<String> bad = new ArrayList<>();
        int checked = 0;
        for (String f : files(d.releaseDir())) {
            Path p = d.releaseDir().resolve(f);
            List<String> names = new ArrayList<>();
            if (f.endsWith(".json")) {
                keys(json.readTree(p.toFile()), "", names);
            } else if (f.endsWith(".csv") || f.endsWith(".txt")) {
                names.addAll(List.of(Files.readAllLines(p).get(0).split(",")));
            } else {
                assertTrue(f.endsWith("model.zip"), "unexpected file release/" + f);
                continue;
            }
            checked++;
            for (String k : names) {
                String leaf = k.substring(k.lastIndexOf('.') + 1);
                if (FORBIDDEN.matcher(leaf).matches()) {
                    bad.add(f + ": " + k);
                }
            }
        }
        assertTrue(checked >= 7, "checked " + checked + " files");
        assertEquals(List.of(), bad);
        // the same test catches these keys where they belong: in the private part
        List<String> privateKeys = new ArrayList<>();
        keys(json.readTree(d.summaryJson().toFile()), "", privateKeys);
        keys(json.readTree(d.noiseRecord().toFile()), "", privateKeys);
        assertTrue(privateKeys.stream().anyMatch(k -> FORBIDDEN.matcher(k.substring(k.lastIndexOf('.') + 1)).matches()),
                privateKeys.toString());
        assertTrue(Files.readAllLines(d.metricsCsv()).get(0).contains("forget_accuracy"));
    }

    @Test
    void theCertificateNamesASecureGeneratorAndStatesRetainOnlyPreprocessing() throws IOException {
        JsonNode cert = new ObjectMapper().readTree(RunDirectory.of(out).certificateFile().toFile());
        assertEquals("certified", cert.get("status").asText());
        assertTrue(cert.get("noise").get("secure").asBoolean());
        assertTrue(cert.get("noise").get("generator").asText().contains("DRBG"));
        String pre = cert.get("data").get("preprocessing").asText();
        assertTrue(pre.contains("retain set only"), pre);
        assertEquals(0, cert.get("data").get("split_seed").asLong());
        assertTrue(cert.get("statement").asText().contains("gradient clipped"), cert.get("statement").asText());
    }

    @Test
    void verifyPassesOnTheRelease() {
        CliRun.Result v = CliRun.run("verify", out.toString(), "--data", "bundled");
        assertEquals(0, v.code(), v.out());
        assertFalse(v.out().contains("FAIL"), v.out());
    }
}
