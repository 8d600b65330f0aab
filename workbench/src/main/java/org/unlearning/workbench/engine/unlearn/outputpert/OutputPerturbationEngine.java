package org.unlearning.workbench.engine.unlearn.outputpert;

import org.unlearning.workbench.accounting.outputpert.OutputPerturbationMethod;
import org.unlearning.workbench.accounting.outputpert.OutputPerturbationParams;
import org.unlearning.workbench.engine.model.WorkbenchModel;
import org.unlearning.workbench.engine.run.RunPhase;
import org.unlearning.workbench.engine.unlearn.Calibration;
import org.unlearning.workbench.engine.unlearn.MethodEngine;
import org.unlearning.workbench.engine.unlearn.MethodRun;
import org.unlearning.workbench.engine.unlearn.RequestOutcome;
import org.unlearning.workbench.engine.unlearn.RunContext;
import org.unlearning.workbench.engine.unlearn.RunStart;

/** Output perturbation (theory.md §6): x₀ = Π_{C0}(x̂) + N(0, σ²I), one draw, then fine-tuning. */
public final class OutputPerturbationEngine implements MethodEngine<OutputPerturbationParams> {
    private final OutputPerturbationMethod accountant = new OutputPerturbationMethod();

    @Override
    public OutputPerturbationMethod accountant() {
        return accountant;
    }

    @Override
    public MethodRun<OutputPerturbationMethod.DrawLedger> start(RunStart start, OutputPerturbationParams p) {
        return MethodRun.of(start.original(), plan -> accountant.ledger(p, plan.plan()), (ctx, plan, ledger) -> {
            ctx.listener().phaseStarted(RunPhase.INITIAL, 0);
            ctx.rules().ops().project(ctx.params(), p.c0());
            double sigma = plan.sigma(0);
            ctx.rules().addNoise(ctx.params(), sigma);
            ledger.recordDraw(sigma);
            ctx.evaluate(RunPhase.INITIAL, true);
            return RequestOutcome.of(plan, "the clipped model received one Gaussian draw with the "
                    + "calibrated sigma");
        });
    }
}
