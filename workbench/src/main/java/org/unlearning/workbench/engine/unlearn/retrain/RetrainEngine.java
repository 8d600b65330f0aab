package org.unlearning.workbench.engine.unlearn.retrain;

import org.unlearning.workbench.accounting.method.Ledger;
import org.unlearning.workbench.accounting.retrain.RetrainMethod;
import org.unlearning.workbench.accounting.retrain.RetrainParams;
import org.unlearning.workbench.engine.model.WorkbenchModel;
import org.unlearning.workbench.engine.run.RunPhase;
import org.unlearning.workbench.engine.unlearn.Calibration;
import org.unlearning.workbench.engine.unlearn.MethodEngine;
import org.unlearning.workbench.engine.unlearn.MethodRun;
import org.unlearning.workbench.engine.unlearn.RequestOutcome;
import org.unlearning.workbench.engine.unlearn.RunContext;
import org.unlearning.workbench.engine.unlearn.RunStart;

/**
 * Retraining from scratch (theory.md §7): a fresh initialisation of the same architecture, then the
 * pipeline's noise-free training on the retain set only — exact unlearning (ε = δ = 0).
 */
public final class RetrainEngine implements MethodEngine<RetrainParams> {
    private final RetrainMethod accountant = new RetrainMethod();

    @Override
    public RetrainMethod accountant() {
        return accountant;
    }

    @Override
    public MethodRun<Ledger> start(RunStart start, RetrainParams p) {
        return MethodRun.of(start.original(), plan -> Ledger.exact(), (ctx, plan, ledger) -> {
            ctx.model().setParams(WorkbenchModel.create(ctx.model().spec(), ctx.seed()).params());
            ctx.evaluate(RunPhase.INITIAL, true);
            return RequestOutcome.of(plan, "the model was trained from a fresh initialisation "
                    + "on the retain set only").withFineTunePhase(RunPhase.RETRAIN);
        });
    }
}
