package org.unlearning.workbench.engine.audit;

import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.data.Shuffle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

/**
 * Canaries planted in a training set (theory.md §15.4) without touching it: {@link #dataset()} is
 * the training set with the chosen examples relabelled in place (same indices; the feature array
 * is shared) and the synthetic inputs appended at the end (a copy). A mislabeled canary replaces
 * its source example: neither world trains on that example with its true label. The audit dataset's
 * SHA-256 identifies the planting; the same data and spec give the same hash on every JVM.
 * <p>
 * Drawn from {@code new Random(seed)} in this order: a shuffle of the training indices (the first
 * {@code mislabeled} are the sources, then sorted), one label per source (uniform over the other
 * classes), then per synthetic input its features (uniform in [min, max] of the training
 * features, {@code nextFloat}) and its label (uniform over all classes).
 */
public final class CanarySet {
    private static final int LISTED = 10;

    private final CanarySpec spec;
    private final Dataset dataset;
    private final List<Canary> canaries;
    private final float[] syntheticRange;

    private CanarySet(CanarySpec spec, Dataset dataset, List<Canary> canaries, float[] syntheticRange) {
        this.spec = spec;
        this.dataset = dataset;
        this.canaries = List.copyOf(canaries);
        this.syntheticRange = syntheticRange;
    }

    /** Plants the canaries of {@code spec} in a copy of {@code train}. */
    public static CanarySet plant(Dataset train, CanarySpec spec) {
        if (spec.mislabeled() >= train.size()) {
            throw new IllegalArgumentException(spec.mislabeled() + " mislabeled canaries need more than "
                    + train.size() + " training examples (some must stay ordinary)");
        }
        Random rnd = new Random(spec.seed());
        int[] perm = train.allIndices();
        Shuffle.shuffle(perm, rnd);
        int[] sources = Arrays.copyOf(perm, spec.mislabeled());
        Arrays.sort(sources);
        int k = train.numClasses();
        int[] wrong = new int[sources.length];
        List<Canary> list = new ArrayList<>();
        for (int j = 0; j < sources.length; j++) {
            int y = train.label(sources[j]);
            wrong[j] = (y + 1 + rnd.nextInt(k - 1)) % k;
            list.add(new Canary(sources[j], Canary.Kind.MISLABELED, sources[j], y, wrong[j]));
        }
        String name = train.name() + " + canaries (" + spec.mislabeled() + " mislabeled, " + spec.synthetic()
                + " synthetic, seed " + spec.seed() + ")";
        Dataset data = train.withLabels(name, sources, wrong);
        float[] range = train.featureRange();
        if (spec.synthetic() > 0) {
            int len = train.featureLength();
            float[] feats = new float[Math.multiplyExact(spec.synthetic(), len)];
            int[] labels = new int[spec.synthetic()];
            for (int j = 0; j < spec.synthetic(); j++) {
                for (int f = 0; f < len; f++) {
                    feats[j * len + f] = range[0] + rnd.nextFloat() * (range[1] - range[0]);
                }
                labels[j] = rnd.nextInt(k);
                list.add(new Canary(train.size() + j, Canary.Kind.SYNTHETIC, -1, -1, labels[j]));
            }
            data = data.append(name, feats, labels);
        }
        return new CanarySet(spec, data, list, range);
    }

    public CanarySpec spec() { return spec; }

    /** The audit dataset: the training set with the canaries planted. */
    public Dataset dataset() { return dataset; }

    /** The canaries, mislabeled ones first (by source index), then synthetic ones. */
    public List<Canary> canaries() { return canaries; }

    public int size() { return canaries.size(); }

    /** SHA-256 of the audit dataset's contents (features, labels, shape). */
    public String sha256() { return dataset.sha256(); }

    /** Dataset indices of the canaries, in {@link #canaries()} order. */
    public int[] indices() {
        return canaries.stream().mapToInt(Canary::index).toArray();
    }

    /** Dataset indices of every example that is not a canary (ascending): the data both worlds share. */
    public int[] nonCanaryIndices() {
        return trainingIndices(new boolean[canaries.size()]);
    }

    /**
     * The training indices of the original model when canary j is planted iff {@code inW1[j]}
     * (ascending): every non-canary example plus the planted canaries. All true: world W1 for every
     * canary; all false: W0.
     */
    public int[] trainingIndices(boolean[] inW1) {
        if (inW1.length != canaries.size()) {
            throw new IllegalArgumentException(inW1.length + " world flags for " + canaries.size() + " canaries");
        }
        BitSet absent = new BitSet(dataset.size());
        for (int j = 0; j < inW1.length; j++) {
            if (!inW1[j]) {
                absent.set(canaries.get(j).index());
            }
        }
        int[] out = new int[dataset.size() - absent.cardinality()];
        int n = 0;
        for (int i = 0; i < dataset.size(); i++) {
            if (!absent.get(i)) {
                out[n++] = i;
            }
        }
        return out;
    }

    /** Dataset indices of the canaries with {@code inW1[j]} (in {@link #canaries()} order). */
    public int[] plantedIndices(boolean[] inW1) {
        if (inW1.length != canaries.size()) {
            throw new IllegalArgumentException(inW1.length + " world flags for " + canaries.size() + " canaries");
        }
        int[] out = new int[canaries.size()];
        int n = 0;
        for (int j = 0; j < inW1.length; j++) {
            if (inW1[j]) {
                out[n++] = canaries.get(j).index();
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The one-run audit's coin flips (§15.3): canary j goes to W1 with probability ½, from {@code seed}. */
    public boolean[] coinFlips(long seed) {
        Random rnd = new Random(seed);
        boolean[] w = new boolean[canaries.size()];
        for (int j = 0; j < w.length; j++) {
            w[j] = rnd.nextBoolean();
        }
        return w;
    }

    /** For a report: how many of which kind, which examples, the seed and the hash. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        List<String> parts = new ArrayList<>();
        List<Canary> mis = canaries.stream().filter(c -> c.kind() == Canary.Kind.MISLABELED).toList();
        List<Canary> syn = canaries.stream().filter(c -> c.kind() == Canary.Kind.SYNTHETIC).toList();
        if (!mis.isEmpty()) {
            parts.add(mis.size() + " mislabeled training example" + (mis.size() == 1 ? "" : "s") + " ("
                    + listed(mis, c -> "#" + c.sourceIndex() + " " + c.originalLabel() + "→" + c.label()) + ")");
        }
        if (!syn.isEmpty()) {
            int first = syn.get(0).index();
            int last = syn.get(syn.size() - 1).index();
            parts.add(syn.size() + " synthetic input" + (syn.size() == 1 ? "" : "s") + " (uniform noise in ["
                    + syntheticRange[0] + ", " + syntheticRange[1] + "], label" + (syn.size() == 1 ? " " : "s ")
                    + listed(syn, c -> Integer.toString(c.label())) + "; dataset "
                    + (first == last ? "index " + first : "indices " + first + ".." + last) + ")");
        }
        sb.append(String.join(" and ", parts)).append(", seed ").append(spec.seed())
                .append("; audit dataset sha256 ").append(sha256());
        return sb.toString();
    }

    private static String listed(List<Canary> cs, java.util.function.Function<Canary, String> f) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(LISTED, cs.size()); i++) {
            sb.append(i == 0 ? "" : ", ").append(f.apply(cs.get(i)));
        }
        if (cs.size() > LISTED) {
            sb.append(", … (").append(cs.size()).append(" in all)");
        }
        return sb.toString();
    }

    @Override
    public String toString() { return describe(); }
}
