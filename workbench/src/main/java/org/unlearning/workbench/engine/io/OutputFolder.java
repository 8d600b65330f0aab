package org.unlearning.workbench.engine.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A folder a run writes into, prepared so that it can never mix two runs: it must be new or
 * empty; with {@code overwrite} an earlier run's or model's folder is moved aside whole to a
 * sibling ({@code NAME.replaced-<time>}), never deleted and never mixed with the new files (a
 * folder no run wrote, the home or current folder is never moved); it is locked
 * ({@link FolderLock}) for as long as this object is open. A folder left by a run that produced
 * nothing (only its lock and a cancelled / failed / interrupted status) counts as empty.
 */
public final class OutputFolder implements AutoCloseable {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** Files that mark a folder as an earlier run's or model's output (the only folders --overwrite moves aside). */
    private static final java.util.Set<String> OUTPUT_MARKERS = java.util.Set.of(RunStatus.FILE, "model.json",
            "model.zip", "certificate.json", "summary.json", "metrics.csv", "config.json", "release", "private");

    private final Path dir;
    private final FolderLock lock;
    private final Path movedAside;
    private final boolean created;

    private OutputFolder(Path dir, FolderLock lock, Path movedAside, boolean created) {
        this.dir = dir;
        this.lock = lock;
        this.movedAside = movedAside;
        this.created = created;
    }

    /**
     * Prepares {@code out} for a run of {@code command}.
     *
     * @param label     how the user named it, for messages (e.g. {@code --out})
     * @param overwrite move an existing non-empty folder aside instead of refusing
     * @throws InputFileException one line naming the folder and what is wrong
     */
    public static OutputFolder prepare(Path out, boolean overwrite, String label, String command) throws IOException {
        if (out == null || out.toString().isBlank()) {
            throw new InputFileException(label + " is empty: name the folder to write to");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new InputFileException(label + " " + out + " exists and is not a folder");
        }
        Path moved = null;
        boolean created = false;
        if (Files.isDirectory(out)) {
            if (FolderLock.isHeld(out)) {
                throw new InputFileException(label + " " + out + " is in use by a running process; wait for it "
                        + "to finish or choose another folder");
            }
            List<String> content = content(out);
            if (!content.isEmpty()) {
                if (!overwrite) {
                    throw new InputFileException(label + " " + out + " already holds " + listing(content)
                            + "; choose a new folder, or add --overwrite to move the old one aside");
                }
                moved = moveAside(out, label, content);
            }
        }
        if (!Files.isDirectory(out)) {
            try {
                Files.createDirectories(out);
                created = true;
            } catch (FileAlreadyExistsException e) {
                throw new InputFileException(label + " " + out + " was created by another process just now");
            } catch (IOException e) {
                Path parent = out.toAbsolutePath().normalize().getParent();
                String where = parent != null && Files.isDirectory(parent) ? " in " + parent : "";
                throw new InputFileException(label + " " + out + ": cannot create the folder" + where + " ("
                        + reason(e) + ")", e);
            }
        }
        FolderLock lock;
        try {
            lock = FolderLock.acquire(out, command);
        } catch (InputFileException e) {
            throw e;
        } catch (IOException e) {
            throw new InputFileException(label + " " + out + ": cannot write into the folder (" + reason(e) + ")", e);
        }
        List<String> content = content(out);
        if (!content.isEmpty() && moved == null && !overwrite) {
            lock.close();
            throw new InputFileException(label + " " + out + " already holds " + listing(content)
                    + " (written just now by another process)");
        }
        return new OutputFolder(out, lock, moved, created);
    }

    /** The folder (locked while this is open). */
    public Path dir() {
        return dir;
    }

    /** Where the old content went with {@code --overwrite}, if anywhere. */
    public Optional<Path> movedAside() {
        return Optional.ofNullable(movedAside);
    }

    /** True when this run created the folder. */
    public boolean created() {
        return created;
    }

    /**
     * For a run that failed before writing anything: removes the folder if this run created it and
     * it holds only the lock and the status (returns true); otherwise leaves it (the caller records
     * the failure in the status).
     */
    public boolean discardIfUnused() throws IOException {
        List<String> names;
        try (Stream<Path> s = Files.list(dir)) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        if (!created || !List.of(FolderLock.FILE, RunStatus.FILE).containsAll(names)) {
            return false;
        }
        Files.deleteIfExists(dir.resolve(RunStatus.FILE));
        Files.deleteIfExists(dir.resolve(FolderLock.FILE));
        lock.close();
        Files.deleteIfExists(dir);
        return true;
    }

    @Override
    public void close() throws IOException {
        lock.close();
    }

    /** The folder's entries that belong to a run (not the lock, not the status of a run that left nothing). */
    static List<String> content(Path dir) throws IOException {
        List<String> names;
        try (Stream<Path> s = Files.list(dir)) {
            names = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(FolderLock.FILE)).sorted().toList();
        }
        if (names.equals(List.of(RunStatus.FILE)) && leftNothing(dir)) {
            return List.of();
        }
        return names;
    }

    private static boolean leftNothing(Path dir) {
        try {
            Optional<RunStatus.Reading> r = RunStatus.read(dir);
            if (r.isEmpty()) {
                return false;
            }
            RunStatus.State s = r.get().status().state();
            return r.get().interrupted() || s == RunStatus.State.CANCELLED || s == RunStatus.State.FAILED;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Path moveAside(Path out, String label, List<String> content) throws IOException {
        Path abs = out.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        Path home = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
        if (abs.getParent() == null || cwd.startsWith(abs) || home.startsWith(abs)) {
            throw new InputFileException(label + " " + out + " holds files and is the current folder, the home folder "
                    + "or one of their parents; --overwrite will not move it aside, choose a new folder");
        }
        if (content.stream().noneMatch(OUTPUT_MARKERS::contains)) {
            throw new InputFileException(label + " " + out + " holds files that no run wrote (" + listing(content)
                    + "); --overwrite moves aside only an earlier run's or model's folder, choose a new folder");
        }
        String stamp = LocalDateTime.now().format(STAMP);
        Path aside = abs.resolveSibling(abs.getFileName() + ".replaced-" + stamp);
        for (int i = 2; Files.exists(aside); i++) {
            aside = abs.resolveSibling(abs.getFileName() + ".replaced-" + stamp + "-" + i);
        }
        try {
            Files.move(abs, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new InputFileException(label + " " + out + ": cannot move the old folder aside in one step ("
                    + reason(e) + "); move it yourself or choose a new folder");
        } catch (IOException e) {
            throw new InputFileException(label + " " + out + ": cannot move the old folder aside (" + reason(e) + ")", e);
        }
        AtomicFiles.syncFolder(abs.getParent());
        return aside;
    }

    private static String listing(List<String> names) {
        int shown = Math.min(3, names.size());
        String head = String.join(", ", names.subList(0, shown));
        return names.size() == 1 ? head : head + (names.size() > shown ? ", … (" + names.size() + " entries)" : "");
    }

    private static String reason(IOException e) {
        String d = InputFiles.describe(e);
        int colon = d.lastIndexOf(": ");
        return colon >= 0 ? d.substring(colon + 2) : d;
    }
}
