package org.unlearning.workbench.engine.data;

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
 * content, not the name). Images become floats in [0, 1].
 */
public final class IdxReader {
    private static final int UBYTE = 0x08;

    private IdxReader() {}

    /** Pixel data of an idx3 file: n images of rows×cols, plus their dimensions. */
    public record Images(int count, int rows, int cols, float[] pixels) {}

    public static Images readImages(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return readImages(in, file.toString());
        }
    }

    public static int[] readLabels(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return readLabels(in, file.toString());
        }
    }

    public static Images readImages(InputStream raw, String source) throws IOException {
        DataInputStream in = new DataInputStream(maybeGunzip(raw));
        int[] dims = header(in, source, 3);
        long total = (long) dims[0] * dims[1] * dims[2];
        if (total > Integer.MAX_VALUE - 16) {
            throw new IOException(source + ": image data too large (" + total + " bytes)");
        }
        byte[] b = readFully(in, (int) total, source);
        float[] px = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            px[i] = (b[i] & 0xff) / 255f;
        }
        return new Images(dims[0], dims[1], dims[2], px);
    }

    public static int[] readLabels(InputStream raw, String source) throws IOException {
        DataInputStream in = new DataInputStream(maybeGunzip(raw));
        int[] dims = header(in, source, 1);
        byte[] b = readFully(in, dims[0], source);
        int[] labels = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            labels[i] = b[i] & 0xff;
        }
        return labels;
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

    private static byte[] readFully(DataInputStream in, int n, String source) throws IOException {
        byte[] b = new byte[n];
        int off = 0;
        while (off < n) {
            int r = in.read(b, off, n - off);
            if (r < 0) {
                throw new IOException(source + ": truncated file (header promises " + n
                        + " data bytes, found " + off + ")");
            }
            off += r;
        }
        return b;
    }

    static InputStream open(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "file not found");
        }
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
