package org.unlearning.workbench.app.fx.calculator;

import org.unlearning.workbench.accounting.method.Calculation;
import org.unlearning.workbench.accounting.modelclip.ModelClippingMethod;
import org.unlearning.workbench.accounting.modelclip.ModelClippingParams;
import org.unlearning.workbench.accounting.registry.MethodRegistry;

/**
 * What the calculator can answer at once on the FX thread (no JavaFX here, so it is benchmarked
 * as is): the accountant's exact plan when it is cheap, otherwise a provisional answer —
 * model clipping's estimated recursion ({@link ModelClippingMethod#provisionalPlan}), or nothing
 * for DP-SGD, whose noise-multiplier search takes 0.1–1 s — while {@link #exact} runs off the FX
 * thread. The certificate never sees a provisional plan: runs plan with the exact accountant.
 */
final class LiveCalculation {
    /**
     * Exact model-clipping plans up to this many evaluations of γ (≈ 0.3 µs each) are computed
     * at once; longer ones (T in the thousands, or the ε(δ) curve at T ≤ 2,000) go off the FX thread.
     */
    static final long CHEAP_EVALUATIONS = 1_500;

    private static final ModelClippingMethod MODEL_CLIPPING = (ModelClippingMethod) MethodRegistry.get("model_clipping");

    private LiveCalculation() {}

    /**
     * The answer at once.
     *
     * @param calculation the plan to show (null: nothing yet — keep the previous one, marked as computing)
     * @param provisional true when {@link #exact} must still run and replace it
     */
    record Immediate(Calculation calculation, boolean provisional) {}

    /** The FX thread's answer for these parameters (the accountant's exceptions pass through). */
    static Immediate immediate(Record params) {
        if (params instanceof ModelClippingParams mc) {
            Calculation estimate = MODEL_CLIPPING.provisionalPlan(mc);
            if (ModelClippingMethod.exactCost(estimate) <= CHEAP_EVALUATIONS) {
                return new Immediate(MethodRegistry.calculate(params), false);
            }
            return new Immediate(estimate, true);
        }
        if (slow(params)) {
            return new Immediate(null, true);
        }
        return new Immediate(MethodRegistry.calculate(params), false);
    }

    /** The exact plan (what {@code MethodRegistry.calculate} returns; may take long, see the class comment). */
    static Calculation exact(Record params) {
        return MethodRegistry.calculate(params);
    }

    /** DP-SGD: the RDP noise-multiplier search and conversion take 0.1–1 s (measured: CalculatorBenchmark). */
    private static boolean slow(Record params) {
        return MethodRegistry.of(params).key().equals("dp_sgd");
    }
}
