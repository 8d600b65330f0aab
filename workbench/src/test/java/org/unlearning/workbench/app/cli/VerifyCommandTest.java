package org.unlearning.workbench.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearning.workbench.engine.run.RunDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code verify RUN_DIR} on a real run (bundled MNIST, mlp-5 sample model, model clipping with secure
 * noise): the untouched release passes every check (exit 0); an edited ε, the original model copied
 * over the released one or an edited status fail the check that names it (exit 1); a missing,
 * foreign or corrupt folder is bad input (exit 2, one line).
 */
class VerifyCommandTest {
    @TempDir
    static Path tmp;
    static Path run;

    /** The PASS/FAIL line of {@code check} in verify's output. */
    private static String line(CliRun.Result r, String check) {
        return r.lines().stream().filter(l -> l.matches("(PASS|FAIL) " + check + " — .*")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + check + " in:\n" + r.out()));
    }

    @BeforeAll
    static void unlearnOnce() {
        run = tmp.resolve("run");
        CliRun.Result o = CliRun.run("unlearn", "--preset", "mnist-modelclip", "--secure-noise", "--no-retrain-baseline",
                "--out", run.toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
    }

    private static Path copyOfRun(String name) throws IOException {
        Path dst = tmp.resolve(name);
        try (Stream<Path> files = Files.walk(run)) {
            for (Path p : files.toList()) {
                Path q = dst.resolve(run.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return dst;
    }

    private static void editCertificate(Path dir, String key, Object value) throws IOException {
        Path cert = RunDirectory.of(dir).certificateFile();
        ObjectMapper m = new ObjectMapper();
        ObjectNode n = (ObjectNode) m.readTree(cert.toFile());
        n.set(key, m.valueToTree(value));
        m.writerWithDefaultPrettyPrinter().writeValue(cert.toFile(), n);
    }

    @Test
    void anUntouchedReleasePassesEveryCheck() {
        CliRun.Result o = CliRun.run("verify", run.toString());
        assertEquals(0, o.code(), o.out() + o.err());
        for (String check : List.of("run-status", "model-hash", "finite-parameters", "guarantee", "status")) {
            assertTrue(line(o, check).startsWith("PASS"), line(o, check));
        }
        assertTrue(line(o, "guarantee").contains("recomputed (ε, δ) = (1, "), line(o, "guarantee"));
        assertTrue(line(o, "status").contains("secure"), line(o, "status"));
        assertTrue(o.err().isEmpty(), o.err());
    }

    /** Certificates written before the fix record "requests: 1" for a plain forget_fraction draw: still rebuilt. */
    @Test
    void aSingleRequestRecordedAsOneOfOneIsRebuilt() throws IOException {
        Path legacy = copyOfRun("legacy-requests");
        Path cert = RunDirectory.of(legacy).certificateFile();
        ObjectMapper m = new ObjectMapper();
        ObjectNode n = (ObjectNode) m.readTree(cert.toFile());
        assertTrue(n.path("data").path("requests").isMissingNode() || n.path("data").path("requests").isNull(),
                "a plain forget_fraction run records no request count: " + n.path("data"));
        ((ObjectNode) n.get("data")).put("requests", 1);
        m.writerWithDefaultPrettyPrinter().writeValue(cert.toFile(), n);
        CliRun.Result o = CliRun.run("verify", legacy.toString(), "--data", "bundled");
        assertTrue(line(o, "forget-set-hash").startsWith("PASS"), line(o, "forget-set-hash"));
        ((ObjectNode) n.get("data")).put("forget_fraction", 0.2);
        m.writerWithDefaultPrettyPrinter().writeValue(cert.toFile(), n);
        CliRun.Result other = CliRun.run("verify", legacy.toString(), "--data", "bundled");
        assertTrue(line(other, "forget-set-hash").startsWith("FAIL"), line(other, "forget-set-hash"));
    }

    @Test
    void withTheDataTheDatasetHashIsChecked() {
        CliRun.Result o = CliRun.run("verify", run.toString(), "--data", "bundled");
        assertTrue(line(o, "dataset-hash").startsWith("PASS"), line(o, "dataset-hash"));
        assertTrue(line(o, "forget-set-hash").startsWith("PASS"), line(o, "forget-set-hash"));
        CliRun.Result other = CliRun.run("verify", run.toString(), "--data", "fashion-mnist-missing-folder");
        assertEquals(2, other.code(), other.err());
        assertTrue(other.err().contains("--data: no such file or folder"), other.err());
    }

    @Test
    void anEditedEpsilonFailsTheRecomputedGuarantee() throws IOException {
        Path dir = copyOfRun("edited-epsilon");
        editCertificate(dir, "epsilon", 0.001);
        CliRun.Result o = CliRun.run("verify", dir.toString());
        assertEquals(1, o.code(), o.out());
        assertTrue(line(o, "guarantee").startsWith("FAIL"), line(o, "guarantee"));
        assertTrue(line(o, "guarantee").contains("the accountant gives ε = 1 (certificate: 0.001"), line(o, "guarantee"));
        assertTrue(line(o, "model-hash").startsWith("PASS"), line(o, "model-hash"));
    }

    @Test
    void theOriginalCopiedOverTheReleaseFailsTheHash() throws IOException {
        Path dir = copyOfRun("original-released");
        Path released = RunDirectory.of(dir).releasedModelDir();
        Path original = Path.of("").toAbsolutePath().resolveSibling("sample-models").resolve("mlp-5");
        if (!Files.isDirectory(original)) {
            original = Path.of("sample-models", "mlp-5");
        }
        for (String f : List.of("model.zip", "model.json")) {
            Files.copy(original.resolve(f), released.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        CliRun.Result o = CliRun.run("verify", dir.toString());
        assertEquals(1, o.code(), o.out());
        assertTrue(line(o, "model-hash").startsWith("FAIL"), line(o, "model-hash"));
        assertTrue(line(o, "model-hash").contains("not the certified one"), line(o, "model-hash"));
    }

    @Test
    void aStatusThatIsNotCertifiedOrDoesNotMatchFails() throws IOException {
        Path dir = copyOfRun("demonstration");
        editCertificate(dir, "status", "demonstration");
        CliRun.Result o = CliRun.run("verify", dir.toString());
        assertEquals(1, o.code(), o.out());
        assertTrue(line(o, "status").startsWith("FAIL"), line(o, "status"));
        Path weak = copyOfRun("target-missed");
        editCertificate(weak, "target_epsilon", 0.5);
        o = CliRun.run("verify", weak.toString());
        assertEquals(1, o.code(), o.out());
        assertTrue(line(o, "status").contains("does not meet the target 0.5"), line(o, "status"));
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws IOException {
        Path corrupt = copyOfRun("corrupt");
        Path cert = RunDirectory.of(corrupt).certificateFile();
        byte[] bytes = Files.readAllBytes(cert);
        Files.write(cert, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path noCertificate = copyOfRun("no-certificate");
        Files.delete(RunDirectory.of(noCertificate).certificateFile());
        Path notJsonObject = copyOfRun("array");
        Files.writeString(RunDirectory.of(notJsonObject).certificateFile(), "[1, 2]");
        for (Path p : List.of(corrupt, noCertificate, notJsonObject, tmp.resolve("missing"), cert)) {
            CliRun.Result o = CliRun.run("verify", p.toString());
            assertEquals(2, o.code(), p + ": " + o.out() + o.err());
            assertEquals(1, o.err().strip().lines().count(), o.err());
            assertTrue(o.err().startsWith("error: "), o.err());
            assertFalse(o.err().contains("Exception"), o.err());
            assertTrue(o.out().isEmpty(), o.out());
        }
    }
}
