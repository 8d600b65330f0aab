package org.unlearning.workbench.app.fx.run;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The first ETA of a run: the warm-up of the first step is not extrapolated (issue #15: 2:09 shown for a 20 s run). */
class RemainingTimeTest {
    @Test
    void theFirstStepsWarmUpIsNotExtrapolated() {
        // 500 steps of 0.04 s after a first step that took 6 s (loading, JIT, initial evaluation)
        assertEquals("estimating time left…", UnlearningService.remaining(6.0, 1, 6.0, 1, 500));
        assertEquals("estimating time left…", UnlearningService.remaining(6.2, 6, 6.0, 1, 500), "too few steps measured");
        assertEquals("0:16 left", UnlearningService.remaining(6.0 + 0.04 * 99, 100, 6.0, 1, 500),
                "the rate since the first step: 400 × 0.04 s");
        assertEquals("0:00 left", UnlearningService.remaining(26, 500, 6.0, 1, 500));
    }
}
