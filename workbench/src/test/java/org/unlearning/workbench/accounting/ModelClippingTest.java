package org.unlearning.workbench.accounting;

import org.unlearning.workbench.accounting.modelclip.ModelClippingAccountant;
import org.unlearning.workbench.accounting.modelclip.ModelClippingLedger;
import org.unlearning.workbench.accounting.modelclip.ModelClippingRun;
import org.unlearning.workbench.accounting.modelclip.ModelClippingVariant;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelClippingTest {
    @Test
    void paperConfigsGiveTheDocumentedSteps() {
        assertEquals(6L, ModelClippingAccountant.run(ModelClippingAccountant.Setting.of(1, 1e-5, 0.5, 0.5)).steps());
        assertEquals(36L, ModelClippingAccountant.run(ModelClippingAccountant.Setting.of(1, 1e-5, 0.5, 0.975)).steps());
        assertEquals(6L, ModelClippingAccountant.run(ModelClippingAccountant.Setting.of(1, 1e-5, 0.2, 0.2)).steps());
    }

    @Test
    void ledgerReproducesTheRun() {
        var s = ModelClippingAccountant.Setting.of(1, 1e-5, 0.5, 0.625);
        ModelClippingRun run = ModelClippingAccountant.run(s);
        ModelClippingLedger ledger = new ModelClippingLedger(s);
        while (!ledger.reachedTarget()) {
            ledger.recordStep();
        }
        assertEquals(run.steps(), ledger.steps());
        assertEquals(run.deltaT(), ledger.deltaT());
        assertEquals(run.deltaT(), ModelClippingAccountant.deltaAfter(s, run.steps()));
    }

    @Test
    void strictFirstStepCostsSteps() {
        var strict = new ModelClippingAccountant.Setting(1, 1e-5, 0.5, 0.5, ModelClippingVariant.BEFORE_PROJECTION,
                1, 0.1, 3, 0, 1_000_000, true);
        var lax = new ModelClippingAccountant.Setting(1, 1e-5, 0.5, 0.5, ModelClippingVariant.BEFORE_PROJECTION,
                1, 0.1, 3, 0, 1_000_000, false);
        assertTrue(ModelClippingAccountant.run(strict).steps() >= ModelClippingAccountant.run(lax).steps());
        assertTrue(strict.rFirst() > strict.r());
    }

    @Test
    void initialNoiseBeforeProjectionDoesNotContractTheFirstStep() {
        // A-13 (vector mc-strict-initial-noise): x_0 = Π_C0(x̂) + ξ_0 is unbounded, so γ_0 = 1 and δ_1 = δ_0
        var s = new ModelClippingAccountant.Setting(1, 1e-5, 1, 0.5, ModelClippingVariant.BEFORE_PROJECTION,
                1, 0.1, 0.8, 3, 1_000_000, true);
        assertTrue(s.firstStepUnbounded());
        ModelClippingRun run = ModelClippingAccountant.run(s, true);
        assertEquals(2L, run.steps());
        assertEquals(1.0, run.gamma1());
        assertEquals(run.delta0(), run.deltas()[1]);
        assertEquals(2.598944316729763e-07, run.deltaT(), 1e-6 * 2.6e-7);
        // the running ledger (engine) and the fixed-T route give the same δ_T
        ModelClippingLedger ledger = new ModelClippingLedger(s);
        ledger.recordStep();
        assertEquals(run.delta0(), ledger.deltaT());
        ledger.recordStep();
        assertEquals(run.deltaT(), ledger.deltaT());
        assertEquals(run.deltaT(), ModelClippingAccountant.deltaAfter(s, 2));
        assertFalse(ledger.outputs().containsKey("r_first"));
        // the legacy (non-strict) rule contracts the first step and so understates δ_T
        var lax = new ModelClippingAccountant.Setting(1, 1e-5, 1, 0.5, ModelClippingVariant.BEFORE_PROJECTION,
                1, 0.1, 0.8, 3, 1_000_000, false);
        assertFalse(lax.firstStepUnbounded());
        assertTrue(ModelClippingAccountant.deltaAfter(lax, 2) < run.deltaT());
        // after projection the output mean lies in B(C2) whatever x_0 is: unaffected
        var after = new ModelClippingAccountant.Setting(1, 1e-5, 1, 0.5, ModelClippingVariant.AFTER_PROJECTION,
                0, 0, 0.8, 3, 1_000_000, true);
        assertFalse(after.firstStepUnbounded());
        assertTrue(ModelClippingAccountant.run(after).gamma1() < 1);
    }

    @Test
    void longRunsTerminateAndTraceIsMonotone() {
        // r = 2*C2/sigma = 9: slow contraction, many steps but feasible
        var s = ModelClippingAccountant.Setting.of(1, 1e-5, 1, 4.5);
        ModelClippingRun run = ModelClippingAccountant.run(s, true);
        assertTrue(run.feasible(), run.reason());
        assertTrue(run.steps() > 1000, "steps=" + run.steps());
        double[] d = run.deltas();
        for (int i = 1; i < d.length; i++) {
            assertTrue(d[i] <= d[i - 1]);
        }
    }

    @Test
    void saturatedThetaIsInfeasibleWithReason() {
        ModelClippingRun run = ModelClippingAccountant.run(ModelClippingAccountant.Setting.of(1, 1e-5, 0.1, 1));
        assertFalse(run.feasible());
        assertNotNull(run.reason());
        assertTrue(run.reason().contains("sigma"));
    }
}
