package org.unlearning.workbench.engine.unlearn;

import org.unlearning.workbench.engine.data.Minibatches;
import org.unlearning.workbench.engine.run.RunPhase;

/**
 * Gradient clipping (theory.md §4.1): x₀ = Π_{C0}(x̂); T steps of
 * {@code x ← x − η(Π_{C1}(g) + λx) + N(0, σ_t²I)} on retain-set minibatches (mean gradient),
 * each reported to the running ledger.
 */
final class GradientClippingUnlearner {
    private final MethodConfig m;
    private final Calibration cal;

    GradientClippingUnlearner(MethodConfig m, Calibration cal) {
        this.m = m;
        this.cal = cal;
    }

    void initialClip(RunContext ctx) {
        ctx.rules.ops().project(ctx.params, m.initClip());
    }

    void noisyPhase(RunContext ctx, NoisyPhaseLedger ledger, long seed) {
        int t = cal.noisySteps();
        ctx.listener.phaseStarted(RunPhase.NOISY, t);
        Minibatches mb = ctx.retainBatches(m.batchSize(), seed);
        int evalEvery = NoisyPhase.evaluationInterval(t);
        double eta = m.learningRate();
        double lambda = m.weightDecay();
        for (int i = 0; i < t; i++) {
            ctx.checkCancelled();
            int n = mb.next();
            var g = ctx.model.meanGradient(mb.features(), mb.labels());
            double loss = ctx.model.lastLoss();
            double acc = ctx.batchAccuracy(mb.features(), mb.labels());
            double sigma = cal.sigma(i);
            UpdateRules.Outcome o = ctx.rules.gradientClipping(ctx.params, g, eta, lambda, m.gradClip(), sigma);
            ledger.recordStep(eta, lambda, sigma);
            ctx.stepDone(RunPhase.NOISY, n, loss, acc, o, sigma, ledger);
            if ((i + 1) % evalEvery == 0 || i + 1 == t) {
                ctx.evaluate(RunPhase.NOISY, i + 1 == t);
            }
        }
    }
}
