package org.unlearning.workbench.engine.data;

import java.util.Arrays;
import java.util.Random;

/**
 * Train / validation / test parts of one dataset. The validation part may be empty (size 0 is
 * represented by {@code null}). {@link #sha256()} identifies the whole source (train + test as
 * loaded, before any validation split).
 */
public record DatasetSplit(String name, Dataset train, Dataset validation, Dataset test, String sourceSha256) {

    public DatasetSplit {
        if (train.numClasses() != test.numClasses()
                || !Arrays.equals(train.inputShape(), test.inputShape())) {
            throw new IllegalArgumentException(name + ": train and test parts differ in shape or class count");
        }
    }

    /** A split as loaded from a source: no validation part; hash over train and test contents. */
    public static DatasetSplit of(String name, Dataset train, Dataset test) {
        return new DatasetSplit(name, train, null, test,
                Dataset.sha256Of(train.sha256() + ":" + test.sha256()));
    }

    /**
     * Standardises every part per channel with the TRAINING part's mean and standard deviation
     * (as torchvision's {@code Normalize}); the name gains "standardised" and the hash is taken of
     * the standardised contents.
     */
    public DatasetSplit standardized() {
        double[][] ms = train.channelMeanStd();
        Dataset tr = train.standardized(ms[0], ms[1]);
        Dataset te = test.standardized(ms[0], ms[1]);
        Dataset va = validation == null ? null : validation.standardized(ms[0], ms[1]);
        return new DatasetSplit(name + " (standardised)", tr, va, te,
                Dataset.sha256Of("standardised:" + sourceSha256 + ":" + tr.sha256() + ":" + te.sha256()));
    }

    /**
     * Standardises every part per channel with the mean and standard deviation of the training
     * examples {@code statisticsRows} only (the retain set, so that nothing shipped with the model
     * depends on the forget set, theory.md §14). The hash stays the source's: the preprocessing is
     * recorded beside it, and the raw data can be checked against it.
     */
    public DatasetSplit standardizedFrom(int[] statisticsRows) {
        double[][] ms = train.channelMeanStd(statisticsRows);
        Dataset tr = train.standardized(ms[0], ms[1]);
        Dataset te = test.standardized(ms[0], ms[1]);
        Dataset va = validation == null ? null : validation.standardized(ms[0], ms[1]);
        return new DatasetSplit(name + " (standardised)", tr, va, te, sourceSha256);
    }

    public String sha256() { return sourceSha256; }
    public int numClasses() { return train.numClasses(); }
    public int[] inputShape() { return train.inputShape(); }
    public boolean hasValidation() { return validation != null; }

    /**
     * Moves a seeded random {@code fraction} of the training part into a validation part
     * (stratified by class). The source hash is unchanged; record the seed with it.
     */
    public DatasetSplit withValidation(double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + fraction);
        }
        if (validation != null) {
            throw new IllegalStateException(name + ": already has a validation part");
        }
        Random rnd = new Random(seed);
        int n = train.size();
        int[] perm = train.allIndices();
        Shuffle.shuffle(perm, rnd);
        int[] counts = train.classCounts();
        int[] quota = new int[counts.length];
        for (int c = 0; c < counts.length; c++) {
            quota[c] = (int) Math.round(counts[c] * fraction);
        }
        int[] val = new int[n];
        int[] tr = new int[n];
        int nv = 0;
        int nt = 0;
        for (int i : perm) {
            int c = train.label(i);
            if (quota[c] > 0) {
                quota[c]--;
                val[nv++] = i;
            } else {
                tr[nt++] = i;
            }
        }
        if (nv == 0 || nt == 0) {
            throw new IllegalArgumentException("validation fraction " + fraction + " leaves an empty part of "
                    + n + " training examples");
        }
        int[] valIdx = Arrays.copyOf(val, nv);
        int[] trIdx = Arrays.copyOf(tr, nt);
        Arrays.sort(valIdx);
        Arrays.sort(trIdx);
        return new DatasetSplit(name, train.subset(trIdx, train.name() + "-train"),
                train.subset(valIdx, train.name() + "-val"), test, sourceSha256);
    }

    public String describe() {
        return name + ": train " + train.size() + (validation == null ? "" : ", validation " + validation.size())
                + ", test " + test.size() + ", input " + Arrays.toString(inputShape()) + ", "
                + numClasses() + " classes";
    }
}
