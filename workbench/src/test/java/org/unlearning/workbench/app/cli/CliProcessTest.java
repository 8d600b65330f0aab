package org.unlearning.workbench.app.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearning.workbench.engine.io.HostileFiles;
import org.unlearning.workbench.engine.io.HostileGadget;
import org.unlearning.workbench.engine.io.RunStatus;
import org.unlearning.workbench.engine.model.ModelStore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real CLI process ({@code Main.main}): a hostile model file is refused without its gadget
 * class ever being loaded, errors are one line, and SIGTERM / SIGINT / SIGKILL during {@code train}
 * never leave anything that reads as a model (issue #12, defects 1, 3, 4).
 */
class CliProcessTest {
    @TempDir
    Path tmp;

    @Test
    void aPreprocessorObjectIsRefusedWithoutItsClassEverBeingLoaded() throws Exception {
        Path dir = HostileFiles.editedModel(HostileInputsTest.SAMPLES.resolve("mlp-5"), tmp.resolve("m"), e -> {
            e.put("preprocessor.bin", HostileFiles.objectStream(HostileGadget.class.getName()));
            return e;
        });
        Path classLog = tmp.resolve("classes.log");
        Result r = run(List.of("-Xmx512m", "-Xlog:class+load=info:file=" + classLog, Main.class.getName(),
                "evaluate", dir.toString()));
        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("error: " + dir.resolve("model.zip") + ": refused: entry 'preprocessor.bin' holds a "
                + "serialized Java object, which is never read (DL4J would deserialize it)"), r.err().lines().toList());
        String loaded = Files.readString(classLog);
        assertTrue(loaded.contains(ModelStore.class.getName()), "the log records class loading");
        assertFalse(loaded.contains(HostileGadget.class.getName()), "the gadget class was loaded");
    }

    @Test
    void signalsDuringTrainingNeverLeaveAModel() throws Exception {
        // four trainings at once (wall time): SIGTERM, SIGINT, SIGINT twice, SIGKILL
        boolean sigintDeliverable = !ignoresSigint();
        List<Training> runs = new ArrayList<>();
        for (String how : sigintDeliverable ? List.of("TERM", "INT", "INT-INT", "KILL") : List.of("TERM", "KILL")) {
            runs.add(Training.start(tmp.resolve(how)));
        }
        if (!sigintDeliverable) {
            runs.add(1, null);
            runs.add(2, null);
        }
        for (Training t : runs) {
            if (t != null) {
                t.awaitTraining();
            }
        }
        for (int i = 0; i < runs.size(); i++) {
            Training t = runs.get(i);
            if (t == null) {
                continue;
            }
            switch (i) {
                case 0 -> t.kill("-TERM");                   // (Process.destroy would also close our end of its stderr)
                case 1 -> t.kill("-INT");
                case 2 -> {
                    t.kill("-INT");
                    new ProcessBuilder("kill", "-INT", Long.toString(t.process.pid())).start().waitFor(); // may be gone already
                }
                default -> t.process.destroyForcibly();      // SIGKILL
            }
        }
        for (Training t : runs) {
            if (t != null) {
                assertTrue(t.process.waitFor(30, TimeUnit.SECONDS), t.out + " did not stop");
                t.reader.join(10_000);
            }
        }
        Training term = runs.get(0);
        assertEquals(143, term.process.exitValue(), term.log());
        assertCancelled(term);
        if (sigintDeliverable) {
            Training intr = runs.get(1);
            assertEquals(130, intr.process.exitValue(), intr.log());
            assertCancelled(intr);
            Training twice = runs.get(2);
            assertEquals(130, twice.process.exitValue(), twice.log());
            assertNoModel(twice);   // cancelled in time, or cut off while in progress: never a model
        }
        Training killed = runs.get(3);
        assertNoModel(killed);
        RunStatus.Reading r = RunStatus.read(killed.out).orElseThrow();
        assertTrue(r.interrupted(), r.describe());
        IOException e = assertThrows(IOException.class, () -> ModelStore.load(killed.out));
        assertTrue(e.getMessage().contains("interrupted, not certified (train started "), e.getMessage());
        Assumptions.assumeTrue(sigintDeliverable, "SIGINT is ignored by this test's process (a background job of a "
                + "non-interactive shell), so its children cannot receive it; SIGTERM and SIGKILL were tested");
    }

    private static void assertCancelled(Training t) throws IOException {
        assertNoModel(t);
        RunStatus.Reading r = RunStatus.read(t.out).orElseThrow();
        assertEquals(RunStatus.State.CANCELLED, r.status().state(), r.describe());
        assertTrue(r.describe().matches("cancelled, not certified: cancelled after \\d+ of 1000 epochs — no model saved"),
                r.describe());
        assertTrue(t.log().contains("cancelling; waiting up to 10 s for the run to record its status"), t.log());
        IOException e = assertThrows(NoSuchFileException.class, () -> ModelStore.load(t.out));
        assertTrue(e.getMessage().contains("model folder lacks model.zip (status.json: cancelled, not certified"),
                e.getMessage());
    }

    private static void assertNoModel(Training t) throws IOException {
        try (Stream<Path> s = Files.list(t.out)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of(".lock", "status.json"), names, t.log());
        }
        RunStatus.Reading r = RunStatus.read(t.out).orElseThrow();
        assertFalse(r.certified() || r.status().state() == RunStatus.State.COMPLETED, r.describe());
    }

    /** True when SIGINT is ignored by this process (then its children inherit that, and cannot catch it). */
    private static boolean ignoresSigint() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(l.substring(7).trim(), 16) & 0x2) != 0;
            }
        }
        return false;
    }

    /** A {@code train} child process and its stderr. */
    static final class Training {
        final Process process;
        final Path out;
        final List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader;

        private Training(Process process, Path out) {
            this.process = process;
            this.out = out;
        }

        static Training start(Path out) throws IOException {
            Process p = HostileInputsTest.javaProcess("-Xmx1g", Main.class.getName(), "train", "--model", "mlp-5",
                    "--epochs", "1000", "--out", out.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Training t = new Training(p, out);
            t.reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        t.lines.add(l);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            t.reader.setDaemon(true);
            t.reader.start();
            return t;
        }

        /** Until the data is loaded, the folder prepared and the training loop about to run (or running). */
        void awaitTraining() throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (lines.stream().noneMatch(l -> l.startsWith("training "))) {
                assertTrue(process.isAlive(), "train ended early: " + log());
                assertTrue(System.nanoTime() < end, "training did not start within 120 s: " + log());
                Thread.sleep(20);
            }
            Thread.sleep(300);
        }

        void kill(String signal) throws IOException, InterruptedException {
            assertEquals(0, new ProcessBuilder("kill", signal, Long.toString(process.pid())).start().waitFor());
        }

        String log() {
            return String.join("\n", lines);
        }
    }

    record Result(int code, String err) {}

    private static Result run(List<String> args) throws Exception {
        Process p = HostileInputsTest.javaProcess(args.toArray(String[]::new))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Result(p.exitValue(), err);
    }
}
