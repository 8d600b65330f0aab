package org.unlearning.workbench.accounting.registry;

import org.unlearning.workbench.accounting.gradclip.GradientClippingParams;
import org.unlearning.workbench.accounting.modelclip.ModelClippingParams;
import org.unlearning.workbench.accounting.outputpert.OutputPerturbationParams;
import org.unlearning.workbench.accounting.dpsgd.DpSgdParams;
import org.unlearning.workbench.accounting.newton.NewtonParams;
import org.unlearning.workbench.accounting.method.Calculation;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.unlearning.workbench.accounting.gradclip.GradientClippingAccountant;
import org.unlearning.workbench.accounting.modelclip.ModelClippingAccountant;
import org.unlearning.workbench.accounting.modelclip.ModelClippingRun;
import org.unlearning.workbench.accounting.RenyiConversion;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Property tests of issue 3 over random valid (and invalid) inputs. */
class AccountantPropertiesTest {
    @Property(tries = 300)
    void gradientClippingSigmaFallsAsEpsilonGrows(@ForAll @Scale(14) @DoubleRange(min = 0.01, max = 50) double eps,
                                                  @ForAll @Scale(14) @DoubleRange(min = 1.01, max = 3) double factor,
                                                  @ForAll @Scale(14) @DoubleRange(min = 1e-10, max = 0.1) double delta,
                                                  @ForAll @Scale(14) @DoubleRange(min = 0.01, max = 20) double c0,
                                                  @ForAll @Scale(14) @DoubleRange(min = 0.1, max = 100) double c1,
                                                  @ForAll @Scale(14) @DoubleRange(min = 1e-3, max = 0.1) double eta,
                                                  @ForAll @Scale(14) @DoubleRange(min = 0, max = 0.99) double etaLambda) {
        double lambda = etaLambda / eta;
        Calculation lo = MethodRegistry.calculate(GradientClippingParams.of(eps, delta, c0, c1, eta, lambda));
        Calculation hi = MethodRegistry.calculate(GradientClippingParams.of(eps * factor, delta, c0, c1, eta, lambda));
        assertTrue(hi.sigma() < lo.sigma(), lo.sigma() + " vs " + hi.sigma());
    }

    @Property(tries = 300)
    void outputPerturbationAndNewtonSigmaFallAsEpsilonGrows(@ForAll @Scale(14) @DoubleRange(min = 0.01, max = 30) double eps,
                                                            @ForAll @Scale(14) @DoubleRange(min = 1.01, max = 3) double factor,
                                                            @ForAll @Scale(14) @DoubleRange(min = 1e-10, max = 0.1) double delta,
                                                            @ForAll @Scale(14) @DoubleRange(min = 0.001, max = 100) double c0) {
        assertTrue(MethodRegistry.calculate(OutputPerturbationParams.of(eps * factor, delta, c0)).sigma()
                < MethodRegistry.calculate(OutputPerturbationParams.of(eps, delta, c0)).sigma());
        NewtonParams a = NewtonParams.withErrorBound(eps, delta, c0);
        NewtonParams b = NewtonParams.withErrorBound(eps * factor, delta, c0);
        assertTrue(MethodRegistry.calculate(b).sigma() < MethodRegistry.calculate(a).sigma());
    }

    @Property(tries = 300)
    void modelClippingStepsFallAsSigmaGrows(@ForAll @Scale(14) @DoubleRange(min = 0.1, max = 5) double eps,
                                            @ForAll @Scale(14) @DoubleRange(min = 1e-10, max = 0.1) double delta,
                                            @ForAll @Scale(14) @DoubleRange(min = 0.2, max = 5) double r,
                                            @ForAll @Scale(14) @DoubleRange(min = 1.0, max = 3) double factor) {
        double c2 = 1, sigma = 2 * c2 / r;
        ModelClippingRun a = ModelClippingAccountant.run(ModelClippingAccountant.Setting.of(eps, delta, sigma, c2));
        ModelClippingRun b = ModelClippingAccountant.run(ModelClippingAccountant.Setting.of(eps, delta, sigma * factor, c2));
        assertTrue(a.feasible() && b.feasible());
        assertTrue(b.steps() <= a.steps(), a.steps() + " then " + b.steps());
    }

    @Property(tries = 500)
    void calibrateThenConvertBackStaysWithinTarget(@ForAll @Scale(14) @DoubleRange(min = 1e-3, max = 200) double eps,
                                                   @ForAll @Scale(14) @DoubleRange(min = -14, max = -1) double log10Delta,
                                                   @ForAll @Scale(14) @DoubleRange(min = 0.01, max = 20) double c0,
                                                   @ForAll @Scale(14) @DoubleRange(min = 0.01, max = 100) double c1,
                                                   @ForAll @Scale(14) @DoubleRange(min = 1e-4, max = 0.1) double eta,
                                                   @ForAll @Scale(14) @DoubleRange(min = 0, max = 0.99) double etaLambda,
                                                   @ForAll @IntRange(min = 1, max = 500) int t) {
        double delta = Math.pow(10, log10Delta), lambda = etaLambda / eta;
        double sigma = GradientClippingAccountant.sigmaForEpsDelta(eps, delta, c0, c1, eta, lambda, t);
        double rho = GradientClippingAccountant.rhoConstant(sigma, c0, c1, eta, lambda, t);
        double back = RenyiConversion.improved(rho, delta).epsilon();
        assertTrue(back <= eps * (1 + 1e-9), "target " + eps + " got " + back);
        assertTrue(back >= eps * (1 - 1e-6), "calibration not tight: " + back);
    }

    @Provide
    Arbitrary<Double> anyDouble() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(-10, 1e4).ofScale(6),
                Arbitraries.doubles().between(1e-12, 1).ofScale(14),
                Arbitraries.of(0.0, -0.0, 1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        Double.MIN_VALUE, Double.MAX_VALUE, 1e-300, 1e300));
    }

    @Property(tries = 1500)
    void onlyDocumentedExceptionAndNeverNaN(@ForAll @IntRange(min = 0, max = 4) int which,
                                           @ForAll("anyDouble") double a, @ForAll("anyDouble") double b,
                                           @ForAll("anyDouble") double c, @ForAll("anyDouble") double d,
                                           @ForAll("anyDouble") double e, @ForAll("anyDouble") double f) {
        Record p = switch (which) {
            case 0 -> GradientClippingParams.of(a, b, c, d, e, f);
            case 1 -> new ModelClippingParams(a, b, c, d, null, 0.01, null, null, 0, 20_000L, true, null, 0, 128);
            case 2 -> OutputPerturbationParams.of(a, b, c);
            case 3 -> NewtonParams.theorem34(a, b, c, d, e, f, 0);
            default -> new OutputPerturbationParams(a, b, c, d);
        };
        try {
            CalculationChecks.assertWellFormed(MethodRegistry.calculate(p));
        } catch (IllegalArgumentException ex) {
            assertTrue(ex.getMessage() != null && !ex.getMessage().isBlank());
            String first = ex.getMessage().split("[ ']")[0];
            assertTrue(List.of("epsilon", "delta", "C0", "C1", "C2", "eta", "lambda", "sigma", "Delta", "C", "M",
                    "lambda_min", "T", "r", "eps").contains(first) || ex.getMessage().startsWith("eta * lambda")
                    || ex.getMessage().contains("must"), ex.getMessage());
        }
    }

    @Property(tries = 150)
    void dpSgdWithFixedNoiseNeverLeaksNaN(@ForAll("anyDouble") double eps, @ForAll("anyDouble") double delta,
                                          @ForAll @IntRange(min = -5, max = 200_000) int n,
                                          @ForAll @IntRange(min = -5, max = 2000) int k,
                                          @ForAll @IntRange(min = -5, max = 5000) int batch,
                                          @ForAll @IntRange(min = -1, max = 60) int epochs,
                                          @ForAll("anyDouble") double nm) {
        try {
            CalculationChecks.assertWellFormed(MethodRegistry.calculate(
                    new DpSgdParams(eps, delta, n, k, batch, epochs, 0.5, null, nm, 0.5)));
        } catch (IllegalArgumentException ex) {
            assertTrue(ex.getMessage().contains("must"), ex.getMessage());
        }
    }
}
