package org.unlearning.workbench.engine.unlearn.newton;

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

    static int[] range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }

    @Test
    void sequentialRequestsShrinkTheRetainSetAndEachGetsItsOwnCertificate() {
        Retrainer retrainer = (idx, cancel) -> {
            WorkbenchModel m = WorkbenchModel.create(spec, 2);
            long t = System.nanoTime();
            long ex = ProjectedSgd.train(m, train, idx, 2, 32, 0.1, WD, C, 1);
            return new Retrainer.Trained(m, (System.nanoTime() - t) / 1e9, ex);
        };
        NewtonUnlearning timeline = new NewtonUnlearning(original, train, test, config(2.0, 10.0), retrainer)
                .trainedWithNormConstraint(C);
        double[] wStar = ModelGradientFunction.flatParams(original);
        int d = wStar.length;
        double previousSigma = Double.NaN;
        for (int k = 1; k <= 3; k++) {
            int[] forget = range(4 * (k - 1), 4 * k); // 1 % each
            NewtonRelease r = timeline.request(forget, null, null);
            assertEquals(k, r.request());
            assertEquals(400 - 4 * k, r.retainSize());
            assertEquals(400 - 4 * k, timeline.retainIndices().length);
            NewtonCertificate cert = r.certificate();
            assertEquals(NewtonCertificate.Status.CERTIFIED, cert.status(), cert.reason());
            assertEquals(k, cert.request());
            // σ is derived: the exact Gaussian mechanism at Δ meets δ, and Δ = Δ_N + Δ_LiSSA
            double delta = (double) cert.outputs().get("Delta");
            assertEquals((double) cert.outputs().get("Delta_N") + 10.0, delta, 1e-9 * delta);
            double lmin = (double) cert.inputs().get("lambda_min");
            double ce = (double) cert.inputs().get("C_effective");
            double wNorm = (double) cert.inputs().get("norm_w");
            assertEquals(Math.max(C * (1 + 1e-5), wNorm), ce, 1e-12 * ce, "the bound's radius covers the chain point");
            assertEquals(2 * ce * (ce + 2.0) / (2.0 + lmin), (double) cert.outputs().get("Delta_N"), 1e-9 * delta);
            assertTrue(GaussianMechanism.exactDelta(delta, cert.sigma(), 1.0) <= 1e-5 * (1 + 1e-9));
            assertTrue(GaussianMechanism.exactDelta(delta, cert.sigma() * 0.999, 1.0) > 1e-5);
            // the released model carries noise of that σ: ‖w⁻ − w~‖ ≈ σ√d dominates ‖w⁻ − w*‖
            assertEquals(cert.sigma() * Math.sqrt(d), r.distanceToOriginal(), 0.05 * cert.sigma() * Math.sqrt(d));
            assertTrue(cert.warnings().stream().anyMatch(w -> w.contains("compose")));
            assertTrue(r.gradientUsed().startsWith("exact retain gradient"));
            assertTrue(r.newtonExamples() >= 60L * 2 * 5 + r.retainSize(), "counts LiSSA and gradient examples");
            assertTrue(r.certificationExamples() > 0);
            assertNotNull(r.retrain());
            assertTrue(r.distanceToRetrain() > 0 && r.noiseFreeDistanceToRetrain() < r.distanceToRetrain());
            assertTrue(r.noiseFreeTestAccuracy() >= originalTestAccuracy - 0.05,
                    "the noise-free Newton step keeps the model's accuracy: " + r.noiseFreeTestAccuracy() + " vs "
                            + originalTestAccuracy);
            assertTrue(r.lissaFullResidual() < 1);
            assertTrue(cert.sigma() != previousSigma, "λ_min is re-estimated at every request");
            previousSigma = cert.sigma();
        }
        assertThrows(IllegalArgumentException.class, () -> timeline.request(new int[] {5}, null, null),
                "example 5 was deleted by request 2");
    }

    @Test
    void refusesWhenLambdaPlusLambdaMinIsNotPositiveOrScaleTooSmall() {
        NewtonUnlearning timeline = new NewtonUnlearning(original, train, test, config(0.0, 10.0), null)
                .trainedWithNormConstraint(C);
        NewtonRelease r = timeline.request(range(0, 4), null, null);
        double lmin = r.spectrum().lambdaMinLower();
        if (lmin <= 0) {
            assertEquals(NewtonCertificate.Status.REFUSED, r.certificate().status());
            assertTrue(r.certificate().reason().contains("increase lambda"), r.certificate().reason());
            assertNull(r.model());
            assertThrows(IllegalStateException.class, () -> timeline.request(range(4, 8), null, null));
        } else {
            assertEquals(NewtonCertificate.Status.CERTIFIED, r.certificate().status(), r.certificate().reason());
        }
        NewtonConfig tiny = config(2.0, 10.0).withLissa(new LissaConfig(1, 60, 0.5, 5, 3));
        NewtonRelease s = new NewtonUnlearning(original, train, test, tiny, null).request(range(0, 4), null, null);
        assertEquals(NewtonCertificate.Status.REFUSED, s.certificate().status());
        assertTrue(s.certificate().reason().contains("scale H"), s.certificate().reason());
    }

    @Test
    void notCertifiedWhenLissaErrorExceedsBudgetOrNormExceedsC() {
        NewtonRelease r = new NewtonUnlearning(original, train, test, config(2.0, 0.0), null)
                .trainedWithNormConstraint(C).request(range(0, 4), null, null);
        assertEquals(NewtonCertificate.Status.NOT_CERTIFIED, r.certificate().status());
        assertTrue(r.certificate().reason().contains("exceeds the budget"), r.certificate().reason());
        assertNull(r.certificate().epsilon());
        assertNotNull(r.model(), "released, but without a certificate");

        double norm = new NewtonUnlearning(original, train, test, config(2.0, 10.0), null).originalNorm();
        NewtonConfig small = NewtonConfig.of(1, 1e-5, norm / 2, 1, 2.0, WD, 10.0, new LissaConfig(1, 60, 20, 5, 3))
                .withSpectrum(30, 1e-3, 0);
        NewtonRelease s = new NewtonUnlearning(original, train, test, small, null).trainedWithNormConstraint(norm / 2)
                .request(range(0, 4), null, null);
        assertEquals(NewtonCertificate.Status.NOT_CERTIFIED, s.certificate().status());
        assertTrue(s.certificate().reason().contains("> C"), s.certificate().reason());
        NewtonRelease u = new NewtonUnlearning(original, train, test, config(2.0, 10.0), null)
                .trainedWithNormConstraint(null).request(range(0, 4), null, null);
        assertEquals(NewtonCertificate.Status.NOT_CERTIFIED, u.certificate().status());
        assertTrue(u.certificate().reason().contains("without the norm constraint"), u.certificate().reason());
    }

    @Test
    void shortcutFallsBackToTheExactGradientAwayFromAStationaryPoint() {
        NewtonConfig c = config(2.0, 10.0).withGradient(GradientChoice.FORGET_SHORTCUT).withSpectrum(5, 1e-3, 50)
                .withLissa(new LissaConfig(1, 10, 20, 5, 3));
        NewtonRelease r = new NewtonUnlearning(original, train, test, c, null).request(range(0, 4), null, null);
        assertTrue(r.gradientUsed().contains("not a stationary point"), r.gradientUsed());
    }

    @Test
    void badRequestsAndCancellationLeaveTheTimelineUnchanged() {
        NewtonUnlearning timeline = new NewtonUnlearning(original, train, test, config(2.0, 10.0), null);
        assertThrows(IllegalArgumentException.class, () -> timeline.request(new int[0], null, null));
        assertThrows(IllegalArgumentException.class, () -> timeline.request(new int[] {400}, null, null));
        assertThrows(IllegalArgumentException.class, () -> timeline.request(new int[] {3, 3}, null, null));
        assertThrows(IllegalArgumentException.class, () -> timeline.request(range(0, 400), null, null));
        int[] calls = {0};
        assertThrows(CancellationException.class, () -> timeline.request(range(0, 4), () -> ++calls[0] > 10, null));
        assertEquals(400, timeline.retainIndices().length);
        assertEquals(0, timeline.requestsProcessed());
    }
}
