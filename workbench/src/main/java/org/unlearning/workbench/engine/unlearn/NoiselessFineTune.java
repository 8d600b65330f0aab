package org.unlearning.workbench.engine.unlearn;

import org.unlearning.workbench.engine.data.Minibatches;
import org.unlearning.workbench.engine.run.EvaluationMetrics;
import org.unlearning.workbench.engine.run.RunPhase;

/**
 * Noise-free SGD on the retain set (post-processing, §1; §4.1 note iv): its own learning rate and
 * schedule, weight decay as gradient λx, budget in epochs or "until test accuracy A". Without an
 * evaluator (training an original) it evaluates nothing. Also the training recipe of the retrain
 * baseline and of the retrain method. Evaluates {@code evaluationsPerEpoch} times per epoch.
 */
public final class NoiselessFineTune {
    private final FineTuneConfig cfg;

    public NoiselessFineTune(FineTuneConfig cfg) {
        this.cfg = cfg;
    }

    /** Planned steps for a retain set of {@code retainSize} examples. */
    public int plannedSteps(int retainSize) {
        return cfg.epochs() * ((retainSize + cfg.batchSize() - 1) / cfg.batchSize());
    }

    /** Runs the phase; returns true if it stopped early on reaching the target test accuracy. */
    public boolean run(RunContext ctx, RunPhase phase, long seed) {
        if (cfg.epochs() == 0) {
            return false;
        }
        Minibatches mb = ctx.retainBatches(cfg.batchSize(), seed);
        int perEpoch = mb.batchesPerEpoch();
        int total = cfg.epochs() * perEpoch;
        ctx.listener().phaseStarted(phase, total);
        int evalEvery = Math.max(1, perEpoch / ctx.evaluationsPerEpoch());
        for (int k = 0; k < total; k++) {
            ctx.checkCancelled();
            int n = mb.next();
            var g = ctx.model().meanGradient(mb.features(), mb.labels());
            double loss = ctx.model().lastLoss();
            double acc = ctx.batchAccuracy(mb.features(), mb.labels());
            UpdateRules.Outcome o = ctx.rules().plainSgd(ctx.params(), g, cfg.learningRateAt(k, total), cfg.weightDecay());
            ctx.stepDone(phase, n, loss, acc, o, 0.0, null);
            int pos = (k + 1) % perEpoch; // 0 at the end of an epoch
            if (ctx.evaluates() && (pos == 0 || (pos % evalEvery == 0 && perEpoch - pos >= evalEvery))) {
                EvaluationMetrics e = ctx.evaluate(phase, true);
                if (cfg.untilTestAccuracy() != null && e.testAccuracy() >= cfg.untilTestAccuracy()) {
                    ctx.listener().message(String.format("%s: test accuracy %.2f%% reached the target %.2f%% after %d steps",
                            phase.id(), 100 * e.testAccuracy(), 100 * cfg.untilTestAccuracy(), k + 1));
                    return true;
                }
            }
        }
        return false;
    }
}
