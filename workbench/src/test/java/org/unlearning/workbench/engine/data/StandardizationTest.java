package org.unlearning.workbench.engine.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Standardisation statistics that ship with an unlearned model come from the retain rows only
 * (theory.md §14): changing the forget rows' features changes nothing the retain set or the test
 * set see, while statistics over the whole training part do change.
 */
class StandardizationTest {
    private static DatasetSplit split(float forgetValue) {
        // 6 training examples of 2 features; rows 4 and 5 are "forgotten"
        float[] train = {0, 1, 2, 3, 4, 5, 6, 7, forgetValue, forgetValue, forgetValue, -forgetValue};
        float[] test = {1, 2, 3, 4};
        return DatasetSplit.of("toy", new Dataset("toy-train", train, new int[] {0, 1, 0, 1, 0, 1}, 2, new int[] {2}),
                new Dataset("toy-test", test, new int[] {0, 1}, 2, new int[] {2}));
    }

    private static float[] row(Dataset d, int i) {
        float[] f = new float[d.featureLength()];
        d.copyFeatures(i, f, 0);
        return f;
    }

    @Test
    void retainStatisticsDoNotDependOnTheForgetRows() {
        int[] retain = {0, 1, 2, 3};
        DatasetSplit a = split(100).standardizedFrom(retain);
        DatasetSplit b = split(-7).standardizedFrom(retain);
        for (int i : retain) {
            assertArrayEquals(row(a.train(), i), row(b.train(), i));
        }
        assertArrayEquals(row(a.test(), 0), row(b.test(), 0));
        assertArrayEquals(row(a.test(), 1), row(b.test(), 1));
        assertNotEquals(row(split(100).standardized().test(), 0)[0], row(split(-7).standardized().test(), 0)[0],
                "whole-training-part statistics would depend on the forget rows");
        // retain features 0..7: mean 3.5, population std sqrt(5.25)
        assertEquals((1 - 3.5) / Math.sqrt(5.25), row(a.test(), 0)[0], 1e-6);
        assertEquals(split(100).sha256(), a.sha256(), "the source hash is kept; the preprocessing is recorded beside it");
    }
}
