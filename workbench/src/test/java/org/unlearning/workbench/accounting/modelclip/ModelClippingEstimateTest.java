package org.unlearning.workbench.accounting.modelclip;

import org.junit.jupiter.api.Test;
import org.unlearning.workbench.accounting.method.Calculation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provisional estimate of the §5.2 recursion stays close to the exact walk, from T = 1 to ~10⁵. */
class ModelClippingEstimateTest {
    private static ModelClippingAccountant.Setting after(double sigma, double c2) {
        return ModelClippingAccountant.Setting.of(1, 1e-5, sigma, c2);
    }

    @Test
    void estimatedStepsAreWithinHalfAPercentOfTheExactOnes() {
        double[][] settings = {{0.01, 0.001}, {0.5, 0.5}, {0.5, 0.625}, {0.5, 0.975}, {1, 2}, {1, 3}, {1, 4.31}};
        for (double[] sc : settings) {
            ModelClippingAccountant.Setting s = after(sc[0], sc[1]);
            ModelClippingRun exact = ModelClippingAccountant.run(s);
            ModelClippingEstimate.Estimate est = ModelClippingEstimate.run(s);
            assertTrue(exact.feasible() && est.feasible(), "sigma " + sc[0] + " C2 " + sc[1]);
            long t = exact.steps();
            assertEquals(t, est.steps(), Math.max(1, 0.005 * t), "T for sigma " + sc[0] + " C2 " + sc[1]);
            assertTrue(est.deltaT() <= s.delta());
        }
    }

    @Test
    void beforeProjectionWithTheStrictFirstStepsAndInitialNoiseAgree() {
        ModelClippingAccountant.Setting s = new ModelClippingAccountant.Setting(1, 1e-5, 0.5, 2, ModelClippingVariant.BEFORE_PROJECTION,
                1, 0.1, 5, 0.5, ModelClippingAccountant.DEFAULT_MAX_STEPS, true);
        long t = ModelClippingAccountant.run(s).steps();
        assertEquals(t, ModelClippingEstimate.run(s).steps(), Math.max(1, 0.005 * t));
    }

    @Test
    void aFixedTGivesDeltaTWithinAFewPercent() {
        ModelClippingAccountant.Setting s = after(1, 4.31);
        for (long t : new long[] {1, 10, 1_000, 50_000, 92_000}) {
            double exact = ModelClippingAccountant.deltaAfter(s, t);
            double est = ModelClippingEstimate.after(s, t).deltaT();
            assertEquals(exact, est, 0.02 * exact, "delta after " + t + " steps");
        }
    }

    @Test
    void infeasibleSettingsAreInfeasibleInTheEstimateToo() {
        ModelClippingAccountant.Setting fixedPoint = after(0.01, 1);   // r = 200: theta rounds to 1
        assertFalse(ModelClippingEstimate.run(fixedPoint).feasible());
        ModelClippingAccountant.Setting capped = new ModelClippingAccountant.Setting(1, 1e-5, 1, 4.31,
                ModelClippingVariant.AFTER_PROJECTION, 0, 0, 0, 0, 50_000, true);
        assertFalse(ModelClippingAccountant.run(capped).feasible());
        assertFalse(ModelClippingEstimate.run(capped).feasible());
    }

    @Test
    void theProvisionalPlanSaysSoAndAgreesWithThePlan() {
        ModelClippingMethod m = new ModelClippingMethod();
        ModelClippingParams p = ModelClippingParams.of(1, 1e-5, 1, 4.31);
        Calculation est = m.provisionalPlan(p);
        Calculation exact = m.plan(p);
        assertTrue(est.warnings().get(0).startsWith("Provisional"));
        assertFalse(exact.warnings().stream().anyMatch(w -> w.startsWith("Provisional")));
        assertEquals(exact.steps(), est.steps(), 0.005 * exact.steps());
        assertTrue(ModelClippingMethod.exactCost(est) > 50_000);
    }
}
