package org.unlearning.workbench.engine.run;

import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.data.ForgetSet;
import org.unlearning.workbench.engine.unlearn.DataConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The deletion requests of a run, processed one after the other (theory.md §9.4): one request (a
 * random fraction or an index file) or, with {@code data.requests = N}, N disjoint random requests
 * of {@code forget_fraction} of the training set each (seeded by the split seed). Request k retains
 * D_r(k) = D \ (D_u1 ∪ … ∪ D_uk).
 */
public final class DeletionRequests {
    private DeletionRequests() {}

    /** The requests of this data configuration on {@code train}. */
    public static List<ForgetSet> of(DataConfig d, Dataset train) throws IOException {
        if (d.requests() == null) {
            return List.of(d.forgetFile() != null
                    ? ForgetSet.fromFile(train, Path.of(d.forgetFile()))
                    : ForgetSet.randomFraction(train, d.forgetFraction(), d.splitSeed()));
        }
        List<ForgetSet> out = new ArrayList<>();
        int k = 1;
        for (int[] r : random(train.size(), d.requests(), d.forgetFraction(), d.splitSeed())) {
            out.add(ForgetSet.ofIndices(train.size(), r, "request " + k++ + ": random " + r.length + " of " + train.size()
                    + " (seed " + d.splitSeed() + ")"));
        }
        return out;
    }

    /** {@code count} disjoint random requests of round(fraction·n) examples each (seeded, sorted). */
    public static List<int[]> random(int n, int count, double fraction, long seed) {
        int size = Math.max(1, (int) Math.round(fraction * n));
        if ((long) size * count >= n) {
            throw new IllegalArgumentException(count + " requests of " + size + " examples would delete all " + n);
        }
        int[] order = java.util.stream.IntStream.range(0, n).toArray();
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        List<int[]> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int[] r = Arrays.copyOfRange(order, k * size, (k + 1) * size);
            Arrays.sort(r);
            out.add(r);
        }
        return out;
    }

    /** Training indices retained after the first {@code upTo} requests (sorted). */
    public static int[] retained(int trainSize, List<ForgetSet> requests, int upTo) {
        boolean[] gone = new boolean[trainSize];
        for (int k = 0; k < upTo; k++) {
            for (int i : requests.get(k).indices()) {
                gone[i] = true;
            }
        }
        return java.util.stream.IntStream.range(0, trainSize).filter(i -> !gone[i]).toArray();
    }
}
