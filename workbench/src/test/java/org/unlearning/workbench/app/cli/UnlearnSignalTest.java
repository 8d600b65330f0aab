package org.unlearning.workbench.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearning.workbench.engine.io.RunStatus;
import org.unlearning.workbench.engine.run.RunDirectory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code unlearn} as a child process, stopped by SIGTERM in its noisy phase: it exits 143 after
 * recording "not certified — cancelled at step N" in status.json and a not-certified certificate;
 * and the run folder rules of issue 12: a used {@code --out} is refused without {@code --overwrite},
 * which moves it aside whole; {@code --out ""} is refused.
 */
class UnlearnSignalTest {
    @TempDir
    Path tmp;

    @Test
    void sigtermInTheNoisyPhaseRecordsNotCertifiedBeforeExit() throws Exception {
        Path out = tmp.resolve("run");
        Process p = HostileInputsTest.javaProcess("-Xmx1g", Main.class.getName(), "unlearn", "--preset",
                "mnist-gradclip", "--param", "sigma=0.05", "--param", "steps=1000000", "--no-retrain-baseline",
                "--out", out.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    lines.add(l);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (lines.stream().noneMatch(l -> l.startsWith("noisy: "))) {
            assertTrue(p.isAlive(), "unlearn ended early: " + lines);
            assertTrue(System.nanoTime() < end, "the noisy phase did not start within 120 s: " + lines);
            Thread.sleep(20);
        }
        Thread.sleep(300);
        assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "did not stop");
        reader.join(10_000);
        assertEquals(143, p.exitValue(), String.join("\n", lines));
        RunStatus.Reading r = RunStatus.read(out).orElseThrow();
        assertEquals(RunStatus.State.CANCELLED, r.status().state(), r.describe());
        assertTrue(r.describe().startsWith("not certified — cancelled at step "), r.describe());
        JsonNode cert = new ObjectMapper().readTree(RunDirectory.of(out).certificateFile().toFile());
        assertEquals("not_certified", cert.get("status").asText());
        assertTrue(cert.get("status_line").asText().startsWith("not certified — cancelled at step "), cert.toString());
    }

    @Test
    void aUsedOutIsRefusedUnlessOverwriteMovesItAside() throws Exception {
        Path out = tmp.resolve("used");
        Files.createDirectories(out);
        Files.writeString(out.resolve("config.json"), "{}");
        String[] run = {"unlearn", "--preset", "mnist-modelclip", "--no-retrain-baseline", "--quiet", "--out",
                out.toString()};
        assertEquals(2, Main.run(run));
        assertEquals(List.of("config.json"), names(out), "nothing written into the used folder");
        String[] again = java.util.Arrays.copyOf(run, run.length + 1);
        again[run.length] = "--overwrite";
        assertEquals(0, Main.run(again));
        assertTrue(Files.isRegularFile(RunDirectory.of(out).certificateFile()));
        try (var s = Files.list(tmp)) {
            Path aside = s.filter(q -> q.getFileName().toString().startsWith("used.replaced-")).findFirst().orElseThrow();
            assertEquals(List.of("config.json"), names(aside), "the old content, whole");
        }
        assertEquals(2, Main.run("unlearn", "--preset", "mnist-modelclip", "--out", "", "--quiet"));
    }

    private static List<String> names(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(q -> q.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}
