package org.unlearning.workbench.engine.data;

import org.unlearning.workbench.engine.io.InputFileException;
import org.unlearning.workbench.engine.io.InputFiles;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reader for MNIST-format IDX files (unsigned-byte data, plain or gzip — detected from the
 * content, not the name). Images become floats in [0, 1]. The counts and dimensions of the header
 * are checked against what the file can hold before anything is allocated.
 */
public final class IdxReader {
    private static final int UBYTE = 0x08;
    /** Most a gzip IDX file may inflate (MNIST: ~5:1). */
    static final int MAX_GZIP_INFLATION = 100;

    private IdxReader() {}

    /** Pixel data of an idx3 file: n images of rows×cols, plus their dimensions. */
    public record Images(int count, int rows, int cols, float[] pixels) {}

    public static Images readImages(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return readImages(in, file.toString(), Limit.of(file, 16));
        }
    }

    public static int[] readLabels(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return readLabels(in, file.toString(), Limit.of(file, 8));
        }
    }

    /** Reads a trusted stream (a bundled resource). */
    public static Images readImages(InputStream raw, String source) throws IOException {
        return readImages(raw, source, Limit.NONE);
    }

    /** Reads a trusted stream (a bundled resource). */
    public static int[] readLabels(InputStream raw, String source) throws IOException {
        return readLabels(raw, source, Limit.NONE);
    }

    /** @param limit what the file can hold; a header promising more is refused */
    static Images readImages(InputStream raw, String source, Limit limit) throws IOException {
        DataInputStream in = new DataInputStream(maybeGunzip(raw));
        int[] dims = header(in, source, 3);
        long total = (long) dims[0] * dims[1] * dims[2];
        if (total > Integer.MAX_VALUE - 16) {
            throw new InputFileException(source + ": image data too large (" + total + " bytes)");
        }
        limit.check(source, total);
        InputFiles.requireMemory(5 * total, source + " (" + dims[0] + " images of " + dims[1] + "×" + dims[2] + ")");
        byte[] b = InputFiles.readExactly(in, total, source);
        float[] px = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            px[i] = (b[i] & 0xff) / 255f;
        }
        return new Images(dims[0], dims[1], dims[2], px);
    }

    static int[] readLabels(InputStream raw, String source, Limit limit) throws IOException {
        DataInputStream in = new DataInputStream(maybeGunzip(raw));
        int[] dims = header(in, source, 1);
        limit.check(source, dims[0]);
        InputFiles.requireMemory(5L * dims[0], source + " (" + dims[0] + " labels)");
        byte[] b = InputFiles.readExactly(in, dims[0], source);
        int[] labels = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            labels[i] = b[i] & 0xff;
        }
        return labels;
    }

    /**
     * Most data bytes a file can hold after its header: exactly what is there for a plain file; for
     * gzip, {@value #MAX_GZIP_INFLATION}× the compressed size (MNIST's IDX files compress about 5:1;
     * more is a gzip bomb). The data is then read with a buffer that grows with the bytes actually
     * inflated, so a lying header runs out of data before any large allocation.
     */
    record Limit(long maxData, long fileSize, boolean gzip) {
        static final Limit NONE = new Limit(Long.MAX_VALUE, -1, false);

        static Limit of(Path file, int headerBytes) throws IOException {
            long size = Files.size(file);
            boolean gz;
            try (InputStream in = Files.newInputStream(file)) {
                gz = in.read() == 0x1f && in.read() == 0x8b;
            }
            return new Limit(gz ? Math.multiplyExact(size, (long) MAX_GZIP_INFLATION) : size - headerBytes, size, gz);
        }

        void check(String source, long declared) throws InputFileException {
            if (declared <= maxData) {
                return;
            }
            throw new InputFileException(source + ": header promises " + declared + " bytes of data, " + (gzip
                    ? "more than " + MAX_GZIP_INFLATION + "× the size of this " + fileSize + "-byte gzip file (a lying header or a gzip bomb)"
                    : "the file holds " + Math.max(0, maxData) + " (truncated, or a lying header)"));
        }
    }

    private static int[] header(DataInputStream in, String source, int expectedDims) throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new IOException(source + ": truncated file (no IDX header)");
        }
        int type = (magic >>> 8) & 0xff;
        int ndim = magic & 0xff;
        if ((magic >>> 16) != 0 || type != UBYTE || ndim != expectedDims) {
            throw new IOException(String.format("%s: wrong magic number 0x%08X (expected 0x%08X, an IDX %s file)",
                    source, magic, (UBYTE << 8) | expectedDims, expectedDims == 3 ? "image" : "label"));
        }
        int[] dims = new int[ndim];
        for (int d = 0; d < ndim; d++) {
            try {
                dims[d] = in.readInt();
            } catch (EOFException e) {
                throw new IOException(source + ": truncated file (incomplete IDX header)");
            }
            if (dims[d] <= 0) {
                throw new IOException(source + ": bad dimension " + dims[d] + " in IDX header");
            }
        }
        return dims;
    }

    static InputStream open(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "file not found");
        }
        InputFiles.requireFile(file);
        return Files.newInputStream(file);
    }

    /** Wraps the stream in a gunzip stream when it starts with the gzip magic 1f 8b. */
    static InputStream maybeGunzip(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return in;
    }
}
