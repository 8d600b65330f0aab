package org.unlearning.workbench.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearning.workbench.engine.run.RunDirectory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
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

    private record Outcome(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        String line(String check) {
            return lines().stream().filter(l -> l.matches("(PASS|FAIL) " + check + " — .*")).findFirst()
                    .orElseThrow(() -> new AssertionError("no line for " + check + " in:\n" + out));
        }
    }

    @BeforeAll
    static void unlearnOnce() {
        run = tmp.resolve("run");
        Outcome o = cli("unlearn", "--preset", "mnist-modelclip", "--secure-noise", "--no-retrain-baseline",
                "--out", run.toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
    }

    private static Outcome cli(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true));
        System.setErr(new PrintStream(e, true));
        try {
            int code = Main.run(args);
            return new Outcome(code, o.toString(), e.toString());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
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
        Outcome o = cli("verify", run.toString());
        assertEquals(0, o.code(), o.out() + o.err());
        for (String check : List.of("run-status", "model-hash", "finite-parameters", "guarantee", "status")) {
            assertTrue(o.line(check).startsWith("PASS"), o.line(check));
        }
        assertTrue(o.line("guarantee").contains("recomputed (ε, δ) = (1, "), o.line("guarantee"));
        assertTrue(o.line("status").contains("secure"), o.line("status"));
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
        Outcome o = cli("verify", legacy.toString(), "--data", "bundled");
        assertTrue(o.line("forget-set-hash").startsWith("PASS"), o.line("forget-set-hash"));
        ((ObjectNode) n.get("data")).put("forget_fraction", 0.2);
        m.writerWithDefaultPrettyPrinter().writeValue(cert.toFile(), n);
        Outcome other = cli("verify", legacy.toString(), "--data", "bundled");
        assertTrue(other.line("forget-set-hash").startsWith("FAIL"), other.line("forget-set-hash"));
    }

    @Test
    void withTheDataTheDatasetHashIsChecked() {
        Outcome o = cli("verify", run.toString(), "--data", "bundled");
        assertTrue(o.line("dataset-hash").startsWith("PASS"), o.line("dataset-hash"));
        assertTrue(o.line("forget-set-hash").startsWith("PASS"), o.line("forget-set-hash"));
        Outcome other = cli("verify", run.toString(), "--data", "fashion-mnist-missing-folder");
        assertEquals(2, other.code(), other.err());
        assertTrue(other.err().contains("--data: no such file or folder"), other.err());
    }

    @Test
    void anEditedEpsilonFailsTheRecomputedGuarantee() throws IOException {
        Path dir = copyOfRun("edited-epsilon");
        editCertificate(dir, "epsilon", 0.001);
        Outcome o = cli("verify", dir.toString());
        assertEquals(1, o.code(), o.out());
        assertTrue(o.line("guarantee").startsWith("FAIL"), o.line("guarantee"));
        assertTrue(o.line("guarantee").contains("the accountant gives ε = 1 (certificate: 0.001"), o.line("guarantee"));
        assertTrue(o.line("model-hash").startsWith("PASS"), o.line("model-hash"));
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
        Outcome o = cli("verify", dir.toString());
        assertEquals(1, o.code(), o.out());
        assertTrue(o.line("model-hash").startsWith("FAIL"), o.line("model-hash"));
        assertTrue(o.line("model-hash").contains("not the certified one"), o.line("model-hash"));
    }

    @Test
    void aStatusThatIsNotCertifiedOrDoesNotMatchFails() throws IOException {
        Path dir = copyOfRun("demonstration");
        editCertificate(dir, "status", "demonstration");
        Outcome o = cli("verify", dir.toString());
        assertEquals(1, o.code(), o.out());
        assertTrue(o.line("status").startsWith("FAIL"), o.line("status"));
        Path weak = copyOfRun("target-missed");
        editCertificate(weak, "target_epsilon", 0.5);
        o = cli("verify", weak.toString());
        assertEquals(1, o.code(), o.out());
        assertTrue(o.line("status").contains("does not meet the target 0.5"), o.line("status"));
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
            Outcome o = cli("verify", p.toString());
            assertEquals(2, o.code(), p + ": " + o.out() + o.err());
            assertEquals(1, o.err().strip().lines().count(), o.err());
            assertTrue(o.err().startsWith("error: "), o.err());
            assertFalse(o.err().contains("Exception"), o.err());
            assertTrue(o.out().isEmpty(), o.out());
        }
    }
}
