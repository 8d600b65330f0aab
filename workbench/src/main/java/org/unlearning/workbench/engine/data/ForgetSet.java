package org.unlearning.workbench.engine.data;

import org.unlearning.workbench.engine.io.InputFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * The examples to forget: sorted, distinct indices into a training set of size {@code trainSize}.
 * {@link #sha256()} hashes the sorted indices (decimal, one per line, UTF-8) and goes into
 * certificates.
 */
public final class ForgetSet {
    private final int[] indices;
    private final int trainSize;
    private final String description;
    private final String sha256;

    private ForgetSet(int[] sortedIndices, int trainSize, String description) {
        this.indices = sortedIndices;
        this.trainSize = trainSize;
        this.description = description;
        StringBuilder sb = new StringBuilder(sortedIndices.length * 6);
        for (int i : sortedIndices) {
            sb.append(i).append('\n');
        }
        this.sha256 = HexFormat.of().formatHex(
                Dataset.newSha256().digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** A seeded random fraction in (0, 1) of the training set (the paper's default is 0.1). */
    public static ForgetSet randomFraction(Dataset train, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("forget fraction must be in (0, 1), got " + fraction);
        }
        int k = (int) Math.round(train.size() * fraction);
        if (k < 1 || k >= train.size()) {
            throw new IllegalArgumentException("forget fraction " + fraction + " of " + train.size()
                    + " training examples selects " + k + " examples; need between 1 and " + (train.size() - 1));
        }
        int[] perm = train.allIndices();
        Shuffle.shuffle(perm, new Random(seed));
        int[] idx = Arrays.copyOf(perm, k);
        Arrays.sort(idx);
        return new ForgetSet(idx, train.size(),
                String.format("random %.4g%% of training data (%d examples, seed %d)", 100 * fraction, k, seed));
    }

    /** All training examples of the given classes. */
    public static ForgetSet ofClasses(Dataset train, int... classes) {
        if (classes.length == 0) {
            throw new IllegalArgumentException("no class given for the forget set");
        }
        TreeSet<Integer> cs = new TreeSet<>();
        for (int c : classes) {
            if (c < 0 || c >= train.numClasses()) {
                throw new IllegalArgumentException("unknown class " + c + " (the data has classes 0.."
                        + (train.numClasses() - 1) + ")");
            }
            if (!cs.add(c)) {
                throw new IllegalArgumentException("class " + c + " given twice");
            }
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            if (cs.contains(train.label(i))) {
                idx.add(i);
            }
        }
        if (idx.isEmpty()) {
            throw new IllegalArgumentException("classes " + cs + " have no training examples");
        }
        if (idx.size() == train.size()) {
            throw new IllegalArgumentException("classes " + cs + " cover the whole training set");
        }
        return new ForgetSet(idx.stream().mapToInt(Integer::intValue).toArray(), train.size(),
                "classes " + cs + " (" + idx.size() + " examples)");
    }

    /** Explicit indices; must be distinct and within [0, trainSize). */
    public static ForgetSet ofIndices(int trainSize, int[] indices, String source) {
        if (indices.length == 0) {
            throw new IllegalArgumentException(source + ": no indices");
        }
        BitSet seen = new BitSet(trainSize);
        for (int i : indices) {
            if (i < 0 || i >= trainSize) {
                throw new IllegalArgumentException(source + ": index " + i + " out of range [0, " + trainSize + ")");
            }
            if (seen.get(i)) {
                throw new IllegalArgumentException(source + ": index " + i + " is duplicated");
            }
            seen.set(i);
        }
        if (indices.length == trainSize) {
            throw new IllegalArgumentException(source + ": the indices cover the whole training set");
        }
        int[] sorted = indices.clone();
        Arrays.sort(sorted);
        return new ForgetSet(sorted, trainSize, source + " (" + sorted.length + " examples)");
    }

    /**
     * Reads indices from a text file: integers separated by whitespace, commas or newlines;
     * lines starting with '#' are comments.
     */
    public static ForgetSet fromFile(Dataset train, Path file) throws IOException {
        List<String> lines;
        try {
            // an index (with separator) per training example, and room for comments
            lines = InputFiles.readText(file, Math.max(1L << 20, 32L * train.size())).lines().toList();
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "forget-set file not found");
        }
        List<Integer> idx = new ArrayList<>();
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            for (String tok : t.split("[\\s,;]+")) {
                if (tok.isEmpty()) {
                    continue;
                }
                try {
                    idx.add(Integer.parseInt(tok));
                } catch (NumberFormatException e) {
                    // quote little of it: the file may be one that should not end up in a log
                    String shown = tok.length() <= 12 ? tok : tok.substring(0, 12) + "…";
                    throw new IllegalArgumentException(file + ": line " + lineNo + ": '" + shown + "' is not an integer index");
                }
            }
        }
        return ofIndices(train.size(), idx.stream().mapToInt(Integer::intValue).toArray(), file.toString());
    }

    /**
     * Parses a forget-set description as used on the command line:
     * {@code 0.1} or {@code random:0.1} (random fraction, seeded), {@code classes:3,7} (whole
     * classes), {@code file:PATH} or an existing file path (explicit indices).
     */
    public static ForgetSet parse(String spec, Dataset train, long seed) throws IOException {
        String s = spec == null ? "" : spec.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty forget-set specification");
        }
        try {
            if (s.startsWith("random:")) {
                return randomFraction(train, Double.parseDouble(s.substring(7).strip()), seed);
            }
            if (s.startsWith("classes:") || s.startsWith("class:")) {
                String list = s.substring(s.indexOf(':') + 1);
                return ofClasses(train, java.util.Arrays.stream(list.split("[,\\s]+"))
                        .filter(t -> !t.isEmpty()).mapToInt(t -> Integer.parseInt(t.strip())).toArray());
            }
            if (s.startsWith("file:")) {
                return fromFile(train, Path.of(s.substring(5).strip()));
            }
            if (s.matches("[-+0-9.eE]+")) {
                return randomFraction(train, Double.parseDouble(s), seed);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("forget set '" + spec + "': not a number where one is expected");
        }
        return fromFile(train, Path.of(s));
    }

    public int[] indices() { return indices.clone(); }
    public int size() { return indices.length; }
    public int trainSize() { return trainSize; }
    public String description() { return description; }
    public String sha256() { return sha256; }

    /** The retained indices: [0, trainSize) minus the forget set, sorted. */
    public int[] retainIndices() {
        int[] r = new int[trainSize - indices.length];
        int k = 0;
        int f = 0;
        for (int i = 0; i < trainSize; i++) {
            if (f < indices.length && indices[f] == i) {
                f++;
            } else {
                r[k++] = i;
            }
        }
        return r;
    }

    public boolean contains(int i) {
        return Arrays.binarySearch(indices, i) >= 0;
    }

    @Override
    public String toString() { return description; }
}
