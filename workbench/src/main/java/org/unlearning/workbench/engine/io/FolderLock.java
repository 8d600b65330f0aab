package org.unlearning.workbench.engine.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock on a folder, held by the process writing into it (an operating-system lock on
 * {@value #FILE} in the folder: it ends with the process, however that ends, so a killed run never
 * leaves a stale lock). A second writer is refused; readers ask {@link #isHeld} to tell a running
 * run from an interrupted one. The lock file is never deleted (deleting it could let two processes
 * lock two different files), it only holds who locked it, for messages.
 */
public final class FolderLock implements AutoCloseable {
    public static final String FILE = ".lock";
    /** Folders this JVM holds (a second channel on a locked file must not be opened and closed: POSIX would drop the lock). */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir} (which must exist) for {@code purpose} (e.g. "train").
     *
     * @throws InputFileException when another process, or this one, holds it
     */
    public static FolderLock acquire(Path dir, String purpose) throws IOException {
        Path key = key(dir);
        if (!HELD.add(key)) {
            throw inUse(dir, "this process");
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ByteBuffer b = ByteBuffer.allocate(200);
                ch.read(b, 0);
                String holder = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).trim();
                throw inUse(dir, holder.isEmpty() ? "another process" : holder.replaceAll("\\p{Cntrl}", " "));
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", " + purpose + ", since "
                    + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            FolderLock held = new FolderLock(dir, ch, l);
            ch = null;
            return held;
        } finally {
            if (ch != null) {
                HELD.remove(key);
                ch.close();
            }
        }
    }

    /** True when a live process (this one or another) holds the lock of {@code dir}. */
    public static boolean isHeld(Path dir) {
        if (HELD.contains(key(dir))) {
            return true;
        }
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            FileLock l = ch.tryLock(0, Long.MAX_VALUE, true);
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        if (!channel.isOpen()) {
            return;
        }
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
            HELD.remove(key(dir));
        }
    }

    private static InputFileException inUse(Path dir, String holder) {
        return new InputFileException(dir + " is in use by a running process (" + holder
                + "); wait for it to finish or choose another folder");
    }

    private static Path key(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            return abs;
        }
    }
}
