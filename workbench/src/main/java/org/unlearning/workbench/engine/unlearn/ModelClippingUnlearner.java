package org.unlearning.workbench.engine.unlearn;

import org.unlearning.workbench.engine.data.Minibatches;
import org.unlearning.workbench.engine.run.RunPhase;

/**
 * Model clipping (theory.md §5.1): x₀ = Π_{C0}(x̂) + N(0, σ₀²I); then, until the running
 * accountant's δ_t ≤ δ, {@code x ← Π_{C2}(x − η(g + λx)) + ξ} (after projection) or
 * {@code x ← Π_{C2}(x − ηΠ_{C1}(g + λx) + ξ)} (before projection), ξ ~ N(0, σ²I).
 */
final class ModelClippingUnlearner {
    private final MethodConfig m;
    private final Calibration cal;

    ModelClippingUnlearner(MethodConfig m, Calibration cal) {
        this.m = m;
        this.cal = cal;
    }

    void initialClip(RunContext ctx) {
        ctx.rules.ops().project(ctx.params, m.initClip());
        if (m.initSigma() > 0) {
            ctx.rules.addNoise(ctx.params, m.initSigma());
        }
    }

    void noisyPhase(RunContext ctx, ModelClippingPhaseLedger ledger, long seed) {
        int planned = cal.noisySteps();
        ctx.listener.phaseStarted(RunPhase.NOISY, planned);
        Minibatches mb = ctx.retainBatches(m.batchSize(), seed);
        int evalEvery = NoisyPhase.evaluationInterval(planned);
        boolean before = m.variant().equals("before_projection");
        double sigma = m.sigma();
        int i = 0;
        // The stopping rule is the ledger's; the calibrated T must agree (checked by the run).
        while (!ledger.reachedTarget() && i < Calibrator.MAX_NOISY_STEPS) {
            ctx.checkCancelled();
            int n = mb.next();
            var g = ctx.model.meanGradient(mb.features(), mb.labels());
            double loss = ctx.model.lastLoss();
            double acc = ctx.batchAccuracy(mb.features(), mb.labels());
            UpdateRules.Outcome o = before
                    ? ctx.rules.modelClippingBeforeProjection(ctx.params, g, m.learningRate(), m.weightDecay(),
                            m.gradClip(), m.modelClip(), sigma)
                    : ctx.rules.modelClippingAfterProjection(ctx.params, g, m.learningRate(), m.weightDecay(),
                            m.modelClip(), sigma);
            ledger.recordStep(m.learningRate(), m.weightDecay(), sigma);
            ctx.stepDone(RunPhase.NOISY, n, loss, acc, o, sigma, ledger);
            i++;
            if (i % evalEvery == 0 || ledger.reachedTarget()) {
                ctx.evaluate(RunPhase.NOISY, ledger.reachedTarget());
            }
        }
    }
}
