package org.unlearning.workbench.engine.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatasetEditsTest {
    private static Dataset three() {
        return new Dataset("d", new float[] {0, 1, 2, 3, 4, 5}, new int[] {0, 1, 2}, 3, new int[] {2});
    }

    @Test
    void withLabelsReplacesOnlyTheGivenLabels() {
        Dataset d = three();
        String hash = d.sha256();
        Dataset r = d.withLabels("r", new int[] {2}, new int[] {0});
        assertArrayEquals(new int[] {0, 1, 0}, r.labels());
        assertArrayEquals(new int[] {0, 1, 2}, d.labels());
        assertEquals(hash, d.sha256());
        assertNotEquals(hash, r.sha256());
        assertThrows(IllegalArgumentException.class, () -> d.withLabels("x", new int[] {3}, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> d.withLabels("x", new int[] {0}, new int[] {3}));
        assertThrows(IllegalArgumentException.class, () -> d.withLabels("x", new int[] {0}, new int[0]));
    }

    @Test
    void appendAddsExamplesAtTheEnd() {
        Dataset d = three();
        Dataset a = d.append("a", new float[] {9, 8}, new int[] {1});
        assertEquals(4, a.size());
        assertEquals(3, d.size());
        float[] f = new float[2];
        a.copyFeatures(3, f, 0);
        assertArrayEquals(new float[] {9, 8}, f);
        assertEquals(1, a.label(3));
        assertArrayEquals(new float[] {0, 9}, a.featureRange());
        assertArrayEquals(new float[] {0, 5}, d.featureRange());
        assertThrows(IllegalArgumentException.class, () -> d.append("x", new float[] {1}, new int[] {1}));
    }
}
