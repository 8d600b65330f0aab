package org.unlearning.workbench.engine.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable labelled dataset: {@code n} examples of {@link #featureLength()} floats each
 * (images flattened channel-major, i.e. [c, h, w]), integer labels in [0, numClasses).
 * {@code inputShape} is {c, h, w} for images and {d} for feature vectors.
 */
public final class Dataset {
    /** Most classes a dataset (and a model's output layer) may have. */
    public static final int MAX_CLASSES = 100_000;

    private final String name;
    private final float[] features;
    private final int[] labels;
    private final int numClasses;
    private final int[] inputShape;
    private final int featureLength;
    private volatile String sha256;

    public Dataset(String name, float[] features, int[] labels, int numClasses, int[] inputShape) {
        if (numClasses < 2 || numClasses > MAX_CLASSES) {
            throw new IllegalArgumentException(name + ": need 2 to " + MAX_CLASSES + " classes, got " + numClasses);
        }
        int len = 1;
        for (int s : inputShape) {
            if (s <= 0) {
                throw new IllegalArgumentException(name + ": bad input shape " + Arrays.toString(inputShape));
            }
            len *= s;
        }
        if ((long) labels.length * len != features.length) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels but "
                    + features.length + " feature values (" + len + " per example)");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of example " + i
                        + " out of range [0, " + numClasses + ")");
            }
        }
        this.name = name;
        this.features = features;
        this.labels = labels;
        this.numClasses = numClasses;
        this.inputShape = inputShape.clone();
        this.featureLength = len;
    }

    public String name() { return name; }
    public int size() { return labels.length; }
    public int numClasses() { return numClasses; }
    public int[] inputShape() { return inputShape.clone(); }
    public int featureLength() { return featureLength; }
    public boolean isImage() { return inputShape.length == 3; }
    public int label(int i) { return labels[i]; }
    public int[] labels() { return labels.clone(); }

    /** Copies example {@code i}'s features into {@code dst} at {@code offset}. */
    public void copyFeatures(int i, float[] dst, int offset) {
        System.arraycopy(features, i * featureLength, dst, offset, featureLength);
    }

    /** Copies example {@code i}'s features into {@code dst} (e.g. an array's native memory) at {@code offset}. */
    public void copyFeatures(int i, java.nio.FloatBuffer dst, int offset) {
        dst.put(offset, features, i * featureLength, featureLength);
    }

    /** Number of examples of each class. */
    public int[] classCounts() {
        int[] c = new int[numClasses];
        for (int l : labels) {
            c[l]++;
        }
        return c;
    }

    /** A new dataset holding the given examples (in the given order). */
    public Dataset subset(int[] indices, String subsetName) {
        float[] f = new float[indices.length * featureLength];
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= size()) {
                throw new IllegalArgumentException(name + ": index " + i + " out of range [0, " + size() + ")");
            }
            copyFeatures(i, f, k * featureLength);
            l[k] = labels[i];
        }
        return new Dataset(subsetName, f, l, numClasses, inputShape);
    }

    /**
     * A dataset with the same features and the labels of {@code indices} replaced by
     * {@code newLabels}; this one is unchanged (the feature array is shared, never written).
     */
    public Dataset withLabels(String newName, int[] indices, int[] newLabels) {
        if (indices.length != newLabels.length) {
            throw new IllegalArgumentException(name + ": " + indices.length + " indices but " + newLabels.length + " labels");
        }
        int[] l = labels.clone();
        for (int k = 0; k < indices.length; k++) {
            if (indices[k] < 0 || indices[k] >= size()) {
                throw new IllegalArgumentException(name + ": index " + indices[k] + " out of range [0, " + size() + ")");
            }
            l[indices[k]] = newLabels[k];
        }
        return new Dataset(newName, features, l, numClasses, inputShape);
    }

    /**
     * A copy with examples appended at the end (indices {@code size() .. size() + labels.length − 1});
     * {@code extraFeatures} holds {@code extraLabels.length × featureLength()} values.
     */
    public Dataset append(String newName, float[] extraFeatures, int[] extraLabels) {
        float[] f = Arrays.copyOf(features, features.length + extraFeatures.length);
        System.arraycopy(extraFeatures, 0, f, features.length, extraFeatures.length);
        int[] l = Arrays.copyOf(labels, labels.length + extraLabels.length);
        System.arraycopy(extraLabels, 0, l, labels.length, extraLabels.length);
        return new Dataset(newName, f, l, numClasses, inputShape);
    }

    /** The smallest and largest feature value over all examples: {min, max}. */
    public float[] featureRange() {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : features) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new float[] {lo, hi};
    }

    /** Features of the given examples as an [n, featureLength] matrix of {@code type}. */
    public INDArray features(int[] indices, DataType type) {
        float[] f = new float[indices.length * featureLength];
        for (int k = 0; k < indices.length; k++) {
            copyFeatures(indices[k], f, k * featureLength);
        }
        return Nd4j.create(f, new long[] {indices.length, featureLength}, 'c').castTo(type);
    }

    /** One-hot labels of the given examples as an [n, numClasses] matrix of {@code type}. */
    public INDArray oneHotLabels(int[] indices, DataType type) {
        INDArray y = Nd4j.zeros(type, indices.length, numClasses);
        for (int k = 0; k < indices.length; k++) {
            y.putScalar(k, labels[indices[k]], 1.0);
        }
        return y;
    }

    /** Per-channel mean and standard deviation of the features (channel = first input dimension for images). */
    public double[][] channelMeanStd() {
        return channelMeanStd(allIndices());
    }

    /**
     * Per-channel mean and standard deviation over the examples {@code rows} only (e.g. the retain
     * set: statistics that ship with an unlearned model must not depend on the forget set, theory.md §14).
     */
    public double[][] channelMeanStd(int[] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException(name + ": no examples to compute statistics from");
        }
        int ch = isImage() ? inputShape[0] : 1;
        int plane = featureLength / ch;
        double[] sum = new double[ch];
        double[] sq = new double[ch];
        for (int i : rows) {
            for (int c = 0; c < ch; c++) {
                int off = i * featureLength + c * plane;
                for (int k = 0; k < plane; k++) {
                    double v = features[off + k];
                    sum[c] += v;
                    sq[c] += v * v;
                }
            }
        }
        double n = (double) rows.length * plane;
        double[] mean = new double[ch];
        double[] std = new double[ch];
        for (int c = 0; c < ch; c++) {
            mean[c] = sum[c] / n;
            std[c] = Math.sqrt(Math.max(sq[c] / n - mean[c] * mean[c], 0));
            if (!(std[c] > 0)) {
                std[c] = 1;
            }
        }
        return new double[][] {mean, std};
    }

    /** A copy with every channel c mapped to (x − mean[c]) / std[c] (images; one channel for vectors). */
    public Dataset standardized(double[] mean, double[] std) {
        int ch = isImage() ? inputShape[0] : 1;
        if (mean.length != ch || std.length != ch) {
            throw new IllegalArgumentException(name + ": need " + ch + " channel statistics");
        }
        int plane = featureLength / ch;
        float[] f = new float[features.length];
        for (int i = 0; i < size(); i++) {
            for (int c = 0; c < ch; c++) {
                int off = i * featureLength + c * plane;
                for (int k = 0; k < plane; k++) {
                    f[off + k] = (float) ((features[off + k] - mean[c]) / std[c]);
                }
            }
        }
        return new Dataset(name, f, labels, numClasses, inputShape);
    }

    /** Indices 0..n-1. */
    public int[] allIndices() {
        int[] idx = new int[size()];
        Arrays.setAll(idx, i -> i);
        return idx;
    }

    /**
     * SHA-256 of the contents (shape, class count, labels, feature floats as little-endian IEEE
     * bits) — independent of the file encoding; goes into certificates.
     */
    public String sha256() {
        String s = sha256;
        if (s == null) {
            MessageDigest md = newSha256();
            ByteBuffer head = ByteBuffer.allocate(8 + 4 * inputShape.length).order(ByteOrder.LITTLE_ENDIAN);
            head.putInt(numClasses).putInt(size());
            for (int d : inputShape) {
                head.putInt(d);
            }
            md.update(head.array());
            ByteBuffer lb = ByteBuffer.allocate(4 * labels.length).order(ByteOrder.LITTLE_ENDIAN);
            lb.asIntBuffer().put(labels);
            md.update(lb);
            ByteBuffer fb = ByteBuffer.allocate(4 * 65536).order(ByteOrder.LITTLE_ENDIAN);
            for (int off = 0; off < features.length; off += 65536) {
                int len = Math.min(65536, features.length - off);
                fb.clear();
                fb.asFloatBuffer().put(features, off, len);
                fb.limit(4 * len);
                md.update(fb);
            }
            s = HexFormat.of().formatHex(md.digest());
            sha256 = s;
        }
        return s;
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Of(String text) {
        return HexFormat.of().formatHex(newSha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return name + " (" + size() + " examples, shape " + Arrays.toString(inputShape) + ", "
                + numClasses + " classes)";
    }
}
