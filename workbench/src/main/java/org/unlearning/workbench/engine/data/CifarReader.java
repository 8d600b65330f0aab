package org.unlearning.workbench.engine.data;

import org.unlearning.workbench.engine.io.InputFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reader for the CIFAR-10 / CIFAR-100 binary batch formats: each record is the label byte(s)
 * (CIFAR-10: 1; CIFAR-100: coarse then fine, the fine label is used) followed by 3072 pixel
 * bytes as three 32×32 planes R, G, B — i.e. [c, h, w] order. Pixels become floats in [0, 1].
 */
public final class CifarReader {
    public static final int PIXELS = 3 * 32 * 32;

    public enum Variant {
        CIFAR10(1, 10), CIFAR100(2, 100);
        final int labelBytes;
        final int classes;

        Variant(int labelBytes, int classes) {
            this.labelBytes = labelBytes;
            this.classes = classes;
        }

        public int numClasses() { return classes; }
    }

    private CifarReader() {}

    /** Reads and concatenates the given batch files. */
    public static Dataset read(List<Path> files, Variant variant, String name) throws IOException {
        int record = variant.labelBytes + PIXELS;
        long total = 0;
        for (Path f : files) {
            if (!Files.exists(f)) {
                throw new NoSuchFileException(f.toString(), null, "CIFAR batch file not found");
            }
            InputFiles.requireFile(f);
            long size = Files.size(f);
            if (size == 0 || size % record != 0) {
                throw new IOException(f + ": truncated or not a " + variant + " binary batch (" + size
                        + " bytes is not a positive multiple of the record size " + record + ")");
            }
            total += size / record;
        }
        if (total * PIXELS > Integer.MAX_VALUE) {
            throw new IOException(name + ": too many records (" + total + ")");
        }
        // the floats, plus one batch file's bytes at a time
        long largest = 0;
        for (Path f : files) {
            largest = Math.max(largest, Files.size(f));
        }
        InputFiles.requireMemory(4 * total * PIXELS + largest, name + " (" + total + " images in " + files.size() + " files)");
        float[] px = new float[(int) (total * PIXELS)];
        int[] labels = new int[(int) total];
        int k = 0;
        for (Path f : files) {
            byte[] b = Files.readAllBytes(f);
            for (int off = 0; off < b.length; off += record, k++) {
                int label = b[off + variant.labelBytes - 1] & 0xff;
                if (label >= variant.classes) {
                    throw new IOException(f + ": label " + label + " of record " + (off / record)
                            + " out of range [0, " + variant.classes + ")");
                }
                labels[k] = label;
                int base = off + variant.labelBytes;
                int dst = k * PIXELS;
                for (int i = 0; i < PIXELS; i++) {
                    px[dst + i] = (b[base + i] & 0xff) / 255f;
                }
            }
        }
        return new Dataset(name, px, labels, variant.classes, new int[] {3, 32, 32});
    }
}
