package org.unlearning.workbench.engine.unlearn.dpsgd;

import org.unlearning.workbench.accounting.dpsgd.DpSgdLedger;
import org.unlearning.workbench.accounting.dpsgd.DpSgdMethod;
import org.unlearning.workbench.accounting.dpsgd.DpSgdParams;
import org.unlearning.workbench.engine.model.WorkbenchModel;
import org.unlearning.workbench.engine.run.RunPhase;
import org.unlearning.workbench.engine.unlearn.Calibration;
import org.unlearning.workbench.engine.unlearn.MethodEngine;
import org.unlearning.workbench.engine.unlearn.MethodRun;
import org.unlearning.workbench.engine.unlearn.RequestOutcome;
import org.unlearning.workbench.engine.unlearn.RunContext;
import org.unlearning.workbench.engine.unlearn.RunStart;

import java.util.List;
import java.util.Map;

/**
 * DP-SGD with group privacy (theory.md §8) in the run pipeline: the method trains its own original
 * with DP-SGD at the per-example budget (ε/k, δ₁), with the noise multiplier the accountant calibrated
 * for the run's n and k; unlearning is the identity (the original already protects every group of k
 * points), then the pipeline fine-tunes on the retain set (post-processing) and certifies the group
 * guarantee (kε₁, δ) from the training's ledger.
 */
public final class DpSgdEngine implements MethodEngine<DpSgdParams> {
    private final DpSgdMethod accountant = new DpSgdMethod();

    @Override
    public DpSgdMethod accountant() {
        return accountant;
    }

    @Override
    public boolean trainsOriginal() {
        return true;
    }

    @Override
    public Double clipThreshold(DpSgdParams p) {
        return p.clipNorm();
    }

    @Override
    public MethodRun<DpSgdLedger> start(RunStart start, DpSgdParams p) {
        DpSgdLedger ledger = accountant.ledger(p, start.plan().plan());
        WorkbenchModel model = WorkbenchModel.create(start.spec(), start.seed());
        int[] all = start.train().allIndices();
        RunContext ctx = new RunContext(model, start.noise(), start.train(), all, new int[0], start.listener(),
                start.cancel(), null, 1, start.seed(), 0, 0, 0);
        start.listener().message(String.format("training the original %s with DP-SGD on all %d examples: %d steps, "
                        + "q = %.4g, noise multiplier %.6g, clip C = %s", start.spec().architecture().cliName(),
                all.length, p.steps(), p.samplingRate(), ledger.noiseMultiplier(), p.clipNorm()));
        DpSgdTraining.train(ctx, p, ledger);
        int steps = ctx.step();
        return new MethodRun<>() {
            @Override
            public WorkbenchModel original() {
                return model;
            }

            @Override
            public int stepsBefore() {
                return steps;
            }

            @Override
            public DpSgdLedger ledger(Calibration plan) {
                return ledger;
            }

            @Override
            public RequestOutcome unlearn(RunContext c, Calibration plan, DpSgdLedger l) {
                c.evaluate(RunPhase.INITIAL, true);   // the DP-SGD-trained model already carries the guarantee
                return new RequestOutcome(plan, true, List.of(), "the original was trained with DP-SGD for all "
                        + l.steps() + " calibrated steps (Poisson sampling with q = B/n, per-example clip C, noise "
                        + "multiplier " + l.noiseMultiplier() + "); unlearning is the identity; (kε₁, δ) from the "
                        + "running RDP ledger and group privacy over the k forgotten points", RunPhase.FINE_TUNE,
                        Map.of(), Map.of(), List.of("the DP-SGD training sampled every example independently with "
                        + "probability q (Poisson sampling, A-4), clipped each example's gradient to C and added "
                        + "N(0, (C·noise multiplier)²) to their sum"), Map.of(), null);
            }
        };
    }
}
