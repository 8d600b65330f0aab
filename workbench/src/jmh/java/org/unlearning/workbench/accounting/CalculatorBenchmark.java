package org.unlearning.workbench.accounting;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.unlearning.workbench.accounting.calculator.Calculation;
import org.unlearning.workbench.accounting.calculator.DpSgdParams;
import org.unlearning.workbench.accounting.calculator.GradientClippingParams;
import org.unlearning.workbench.accounting.calculator.ModelClippingParams;
import org.unlearning.workbench.accounting.calculator.NewtonParams;
import org.unlearning.workbench.accounting.calculator.OutputPerturbationParams;
import org.unlearning.workbench.accounting.calculator.UnlearningCalculator;

import java.util.concurrent.TimeUnit;

/**
 * One calculator evaluation per method = one slider position, curves included. Sample mode gives
 * the median (p0.50). Model clipping: the paper's CIFAR setting (T = 9) and a setting needing
 * ~10⁵ noisy steps; DP-SGD: the full noise-multiplier search and a fixed-noise evaluation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CalculatorBenchmark {
    private final GradientClippingParams gc = GradientClippingParams.of(1, 1e-5, 20, 10, 0.01, 50);
    private final GradientClippingParams gcLong = GradientClippingParams.of(1, 1e-5, 20, 0.1, 0.001, 0);
    private final ModelClippingParams mc = ModelClippingParams.of(1, 1e-5, 0.5, 0.625);
    private final ModelClippingParams mcLong = new ModelClippingParams(1, 1e-5, 1, 4.31, null, null, null, null, null,
            1_000_000L, null, null);
    private final OutputPerturbationParams op = OutputPerturbationParams.of(1, 1e-5, 1);
    private final NewtonParams newton = new NewtonParams(1, 1e-5, null, 20.0, 1.0, 0.01, 0.5, null, null);
    private final DpSgdParams dpSearch = new DpSgdParams(50, 1e-5, 45000, 225, 128, 50, 0.5, null, null);
    private final DpSgdParams dpFixed = new DpSgdParams(50, 1e-5, 45000, 225, 128, 50, 0.5, null, 18.034);

    @Benchmark
    public Calculation gradientClipping() {
        return UnlearningCalculator.calculate(gc);
    }

    @Benchmark
    public Calculation gradientClippingLongRun() {
        return UnlearningCalculator.calculate(gcLong);
    }

    @Benchmark
    public Calculation modelClipping() {
        return UnlearningCalculator.calculate(mc);
    }

    @Benchmark
    public Calculation modelClipping1e5Steps() {
        return UnlearningCalculator.calculate(mcLong);
    }

    @Benchmark
    public Calculation outputPerturbation() {
        return UnlearningCalculator.calculate(op);
    }

    @Benchmark
    public Calculation newton() {
        return UnlearningCalculator.calculate(newton);
    }

    @Benchmark
    public Calculation dpSgdFixedNoise() {
        return UnlearningCalculator.calculate(dpFixed);
    }

    @Benchmark
    public Calculation dpSgdNoiseSearch() {
        return UnlearningCalculator.calculate(dpSearch);
    }
}
