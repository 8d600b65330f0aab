package org.unlearning.workbench.engine.run;

import org.junit.jupiter.api.Test;
import org.unlearning.workbench.accounting.newton.NewtonParams;
import org.unlearning.workbench.engine.unlearn.Presets;
import org.unlearning.workbench.engine.unlearn.UnlearningConfig;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeletionRequestsTest {

    @Test
    void requestsAreDisjointSeededAndOfTheRequestedSize() {
        List<int[]> r = DeletionRequests.random(8000, 5, 0.01, 0);
        assertEquals(5, r.size());
        Set<Integer> seen = new HashSet<>();
        for (int[] q : r) {
            assertEquals(80, q.length);
            for (int i : q) {
                assertTrue(i >= 0 && i < 8000);
                assertTrue(seen.add(i), "index " + i + " in two requests");
            }
        }
        assertArrayEquals(r.get(2), DeletionRequests.random(8000, 5, 0.01, 0).get(2));
        assertTrue(!java.util.Arrays.equals(r.get(0), DeletionRequests.random(8000, 5, 0.01, 1).get(0)));
        assertThrows(IllegalArgumentException.class, () -> DeletionRequests.random(10, 5, 0.2, 0));
    }

    @Test
    void newtonPresetsAreRunsOfThePipelineWithTheirRequests() throws Exception {
        UnlearningConfig single = Presets.load("mnist-newton", null);
        UnlearningConfig seq = Presets.load("mnist-newton-sequential", null);
        assertEquals(1, single.data().requestCount());
        assertEquals(5, seq.data().requestCount());
        assertEquals("newton", single.method().key());
        assertEquals("original", single.retrainRecipe());
        NewtonParams p = single.method().paramsAs(NewtonParams.class);
        assertNull(p.weightDecay(), "weight_decay: null takes the training weight decay");
        assertEquals(25.0, p.lambda());
        assertEquals(50.0, p.scale());
        assertThrows(IllegalArgumentException.class, () -> Presets.load("no-such", null));
    }
}
