package org.unlearning.workbench.engine.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Run-folder primitives (issue #12, defects 2/3): atomic files, an exclusive lock, prepared folders, the status protocol. */
class RunFolderTest {
    @Test
    void atomicWriteReplacesWholeOrNotAtAll(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("certificate.json");
        AtomicFiles.write(f, "first");
        AtomicFiles.write(f, "second");
        assertEquals("second", Files.readString(f));
        IOException boom = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("half of a third".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", boom.getMessage());
        assertEquals("second", Files.readString(f), "a failed write leaves the old file");
        assertEquals(List.of("certificate.json"), names(dir), "no temporary file left");
        assertEquals(Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain"))),
                Files.getPosixFilePermissions(f), "permissions as for any new file");
    }

    @Test
    void prepareRefusesUsedFoldersAndNeverMixesRuns(@TempDir Path dir) throws IOException {
        assertEquals("--out is empty: name the folder to write to",
                assertThrows(InputFileException.class, () -> OutputFolder.prepare(Path.of(""), false, "--out", "t")).getMessage());
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertEquals("--out " + file + " exists and is not a folder",
                assertThrows(InputFileException.class, () -> OutputFolder.prepare(file, true, "--out", "t")).getMessage());
        Path out = dir.resolve("run");
        try (OutputFolder f = OutputFolder.prepare(out, false, "--out", "t")) {
            assertTrue(f.created());
            RunStatus.begin(out, "t");
            // a second run into the same folder, even with --overwrite, is refused while the first holds it
            InputFileException busy = assertThrows(InputFileException.class, () -> OutputFolder.prepare(out, true, "--out", "t"));
            assertTrue(busy.getMessage().contains("is in use by a running process"), busy.getMessage());
            Files.writeString(out.resolve("certificate.json"), "{}");
            RunStatus.finish(out, RunStatus.State.CERTIFIED, "done");
        }
        InputFileException used = assertThrows(InputFileException.class, () -> OutputFolder.prepare(out, false, "--out", "t"));
        assertEquals("--out " + out + " already holds certificate.json, status.json; choose a new folder, or add "
                + "--overwrite to move the old one aside", used.getMessage());
        try (OutputFolder f = OutputFolder.prepare(out, true, "--out", "t")) {
            Path aside = f.movedAside().orElseThrow();
            assertTrue(aside.getFileName().toString().startsWith("run.replaced-"), aside.toString());
            assertEquals(List.of(".lock", "certificate.json", "status.json"), names(aside), "the old run, whole");
            assertEquals(List.of(".lock"), names(out), "the new run starts empty");
        }
    }

    @Test
    void overwriteNeverMovesAFolderNoRunWrote(@TempDir Path dir) throws IOException {
        Path thesis = Files.createDirectories(dir.resolve("thesis"));
        Files.writeString(thesis.resolve("thesis.tex"), "\\documentclass{book}");
        InputFileException e = assertThrows(InputFileException.class, () -> OutputFolder.prepare(thesis, true, "--out", "t"));
        assertEquals("--out " + thesis + " holds files that no run wrote (thesis.tex); --overwrite moves aside only an "
                + "earlier run's or model's folder, choose a new folder", e.getMessage());
        assertEquals(List.of("thesis.tex"), names(thesis));
        Path home = Path.of(System.getProperty("user.home"));
        assertTrue(assertThrows(InputFileException.class, () -> OutputFolder.prepare(home, true, "--out", "t"))
                .getMessage().contains("is the current folder, the home folder or one of their parents"));
    }

    @Test
    void aFolderLeftByARunThatProducedNothingCanBeReused(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("m");
        try (OutputFolder f = OutputFolder.prepare(out, false, "--out", "train")) {
            RunStatus.begin(out, "train");
            RunStatus.finish(out, RunStatus.State.CANCELLED, "cancelled after 1 of 5 epochs — no model saved");
        }
        try (OutputFolder f = OutputFolder.prepare(out, false, "--out", "train")) {
            assertTrue(f.movedAside().isEmpty());
            RunStatus.begin(out, "train");
            assertFalse(f.discardIfUnused(), "not created by this run: stays, with a failed status");
        }
        Path fresh = dir.resolve("n");
        try (OutputFolder f = OutputFolder.prepare(fresh, false, "--out", "train")) {
            RunStatus.begin(fresh, "train");
            assertTrue(f.discardIfUnused(), "failed before writing anything: the folder it created goes");
        }
        assertFalse(Files.exists(fresh));
    }

    @Test
    void anotherProcessHoldsTheLockUntilItDiesAndItsRunThenReadsInterrupted(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        Files.createDirectories(out);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), out.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", r.readLine());
            assertTrue(FolderLock.isHeld(out));
            InputFileException e = assertThrows(InputFileException.class, () -> FolderLock.acquire(out, "second"));
            assertTrue(e.getMessage().matches(".* is in use by a running process \\(pid " + p.pid()
                    + ", test-holder, since .*\\); wait for it to finish or choose another folder"), e.getMessage());
            RunStatus.Reading running = RunStatus.read(out).orElseThrow();
            assertTrue(running.running() && !running.interrupted() && !running.certified(), running.describe());
            assertTrue(running.describe().startsWith("running (pid " + p.pid()), running.describe());
        } finally {
            p.destroyForcibly();   // SIGKILL: no chance to write anything
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
        assertFalse(FolderLock.isHeld(out), "the operating system released the lock of the killed process");
        RunStatus.Reading after = RunStatus.read(out).orElseThrow();
        assertTrue(after.interrupted() && !after.certified());
        assertTrue(after.describe().startsWith("interrupted, not certified (test-holder started "), after.describe());
        try (FolderLock again = FolderLock.acquire(out, "next")) {
            assertTrue(FolderLock.isHeld(out));
        }
    }

    @Test
    void finalStatesReadAsTheySay(@TempDir Path dir) throws IOException {
        assertTrue(RunStatus.read(dir).isEmpty());
        RunStatus.begin(dir, "unlearn");
        RunStatus.finish(dir, RunStatus.State.NOT_CERTIFIED, "cancelled at step 12");
        RunStatus.Reading r = RunStatus.read(dir).orElseThrow();
        assertEquals("not certified: cancelled at step 12", r.describe());
        assertFalse(r.certified());
        assertEquals("unlearn", r.status().command());
        Files.writeString(RunStatus.file(dir), "{\"state\": \"certified\", \"state\": \"in-progress\"}");
        String dup = assertThrows(InputFileException.class, () -> RunStatus.read(dir)).getMessage();
        assertTrue(dup.contains("status.json:1:31: state: duplicate key"), dup);
        Files.writeString(RunStatus.file(dir), "{\"state\": \"done\"}");
        assertTrue(assertThrows(InputFileException.class, () -> RunStatus.read(dir)).getMessage()
                .contains("unknown run state 'done'"));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
