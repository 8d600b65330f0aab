package org.unlearning.workbench.engine.data;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.unlearning.workbench.engine.io.InputFiles;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reader for a dense feature matrix in CSV: one example per row, numeric feature columns and an
 * integer label column (the column named {@code label} when the first row is a header, else the
 * last column). Used for pre-computed features (e.g. ResNet-18 embeddings) with an {@code mlp-head}.
 */
public final class CsvFeatureReader {
    private static final String SEMICOLONS = " (columns are separated by commas, this file uses ';')";
    private CsvFeatureReader() {}

    /**
     * Reads {@code file}; {@code numClasses} ≤ 0 means "max label + 1". Every empty or non-numeric
     * cell and every ragged row is an error naming the file, line and column.
     */
    public static Dataset read(Path file, String name, int numClasses) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "CSV file not found");
        }
        InputFiles.requireFile(file);
        // rows of float[] (4 bytes a cell, at least 2 characters a cell) plus the final matrix and the parser's buffers
        InputFiles.requireMemory(Math.multiplyExact(Files.size(file), 12L), file.toString());
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int labelCol = -1;
        int width = -1;
        try (Reader r = withoutByteOrderMark(Files.newBufferedReader(file, StandardCharsets.UTF_8));
             CSVParser p = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).build().parse(r)) {
            boolean first = true;
            for (CSVRecord rec : p) {
                long line = rec.getRecordNumber();
                if (rec.size() == 1 && rec.get(0).isEmpty()) {
                    continue; // blank line
                }
                if (first) {
                    first = false;
                    width = rec.size();
                    if (width < 2) {
                        throw new IllegalArgumentException(file + ": need at least one feature column and a label column"
                                + (rec.get(0).contains(";") ? SEMICOLONS : ""));
                    }
                    if (looksLikeHeader(rec)) {
                        for (int c = 0; c < rec.size(); c++) {
                            if (rec.get(c).equalsIgnoreCase("label")) {
                                labelCol = c;
                            }
                        }
                        if (labelCol < 0) {
                            labelCol = width - 1;
                        }
                        continue;
                    }
                    labelCol = width - 1;
                }
                if (rec.size() != width) {
                    throw new IllegalArgumentException(file + ": line " + line + " has " + rec.size()
                            + " columns, expected " + width);
                }
                float[] f = new float[width - 1];
                int k = 0;
                for (int c = 0; c < width; c++) {
                    String cell = rec.get(c);
                    if (cell.isEmpty()) {
                        throw new IllegalArgumentException(file + ": line " + line + ", column " + (c + 1) + " is empty");
                    }
                    double v;
                    try {
                        v = Double.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(file + ": line " + line + ", column " + (c + 1)
                                + ": '" + cell + "' is not a number" + (cell.contains(";") ? SEMICOLONS : ""));
                    }
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException(file + ": line " + line + ", column " + (c + 1)
                                + ": '" + cell + "' is not a finite number");
                    }
                    if (c == labelCol) {
                        if (v != Math.rint(v) || v < 0 || v >= Dataset.MAX_CLASSES) {
                            throw new IllegalArgumentException(file + ": line " + line + ", column " + (c + 1)
                                    + ": label '" + cell + "' is not a non-negative integer below " + Dataset.MAX_CLASSES);
                        }
                        labels.add((int) v);
                    } else {
                        f[k++] = (float) v;
                    }
                }
                rows.add(f);
            }
        } catch (java.io.UncheckedIOException e) {
            throw new IOException(file + ": " + e.getCause().getMessage());
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + ": no data rows");
        }
        int maxLabel = labels.stream().mapToInt(Integer::intValue).max().orElse(0);
        int classes = numClasses > 0 ? numClasses : maxLabel + 1;
        if (maxLabel >= classes) {
            throw new IllegalArgumentException(file + ": label " + maxLabel + " out of range [0, " + classes + ")");
        }
        int d = width - 1;
        float[] feats = new float[rows.size() * d];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, feats, i * d, d);
        }
        int[] lab = labels.stream().mapToInt(Integer::intValue).toArray();
        if (classes < 2) {
            throw new IllegalArgumentException(file + ": need at least 2 classes, labels are all " + maxLabel);
        }
        return new Dataset(name, feats, lab, classes, new int[] {d});
    }

    /** Skips the byte-order mark spreadsheet programs put first (it would otherwise be part of the first cell). */
    private static Reader withoutByteOrderMark(Reader r) throws IOException {
        java.io.PushbackReader p = new java.io.PushbackReader(r, 1);
        int c = p.read();
        if (c >= 0 && c != '\uFEFF') {
            p.unread(c);
        }
        return p;
    }

    /** A header row has no numeric cell at all (a data row with one bad cell is reported as such). */
    private static boolean looksLikeHeader(CSVRecord rec) {
        for (String s : rec) {
            if (s.isEmpty() || isNumber(s)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
