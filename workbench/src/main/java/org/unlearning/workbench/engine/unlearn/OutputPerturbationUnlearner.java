package org.unlearning.workbench.engine.unlearn;

/** Output perturbation (theory.md §6): x₀ = Π_{C0}(x̂) + N(0, σ²I), one draw, then fine-tuning. */
final class OutputPerturbationUnlearner {
    private final MethodConfig m;
    private final Calibration cal;

    OutputPerturbationUnlearner(MethodConfig m, Calibration cal) {
        this.m = m;
        this.cal = cal;
    }

    /** Clips and draws; returns the σ used. */
    double perturb(RunContext ctx) {
        ctx.rules.ops().project(ctx.params, m.initClip());
        double sigma = cal.sigma(0);
        ctx.rules.addNoise(ctx.params, sigma);
        return sigma;
    }
}
