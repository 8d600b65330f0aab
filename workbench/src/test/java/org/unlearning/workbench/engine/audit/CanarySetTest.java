package org.unlearning.workbench.engine.audit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.data.DatasetLoader;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CanarySetTest {
    static Dataset train;

    @BeforeAll
    static void load() throws Exception {
        train = DatasetLoader.bundled().train();
    }

    @Test
    void plantsWithoutTouchingTheTrainingSet() {
        String before = train.sha256();
        int[] labelsBefore = train.labels();
        CanarySet cs = CanarySet.plant(train, new CanarySpec(3, 2, 11));
        assertEquals(before, train.sha256());
        assertArrayEquals(labelsBefore, train.labels());
        Dataset d = cs.dataset();
        assertEquals(train.size() + 2, d.size());
        assertEquals(5, cs.size());
        List<Canary> c = cs.canaries();
        for (int j = 0; j < 3; j++) {
            Canary m = c.get(j);
            assertEquals(Canary.Kind.MISLABELED, m.kind());
            assertEquals(m.sourceIndex(), m.index());
            assertEquals(train.label(m.sourceIndex()), m.originalLabel());
            assertNotEquals(m.originalLabel(), m.label(), "a mislabeled canary's label differs from the true one");
            assertEquals(m.label(), d.label(m.index()));
            float[] a = new float[train.featureLength()];
            float[] b = new float[train.featureLength()];
            train.copyFeatures(m.sourceIndex(), a, 0);
            d.copyFeatures(m.index(), b, 0);
            assertArrayEquals(a, b, "same image, new label");
        }
        assertTrue(c.get(0).sourceIndex() < c.get(1).sourceIndex() && c.get(1).sourceIndex() < c.get(2).sourceIndex());
        for (int j = 3; j < 5; j++) {
            Canary s = c.get(j);
            assertEquals(Canary.Kind.SYNTHETIC, s.kind());
            assertEquals(train.size() + j - 3, s.index());
            assertEquals(-1, s.sourceIndex());
            assertEquals(s.label(), d.label(s.index()));
            float[] f = new float[d.featureLength()];
            d.copyFeatures(s.index(), f, 0);
            float lo = Float.MAX_VALUE;
            float hi = -Float.MAX_VALUE;
            for (float v : f) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            // MNIST pixels are in [0, 1]; 784 uniform draws span nearly all of it
            assertTrue(lo >= 0 && lo < 0.01 && hi <= 1 && hi > 0.99, lo + ".." + hi);
        }
        // every ordinary example is unchanged
        int[] ordinary = cs.nonCanaryIndices();
        assertEquals(train.size() - 3, ordinary.length);
        for (int i : ordinary) {
            assertEquals(train.label(i), d.label(i));
        }
    }

    @Test
    void sameSpecSameCanariesSameHash() {
        CanarySet a = CanarySet.plant(train, new CanarySpec(4, 4, 5));
        CanarySet b = CanarySet.plant(train, new CanarySpec(4, 4, 5));
        CanarySet other = CanarySet.plant(train, new CanarySpec(4, 4, 6));
        assertEquals(a.canaries(), b.canaries());
        assertEquals(a.sha256(), b.sha256());
        assertNotEquals(a.sha256(), other.sha256());
        assertNotEquals(a.sha256(), train.sha256());
        assertEquals(64, a.sha256().length());
    }

    @Test
    void worldsSelectTheTrainingIndices() {
        CanarySet cs = CanarySet.plant(train, new CanarySpec(2, 2, 3));
        int[] idx = cs.indices();
        boolean[] w = {true, false, false, true};
        int[] tr = cs.trainingIndices(w);
        assertEquals(cs.dataset().size() - 2, tr.length);
        assertTrue(Arrays.binarySearch(tr, idx[0]) >= 0 && Arrays.binarySearch(tr, idx[3]) >= 0);
        assertTrue(Arrays.binarySearch(tr, idx[1]) < 0 && Arrays.binarySearch(tr, idx[2]) < 0);
        assertArrayEquals(new int[] {idx[0], idx[3]}, cs.plantedIndices(w));
        assertArrayEquals(cs.nonCanaryIndices(), cs.trainingIndices(new boolean[4]));
        assertArrayEquals(IntStream.range(0, cs.dataset().size()).toArray(),
                cs.trainingIndices(new boolean[] {true, true, true, true}));
        assertThrows(IllegalArgumentException.class, () -> cs.trainingIndices(new boolean[3]));
    }

    @Test
    void coinFlipsAreSeededAndFair() {
        CanarySet cs = CanarySet.plant(train, new CanarySpec(1000, 0, 1));
        boolean[] a = cs.coinFlips(9);
        assertArrayEquals(a, cs.coinFlips(9));
        int heads = 0;
        for (boolean b : a) {
            heads += b ? 1 : 0;
        }
        // Binomial(1000, ½): sd 15.8; ±80 is five sd
        assertTrue(Math.abs(heads - 500) < 80, "heads " + heads);
    }

    @Test
    void describesWhatWasPlanted() {
        CanarySet cs = CanarySet.plant(train, new CanarySpec(12, 1, 4));
        String d = cs.describe();
        assertTrue(d.startsWith("12 mislabeled training examples (#"), d);
        assertTrue(d.contains("… (12 in all)"), d);
        assertTrue(d.contains("1 synthetic input (uniform noise in [0.0, 1.0], label " + cs.canaries().get(12).label()
                + "; dataset index " + train.size() + ")"), d);
        assertTrue(d.contains("seed 4"), d);
        assertTrue(d.contains(cs.sha256()), d);
        Canary first = cs.canaries().get(0);
        assertTrue(d.contains("#" + first.sourceIndex() + " " + first.originalLabel() + "→" + first.label()), d);
    }

    @Test
    void rejectsImpossibleSpecs() {
        assertThrows(IllegalArgumentException.class, () -> new CanarySpec(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new CanarySpec(-1, 3, 1));
        Dataset tiny = train.subset(new int[] {0, 1, 2}, "tiny");
        assertThrows(IllegalArgumentException.class, () -> CanarySet.plant(tiny, new CanarySpec(3, 0, 1)));
    }
}
