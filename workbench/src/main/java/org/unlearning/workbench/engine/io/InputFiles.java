package org.unlearning.workbench.engine.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reading untrusted files without trusting what they say about themselves: every declared size is
 * checked against the bytes actually there, and buffers grow with the bytes read (a header that
 * lies about a huge size hits the end of the file long before a huge allocation). Also the
 * one-line wording of file-system errors and the memory guard.
 */
public final class InputFiles {
    /** First buffer of a growing read; it doubles as bytes arrive. */
    static final int FIRST_CHUNK = 64 << 10;

    private InputFiles() {}

    /** Throws a one-line error unless {@code file} is an existing, readable regular file. */
    public static void requireFile(Path file) throws IOException {
        if (file.toString().isEmpty()) {
            throw new InputFileException("empty file name");
        }
        if (Files.isDirectory(file)) {
            throw new InputFileException(file + " is a folder, expected a file");
        }
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new InputFileException(file + " is not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new AccessDeniedException(file.toString(), null, "permission denied");
        }
    }

    /** The whole file, refused when larger than {@code maxBytes}. */
    public static byte[] readBytes(Path file, long maxBytes) throws IOException {
        requireFile(file);
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new InputFileException(file + " is too large (" + size + " bytes; at most " + maxBytes + " expected)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return readAtMost(in, maxBytes, file.toString());
        }
    }

    /** UTF-8 text of the whole file, refused when larger than {@code maxBytes}. */
    public static String readText(Path file, long maxBytes) throws IOException {
        return new String(readBytes(file, maxBytes), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Everything left in {@code in}; more than {@code maxBytes} is an error naming {@code source}. */
    public static byte[] readAtMost(InputStream in, long maxBytes, String source) throws IOException {
        byte[] buf = new byte[(int) Math.min(FIRST_CHUNK, Math.max(1, maxBytes + 1))];
        long limit = Math.min(maxBytes, Integer.MAX_VALUE - 16L);
        int n = 0;
        while (true) {
            if (n == buf.length) {
                if (n > limit) {
                    throw new InputFileException(source + ": more than " + maxBytes + " bytes");
                }
                buf = Arrays.copyOf(buf, (int) Math.min(limit + 1, 2L * buf.length));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
            if (n > limit) {
                throw new InputFileException(source + ": more than " + maxBytes + " bytes");
            }
        }
        return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }

    /**
     * Exactly {@code n} bytes of {@code in}, the buffer growing with the bytes actually read, so a
     * declared size larger than the data costs no more memory than the data.
     *
     * @throws InputFileException naming {@code source} when the stream ends first
     */
    public static byte[] readExactly(InputStream in, long n, String source) throws IOException {
        if (n < 0 || n > Integer.MAX_VALUE - 16L) {
            throw new InputFileException(source + ": declared size " + n + " bytes is out of range");
        }
        byte[] buf = new byte[(int) Math.min(n, FIRST_CHUNK)];
        int off = 0;
        while (off < n) {
            if (off == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(n, 2L * buf.length));
            }
            int r;
            try {
                r = in.read(buf, off, buf.length - off);
            } catch (EOFException e) {
                r = -1;   // GZIPInputStream: "Unexpected end of ZLIB input stream"
            }
            if (r < 0) {
                throw new InputFileException(source + ": truncated (header promises " + n + " bytes, found " + off + ")");
            }
            off += r;
        }
        return buf;
    }

    /**
     * Refuses work that needs {@code bytes} of heap when this JVM cannot hold them (rather than
     * running into an OutOfMemoryError half-way).
     */
    public static void requireMemory(long bytes, String what) throws InputFileException {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > free) {
            System.gc();
            free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        }
        if (bytes > free) {
            throw new InputFileException(what + " needs " + mib(bytes) + " of memory, more than this JVM has free ("
                    + mib(free) + " of " + mib(rt.maxMemory()) + "; raise -Xmx)");
        }
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,.0f MB", bytes / 1048576.0);
    }

    /**
     * One line for a file-system error: the file and what went wrong (the JDK's own messages are
     * often just the file name, e.g. {@code /proc/x}, or just the reason, e.g. "Is a directory").
     */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException f) {
            String file = f.getFile() == null ? "" : f.getFile();
            String other = f.getOtherFile() == null ? "" : " → " + f.getOtherFile();
            String reason = f.getReason();
            String why;
            if (e instanceof NoSuchFileException) {
                why = reason == null ? "no such file or folder" : reason;
            } else if (e instanceof AccessDeniedException) {
                why = reason == null ? "permission denied" : reason;
            } else if (e instanceof FileAlreadyExistsException) {
                why = reason == null ? "already exists" : reason;
            } else if (e instanceof NotDirectoryException) {
                why = reason == null ? "is not a folder" : reason;
            } else if (e instanceof DirectoryNotEmptyException) {
                why = reason == null ? "folder is not empty" : reason;
            } else {
                why = reason == null ? "cannot be used" : lowerFirst(reason);
            }
            return file + other + ": " + why;
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
