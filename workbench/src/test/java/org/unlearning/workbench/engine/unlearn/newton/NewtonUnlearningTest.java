package org.unlearning.workbench.engine.unlearn.newton;

import org.unlearning.workbench.accounting.newton.NewtonGradient;
import org.unlearning.workbench.engine.unlearn.NoiseSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.unlearning.workbench.accounting.GaussianMechanism;
import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.data.DatasetLoader;
import org.unlearning.workbench.engine.data.DatasetSplit;
import org.unlearning.workbench.engine.model.Architecture;
import org.unlearning.workbench.engine.model.ModelSpec;
import org.unlearning.workbench.engine.model.WorkbenchModel;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Newton unlearning of real MNIST digits from a small norm-constrained MLP. */
class NewtonUnlearningTest {
    static Dataset train;
    static Dataset test;
    static ModelSpec spec;
    static WorkbenchModel original;
    static final double C = 10;
    static final double WD = 1e-3;
    static double originalTestAccuracy;

    @BeforeAll
    static void trainOriginal() throws Exception {
        DatasetSplit split = DatasetLoader.bundled();
        train = split.train().subset(Arrays.copyOf(split.train().allIndices(), 400), "mnist-400");
        test = split.test().subset(Arrays.copyOf(split.test().allIndices(), 300), "mnist-test-300");
        spec = ModelSpec.forData(Architecture.MLP_20, train).withHiddenSizes(List.of(6));
        original = WorkbenchModel.create(spec, 1);
        ProjectedSgd.train(original, train, train.allIndices(), 6, 32, 0.1, WD, C, 1);
        originalTestAccuracy = original.evaluate(test, 1000).accuracy();
        assertTrue(originalTestAccuracy > 0.3, "the original learned something: " + originalTestAccuracy);
    }

    static NewtonConfig config(double lambda, double budget) {
        return NewtonConfig.of(1, 1e-5, C, 1, lambda, WD, budget, new LissaConfig(1, 60, 20, 5, 3))
                .withSpectrum(30, 1e-3, 0);
    }

    static NoiseSource noise(long seed) {
        return NoiseSource.seeded(seed);
    }

    static int[] range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }

    @Test
    void sequentialRequestsShrinkTheRetainSetAndEachGetsItsOwnCertificate() {
        NewtonUnlearning timeline = new NewtonUnlearning(original, train, test, config(2.0, 10.0))
                .trainedWithNormConstraint(C);
        double[] wStar = ModelGradientFunction.flatParams(original);
        int d = wStar.length;
        double previousSigma = Double.NaN;
        for (int k = 1; k <= 3; k++) {
            int[] forget = range(4 * (k - 1), 4 * k); // 1 % each
            NewtonRelease r = timeline.request(forget, null, null, noise(k));
            assertEquals(k, r.request());
            assertEquals(400 - 4 * k, r.retainSize());
            assertEquals(400 - 4 * k, timeline.retainIndices().length);
            assertTrue(r.checksPassed(), String.join("; ", r.problems()));
            // σ is derived: the exact Gaussian mechanism at Δ meets δ, and Δ = Δ_N + Δ_LiSSA
            double delta = (double) r.outputs().get("Delta");
            assertEquals(delta, r.sensitivity());
            assertEquals((double) r.outputs().get("Delta_N") + 10.0, delta, 1e-9 * delta);
            double lmin = (double) r.inputs().get("lambda_min");
            double ce = (double) r.inputs().get("C_effective");
            double wNorm = (double) r.inputs().get("norm_w");
            assertEquals(Math.max(C * (1 + 1e-5), wNorm), ce, 1e-12 * ce, "the bound's radius covers the chain point");
            assertEquals(2 * ce * (ce + 2.0) / (2.0 + lmin), (double) r.outputs().get("Delta_N"), 1e-9 * delta);
            assertTrue(GaussianMechanism.exactDelta(delta, r.sigma(), 1.0) <= 1e-5 * (1 + 1e-9));
            assertTrue(GaussianMechanism.exactDelta(delta, r.sigma() * 0.999, 1.0) > 1e-5);
            // the accountant's inputs as measured: the plan of this release gives the same σ
            assertEquals(r.sigma(), new org.unlearning.workbench.accounting.newton.NewtonMethod().plan(r.measured()).sigma());
            // the released model carries noise of that σ: ‖w⁻ − w~‖ ≈ σ√d dominates ‖w⁻ − w*‖
            assertEquals(r.sigma() * Math.sqrt(d), r.distanceToOriginal(), 0.05 * r.sigma() * Math.sqrt(d));
            assertTrue(r.warnings().stream().anyMatch(w -> w.contains("compose")));
            assertTrue(r.gradientUsed().startsWith("exact retain gradient"));
            assertTrue(r.newtonExamples() >= 60L * 2 * 5 + r.retainSize(), "counts LiSSA and gradient examples");
            assertTrue(r.certificationExamples() > 0);
            assertTrue(r.noiseFreeTestAccuracy() >= originalTestAccuracy - 0.05,
                    "the noise-free Newton step keeps the model's accuracy: " + r.noiseFreeTestAccuracy() + " vs "
                            + originalTestAccuracy);
            assertTrue(r.lissaFullResidual() < 1);
            assertTrue(r.sigma() != previousSigma, "λ_min is re-estimated at every request");
            previousSigma = r.sigma();
        }
        assertThrows(IllegalArgumentException.class, () -> timeline.request(new int[] {5}, null, null, noise(9)),
                "example 5 was deleted by request 2");
    }

    @Test
    void refusesWhenLambdaPlusLambdaMinIsNotPositiveOrScaleTooSmall() {
        NewtonUnlearning timeline = new NewtonUnlearning(original, train, test, config(0.0, 10.0))
                .trainedWithNormConstraint(C);
        NewtonRelease r = timeline.request(range(0, 4), null, null, noise(1));
        double lmin = r.spectrum().lambdaMinLower();
        if (lmin <= 0) {
            assertFalse(r.released());
            assertTrue(r.problems().get(0).contains("increase lambda"), r.problems().toString());
            assertNull(r.model());
            assertThrows(IllegalStateException.class, () -> timeline.request(range(4, 8), null, null, noise(2)));
        } else {
            assertTrue(r.checksPassed(), r.problems().toString());
        }
        NewtonConfig tiny = config(2.0, 10.0).withLissa(new LissaConfig(1, 60, 0.5, 5, 3));
        NewtonRelease s = new NewtonUnlearning(original, train, test, tiny).request(range(0, 4), null, null, noise(1));
        assertFalse(s.released());
        assertTrue(s.problems().get(0).contains("scale H"), s.problems().toString());
    }

    @Test
    void notCertifiedWhenLissaErrorExceedsBudgetOrNormExceedsC() {
        NewtonRelease r = new NewtonUnlearning(original, train, test, config(2.0, 0.0))
                .trainedWithNormConstraint(C).request(range(0, 4), null, null, noise(1));
        assertFalse(r.checksPassed());
        assertTrue(String.join("; ", r.problems()).contains("exceeds the budget"), r.problems().toString());
        assertNotNull(r.model(), "released, but without a certificate");

        double norm = new NewtonUnlearning(original, train, test, config(2.0, 10.0)).originalNorm();
        NewtonConfig small = NewtonConfig.of(1, 1e-5, norm / 2, 1, 2.0, WD, 10.0, new LissaConfig(1, 60, 20, 5, 3))
                .withSpectrum(30, 1e-3, 0);
        NewtonRelease s = new NewtonUnlearning(original, train, test, small).trainedWithNormConstraint(norm / 2)
                .request(range(0, 4), null, null, noise(1));
        assertFalse(s.checksPassed());
        assertTrue(String.join("; ", s.problems()).contains("> C"), s.problems().toString());
        NewtonRelease u = new NewtonUnlearning(original, train, test, config(2.0, 10.0))
                .trainedWithNormConstraint(null).request(range(0, 4), null, null, noise(1));
        assertFalse(u.checksPassed());
        assertTrue(String.join("; ", u.problems()).contains("without the norm constraint"), u.problems().toString());
    }

    @Test
    void shortcutFallsBackToTheExactGradientAwayFromAStationaryPoint() {
        NewtonConfig c = config(2.0, 10.0).withGradient(NewtonGradient.FORGET_SHORTCUT).withSpectrum(5, 1e-3, 50)
                .withLissa(new LissaConfig(1, 10, 20, 5, 3));
        NewtonRelease r = new NewtonUnlearning(original, train, test, c).request(range(0, 4), null, null, noise(1));
        assertTrue(r.gradientUsed().contains("not a stationary point"), r.gradientUsed());
    }

    @Test
    void badRequestsAndCancellationLeaveTheTimelineUnchanged() {
        NewtonUnlearning timeline = new NewtonUnlearning(original, train, test, config(2.0, 10.0));
        assertThrows(IllegalArgumentException.class, () -> timeline.request(new int[0], null, null, noise(1)));
        assertThrows(IllegalArgumentException.class, () -> timeline.request(new int[] {400}, null, null, noise(1)));
        assertThrows(IllegalArgumentException.class, () -> timeline.request(new int[] {3, 3}, null, null, noise(1)));
        assertThrows(IllegalArgumentException.class, () -> timeline.request(range(0, 400), null, null, noise(1)));
        int[] calls = {0};
        assertThrows(CancellationException.class, () -> timeline.request(range(0, 4), () -> ++calls[0] > 10, null,
                noise(1)));
        assertEquals(400, timeline.retainIndices().length);
        assertEquals(0, timeline.requestsProcessed());
    }
}
