package org.unlearning.workbench.engine.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small data files in the real formats for reader tests. */
final class DataFiles {
    private DataFiles() {}

    static byte[] idxImages(int n, int rows, int cols, int seed) {
        ByteBuffer b = ByteBuffer.allocate(16 + n * rows * cols);
        b.putInt(0x803).putInt(n).putInt(rows).putInt(cols);
        for (int i = 0; i < n * rows * cols; i++) {
            b.put((byte) ((i * 31 + seed) & 0xff));
        }
        return b.array();
    }

    static byte[] idxLabels(int... labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(0x801).putInt(labels.length);
        for (int l : labels) {
            b.put((byte) l);
        }
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(bos)) {
            o.write(raw);
        }
        return bos.toByteArray();
    }

    /** An IDX folder with 20 train and 10 test images of 4×4 (labels i % 10). */
    static Path idxFolder(Path dir, boolean gz) throws IOException {
        Files.createDirectories(dir);
        write(dir, "train-images-idx3-ubyte", idxImages(20, 4, 4, 1), gz);
        write(dir, "train-labels-idx1-ubyte", idxLabels(seq(20)), gz);
        write(dir, "t10k-images-idx3-ubyte", idxImages(10, 4, 4, 2), gz);
        write(dir, "t10k-labels-idx1-ubyte", idxLabels(seq(10)), gz);
        return dir;
    }

    static void write(Path dir, String name, byte[] raw, boolean gz) throws IOException {
        Files.write(dir.resolve(gz ? name + ".gz" : name), gz ? gzip(raw) : raw);
    }

    static int[] seq(int n) {
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = i % 10;
        }
        return l;
    }

    /** CIFAR records: label byte(s) then 3072 pixels; pixel k of record r = (r + k) & 0xff. */
    static byte[] cifar(int labelBytes, int... labels) {
        int rec = labelBytes + 3072;
        byte[] b = new byte[labels.length * rec];
        for (int r = 0; r < labels.length; r++) {
            if (labelBytes == 2) {
                b[r * rec] = (byte) (labels[r] / 5); // coarse
            }
            b[r * rec + labelBytes - 1] = (byte) labels[r];
            for (int k = 0; k < 3072; k++) {
                b[r * rec + labelBytes + k] = (byte) ((r + k) & 0xff);
            }
        }
        return b;
    }
}
