package org.unlearning.workbench.engine.unlearn.newton;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NewtonRunTest {

    @Test
    void requestsAreDisjointSeededAndOfTheRequestedSize() {
        List<int[]> r = NewtonRun.requests(8000, 5, 0.01, 0);
        assertEquals(5, r.size());
        Set<Integer> seen = new HashSet<>();
        for (int[] q : r) {
            assertEquals(80, q.length);
            for (int i : q) {
                assertTrue(i >= 0 && i < 8000);
                assertTrue(seen.add(i), "index " + i + " in two requests");
            }
        }
        assertArrayEquals(r.get(2), NewtonRun.requests(8000, 5, 0.01, 0).get(2));
        assertTrue(!java.util.Arrays.equals(r.get(0), NewtonRun.requests(8000, 5, 0.01, 1).get(0)));
        assertThrows(IllegalArgumentException.class, () -> NewtonRun.requests(10, 5, 0.2, 0));
    }

    @Test
    void presetsParseAndDeriveTheEngineConfiguration() throws Exception {
        NewtonRunConfig single = NewtonRunConfig.preset("mnist-newton");
        NewtonRunConfig seq = NewtonRunConfig.preset("mnist-newton-sequential");
        assertEquals(1, single.requests());
        assertEquals(5, seq.requests());
        NewtonConfig c = single.newtonConfig(5e-4);
        assertEquals(5e-4, c.weightDecay(), "weight_decay: null takes the training weight decay");
        assertEquals(single.lambda(), c.lambda());
        assertEquals(single.scale(), c.lissa().scale());
        assertEquals(GradientChoice.RETAIN_EXACT, c.gradient());
        assertThrows(IllegalArgumentException.class, () -> NewtonRunConfig.preset("mnist-gradclip"));
    }
}
