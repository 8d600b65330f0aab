package org.unlearning.workbench.engine.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Random;

/**
 * Seeded shuffled minibatches over a subset of a dataset. Each epoch reshuffles with the same
 * {@link Random}, so a run is reproducible from its seed. Full batches reuse one pair of buffers;
 * the arrays returned by {@link #features()} / {@link #labels()} are valid until the next
 * {@link #next()}. The last batch of an epoch may be smaller (it is kept, not dropped).
 */
public final class Minibatches {
    private final Dataset data;
    private final int[] order;
    private final int batchSize;
    private final DataType type;
    private final Random rnd;
    private final float[] featBuf;
    private final float[] labelBuf;
    private final INDArray fullFeatures;
    private final INDArray fullLabels;
    private INDArray features;
    private INDArray labels;
    private int[] batchIndices = new int[0];
    private int pos;

    public Minibatches(Dataset data, int[] subset, int batchSize, long seed, DataType type) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (subset.length == 0) {
            throw new IllegalArgumentException(data.name() + ": empty subset for minibatches");
        }
        this.data = data;
        this.order = subset.clone();
        this.batchSize = Math.min(batchSize, subset.length);
        this.type = type;
        this.rnd = new Random(seed);
        this.featBuf = new float[this.batchSize * data.featureLength()];
        this.labelBuf = new float[this.batchSize * data.numClasses()];
        this.fullFeatures = Nd4j.create(type, this.batchSize, data.featureLength());
        this.fullLabels = Nd4j.create(type, this.batchSize, data.numClasses());
        this.pos = order.length; // forces a shuffle on first next()
    }

    public Minibatches(Dataset data, int batchSize, long seed, DataType type) {
        this(data, data.allIndices(), batchSize, seed, type);
    }

    /** Batches per epoch (ceil(n / batch)). */
    public int batchesPerEpoch() { return (order.length + batchSize - 1) / batchSize; }
    public int subsetSize() { return order.length; }
    public int batchSize() { return batchSize; }

    /** Starts a new epoch (reshuffles); called automatically when an epoch is exhausted. */
    public void newEpoch() {
        Shuffle.shuffle(order, rnd);
        pos = 0;
    }

    /** Loads the next batch (starting a new epoch when needed) and returns its size. */
    public int next() {
        if (pos >= order.length) {
            newEpoch();
        }
        int m = Math.min(batchSize, order.length - pos);
        batchIndices = Arrays.copyOfRange(order, pos, pos + m);
        pos += m;
        int d = data.featureLength();
        if (m == batchSize) {
            // full batch: bulk copies into the reused buffers (no allocation, no ND4J ops); float32
            // features go straight from the dataset into native memory
            features = fullFeatures;
            labels = fullLabels;
            if (type == DataType.FLOAT) {
                FloatBuffer dst = fullFeatures.data().asNioFloat();
                for (int k = 0; k < m; k++) {
                    data.copyFeatures(batchIndices[k], dst, k * d);
                }
            } else {
                for (int k = 0; k < m; k++) {
                    data.copyFeatures(batchIndices[k], featBuf, k * d);
                }
                fullFeatures.data().setData(featBuf);
            }
            Arrays.fill(labelBuf, 0f);
            int c = data.numClasses();
            for (int k = 0; k < m; k++) {
                labelBuf[k * c + data.label(batchIndices[k])] = 1f;
            }
            if (type == DataType.FLOAT) {
                fullLabels.data().asNioFloat().put(0, labelBuf);
            } else {
                fullLabels.data().setData(labelBuf);
            }
            return m;
        }
        // the epoch's last, smaller batch: new arrays of its size
        for (int k = 0; k < m; k++) {
            data.copyFeatures(batchIndices[k], featBuf, k * d);
        }
        features = Nd4j.create(type, m, d);
        labels = Nd4j.create(type, m, data.numClasses());
        features.assign(Nd4j.create(featBuf, new long[] {batchSize, d}, 'c')
                .get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, m), org.nd4j.linalg.indexing.NDArrayIndex.all()));
        labels.assign(0);
        for (int k = 0; k < m; k++) {
            labels.putScalar(k, data.label(batchIndices[k]), 1.0);
        }
        return m;
    }

    /** True when the current epoch has no batches left. */
    public boolean epochDone() { return pos >= order.length; }

    public INDArray features() { return features; }
    public INDArray labels() { return labels; }
    /** Dataset indices of the current batch. */
    public int[] batchIndices() { return batchIndices.clone(); }
}
