package org.unlearning.workbench.accounting.registry;

import org.unlearning.workbench.accounting.gradclip.GradientClippingParams;
import org.unlearning.workbench.accounting.modelclip.ModelClippingParams;
import org.unlearning.workbench.accounting.outputpert.OutputPerturbationParams;
import org.unlearning.workbench.accounting.retrain.RetrainParams;
import org.unlearning.workbench.accounting.dpsgd.DpSgdParams;
import org.unlearning.workbench.accounting.newton.NewtonParams;
import org.unlearning.workbench.accounting.method.Calculation;
import org.unlearning.workbench.accounting.method.Curve;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.unlearning.workbench.accounting.dpsgd.GroupPrivacySplit;
import org.unlearning.workbench.accounting.gradclip.NoiseSchedule;
import org.unlearning.workbench.accounting.gradclip.SigmaFormula;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MethodPlansTest {
    @Test
    void gradientClippingCertifiesTheTargetAndShowsLegacyFigure() {
        Calculation c = MethodRegistry.calculate(GradientClippingParams.of(1, 1e-5, 0.01, 10, 1e-4, 750));
        CalculationChecks.assertWellFormed(c);
        assertTrue(c.feasible());
        assertEquals(6L, c.steps());
        assertEquals(0.04434688405492248, c.sigma(), 1e-6 * 0.0443);
        assertEquals(1.0, c.epsilon(), 1e-9);
        assertNotNull(c.legacyEpsilon());
        assertTrue(c.legacyEpsilon().label().contains("legacy"));
        assertFalse(c.legacyEpsilon().certified());
        assertTrue(c.statement().contains("advantage at most"));
        assertTrue(c.assumptions().stream().anyMatch(a -> a.contains("without momentum")));
        assertTrue(c.assumptions().stream().anyMatch(a -> a.contains("global L2")));
        assertTrue(c.assumptions().stream().anyMatch(a -> a.contains("Certifying algorithm")));
        assertEquals(2, c.curves().size());
    }

    @Test
    void modelClippingWithInitialNoiseBeforeProjectionPlansAndLedgersTheUncontractedFirstStep() {
        // the calculator's plan and the engine's running ledger use the same rule (γ_0 = 1)
        var p = new ModelClippingParams(1.0, 1e-5, 1.0, 0.5,
                org.unlearning.workbench.accounting.modelclip.ModelClippingVariant.BEFORE_PROJECTION, 0.1, 1.0, 0.8, 3.0,
                null, true, null, 0.0, 64);
        Calculation c = MethodRegistry.calculate(p);
        CalculationChecks.assertWellFormed(c);
        assertTrue(c.feasible());
        assertEquals(2L, c.steps());
        assertEquals(2.598944316729763e-07, c.delta(), 1e-6 * 2.6e-7);
        assertTrue(c.warnings().stream().anyMatch(w -> w.contains("A-13")), c.warnings().toString());
        var ledger = new org.unlearning.workbench.accounting.modelclip.ModelClippingMethod().ledger(p, c);
        ledger.recordStep(1.0);
        ledger.recordStep(1.0);
        assertTrue(ledger.guarantee().certified(), ledger.guarantee().toString());
        assertEquals(c.delta(), ledger.deltaT(), 1e-12 * c.delta());
    }

    @Test
    void gradientClippingRenyiTargetReportsTheRealEpsilon() {
        Calculation c = MethodRegistry.calculate(new GradientClippingParams(1, 1e-5, 20, 10, 0.01, 50,
                NoiseSchedule.CONSTANT, 1.0, SigmaFormula.CONSISTENT, null, null, 128));
        assertEquals(7.077196695806342, c.epsilon(), 1e-7);
        assertEquals(1.0036092796323706, c.legacyEpsilon().value(), 1e-9);
        assertTrue(c.warnings().stream().anyMatch(w -> w.contains("eps_R")));
    }

    @Test
    void decreasingScheduleInfeasibleSaysWhy() {
        Calculation c = MethodRegistry.calculate(new GradientClippingParams(1, 1e-5, 20, 10, 0.01, 50,
                NoiseSchedule.DECREASING, null, null, null, null, 128));
        CalculationChecks.assertWellFormed(c);
        assertFalse(c.feasible());
        assertTrue(c.reason().contains("decreasing"));
        assertNull(c.epsilon());
        assertNotNull(c.sigmaSchedule());
        assertEquals(c.sigmaSchedule()[0], c.sigmaRange().first());
    }

    @Test
    void userFixedSigmaRecomputesTheGuarantee() {
        Calculation planned = MethodRegistry.calculate(GradientClippingParams.of(2, 1e-5, 1, 1, 0.1, 1));
        Calculation fixed = MethodRegistry.calculate(new GradientClippingParams(2, 1e-5, 1, 1, 0.1, 1,
                null, null, null, null, planned.sigma() * 2, 128));
        assertTrue(fixed.epsilon() < 2);
        Calculation fixedT = MethodRegistry.calculate(new GradientClippingParams(2, 1e-5, 1, 1, 0.1, 1,
                null, null, null, 40, null, 128));
        assertEquals(40L, fixedT.steps());
        assertEquals(2, fixedT.epsilon(), 1e-9);
    }

    @Test
    void modelClippingFeasibleInfeasibleAndFixedT() {
        Calculation c = MethodRegistry.calculate(ModelClippingParams.of(1, 1e-5, 0.5, 0.625));
        CalculationChecks.assertWellFormed(c);
        assertEquals(9L, c.steps());
        assertEquals(3.788167855187994e-07, c.deltaT(), 1e-6 * 3.79e-7);
        Curve d = c.curves().get(0);
        assertEquals("delta_t", d.name());
        assertEquals(10, d.x().length);
        Calculation bad = MethodRegistry.calculate(ModelClippingParams.of(1, 1e-5, 0.1, 1));
        CalculationChecks.assertWellFormed(bad);
        assertFalse(bad.feasible());
        assertTrue(bad.reason().contains("sigma"));
        Calculation fixed = MethodRegistry.calculate(new ModelClippingParams(1, 1e-5, 0.5, 0.625, null, 0.01,
                null, null, 0, null, true, 5, 0, 128));
        assertFalse(fixed.feasible());
        assertTrue(fixed.deltaT() > 1e-5);
    }

    @Test
    void outputPerturbationExactSigmaBelowClassical() {
        Calculation c = MethodRegistry.calculate(OutputPerturbationParams.of(1, 1e-5, 1));
        CalculationChecks.assertWellFormed(c);
        double classical = c.figures().stream().filter(f -> f.key().equals("sigma_classical")).findFirst()
                .orElseThrow().value();
        assertEquals(9.689610525210778, classical, 1e-9);
        assertTrue(c.sigma() < classical);
    }

    @Test
    void retrainIsExact() {
        Calculation c = MethodRegistry.calculate(new RetrainParams());
        assertEquals(0.0, c.epsilon());
        assertEquals(0.0, c.delta());
    }

    @Test
    void dpSgdWithFixedNoiseAndNewton() {
        Calculation c = MethodRegistry.calculate(new DpSgdParams(50, 1e-5, 45000, 225, 128, 50, 0.5,
                GroupPrivacySplit.Rule.STANDARD, 18.034, 0.5));
        CalculationChecks.assertWellFormed(c);
        assertTrue(c.epsilon() <= 50.01, "eps=" + c.epsilon());
        Calculation n = MethodRegistry.calculate(NewtonParams.withErrorBound(0.5, 1e-5, 0.05));
        CalculationChecks.assertWellFormed(n);
        assertTrue(n.sigma() < 0.48448052626053895);
        Calculation inv = MethodRegistry.calculate(NewtonParams.theorem34(1, 1e-5, 20.0, 1.0, 0.01, -0.02, 0));
        assertFalse(inv.feasible());
    }

    @Test
    void invalidInputsNameTheParameterAndRange() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.calculate(GradientClippingParams.of(-1, 1e-5, 1, 1, 0.1, 1)));
        assertTrue(e.getMessage().startsWith("epsilon must be > 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.calculate(GradientClippingParams.of(1, 1, 1, 1, 0.1, 1)));
        assertTrue(e.getMessage().contains("delta must be in (0, 1)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.calculate(GradientClippingParams.of(1, 1e-5, 1, 1, 0.1, 10)));
        assertTrue(e.getMessage().contains("eta * lambda must be < 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.calculate(ModelClippingParams.of(1, 1e-5, Double.NaN, 1)));
        assertTrue(e.getMessage().startsWith("sigma"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.calculate(OutputPerturbationParams.of(1, 1e-5, Double.POSITIVE_INFINITY)));
        assertTrue(e.getMessage().startsWith("C0"), e.getMessage());
    }

    @Test
    void serialisesToJsonWithJackson() throws Exception {
        String json = new ObjectMapper().writeValueAsString(
                MethodRegistry.calculate(GradientClippingParams.of(1, 1e-5, 20, 10, 0.01, 50)));
        assertTrue(json.contains("\"renyiCoefficient\""));
        assertFalse(json.contains("NaN") || json.contains("Infinity"));
    }

    @Test
    void schemaParsesTextWithDeclaredDefaultsAndRejectsUnknownKeys() {
        Record p = MethodRegistry.get("gradient_clipping").schema().parse(Map.of("epsilon", "2", "T", "7"));
        GradientClippingParams g = (GradientClippingParams) p;
        assertEquals(2, g.epsilon());
        assertEquals(7, g.steps());
        assertEquals(20, g.c0());
        var e = assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.get("model_clipping").schema().parse(Map.of("bogus", "1")));
        assertTrue(e.getMessage().contains("bogus"));
        e = assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.get("model_clipping").schema().parse(Map.of("variant", "sideways")));
        assertTrue(e.getMessage().contains("after_projection"));
        for (var m : MethodRegistry.all()) {
            CalculationChecks.assertWellFormed(MethodRegistry.calculate(m.key(),
                    m.key().equals("dp_sgd") ? Map.of("noise_multiplier", "18") : Map.of()));
        }
    }

    /** A parameter without its own name or tooltip (and no shared declaration to take them from). */
    record Undeclared(@org.unlearning.workbench.accounting.method.Param(key = "x", min = 0, max = 1) double x) {}

    /** Points to a shared declaration that does not exist. */
    record WrongShare(@org.unlearning.workbench.accounting.method.Param(key = "gamma",
            from = org.unlearning.workbench.accounting.method.SharedParams.class) double gamma) {}

    @Test
    void sharedDeclarationsAreTakenWholeAndMistakesAreCaughtWhenTheSchemaIsRead() {
        var shared = org.unlearning.workbench.accounting.method.ParameterSchema
                .of(org.unlearning.workbench.accounting.method.SharedParams.class, "shared").parameters();
        for (String key : new String[] {"gradient_clipping", "model_clipping", "output_perturbation", "newton"}) {
            var eps = MethodRegistry.get(key).schema().parameter("epsilon").orElseThrow();
            var want = shared.get(0);
            assertEquals(java.util.Arrays.toString(want.slider()), java.util.Arrays.toString(eps.slider()));
            assertEquals(want.toString().replaceAll("slider=\\[D@\\w+", ""),
                    eps.toString().replaceAll("slider=\\[D@\\w+", ""), key + " declares epsilon as the shared declaration");
        }
        var e = assertThrows(IllegalStateException.class,
                () -> org.unlearning.workbench.accounting.method.ParameterSchema.of(Undeclared.class, "t"));
        assertTrue(e.getMessage().contains("name and a tooltip"), e.getMessage());
        e = assertThrows(IllegalStateException.class,
                () -> org.unlearning.workbench.accounting.method.ParameterSchema.of(WrongShare.class, "t"));
        assertTrue(e.getMessage().contains("declares no 'gamma'"), e.getMessage());
    }
}
