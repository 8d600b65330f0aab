package org.unlearning.workbench.app.fx.calculator;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.unlearning.workbench.accounting.method.Calculation;
import org.unlearning.workbench.accounting.registry.MethodRegistry;
import org.unlearning.workbench.engine.unlearn.Presets;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One calculator evaluation = one slider position, curves included, for every method at its
 * preset ({@code mnist-*} and {@code fashion-*}) and for model clipping at ~10⁵ noisy steps
 * (σ = 1, C2 = 4.31: T = 92,398). {@code exact} is the accountant's full plan (what the certificate
 * uses); {@code window} is what the window's FX thread does per slider move
 * ({@link LiveCalculation#immediate}: the exact plan when it is cheap, else the provisional one).
 * Sample mode reports the median (p0.50). Run: see README "Benchmark".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CalculatorBenchmark {
    /** A preset name, or {@code mc-1e5} for model clipping at ~10⁵ steps. */
    @Param({"mnist-gradclip", "mnist-modelclip", "mnist-output-perturbation", "mnist-retrain", "mnist-newton",
            "mnist-dpsgd", "fashion-gradclip", "fashion-modelclip", "fashion-output-perturbation", "fashion-dpsgd",
            "fashion-newton", "mc-1e5"})
    public String setting;

    private Record params;

    @Setup
    public void setUp() throws Exception {
        params = setting.equals("mc-1e5")
                ? MethodRegistry.get("model_clipping").schema().parse(Map.of("sigma", "1", "c2", "4.31"))
                : Presets.load(setting, null).method().params();
    }

    @Benchmark
    public Calculation exact() {
        return MethodRegistry.calculate(params);
    }

    @Benchmark
    public LiveCalculation.Immediate window() {
        return LiveCalculation.immediate(params);
    }
}
