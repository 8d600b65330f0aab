package org.unlearning.workbench.engine.unlearn.modelclip;

import org.unlearning.workbench.accounting.method.Guarantee;
import org.unlearning.workbench.accounting.modelclip.ModelClippingLedger;
import org.unlearning.workbench.accounting.modelclip.ModelClippingMethod;
import org.unlearning.workbench.accounting.modelclip.ModelClippingParams;
import org.unlearning.workbench.accounting.modelclip.ModelClippingVariant;
import org.unlearning.workbench.engine.data.Minibatches;
import org.unlearning.workbench.engine.model.WorkbenchModel;
import org.unlearning.workbench.engine.run.RunPhase;
import org.unlearning.workbench.engine.unlearn.Calibration;
import org.unlearning.workbench.engine.unlearn.MethodEngine;
import org.unlearning.workbench.engine.unlearn.MethodRun;
import org.unlearning.workbench.engine.unlearn.NoisyPhase;
import org.unlearning.workbench.engine.unlearn.RequestOutcome;
import org.unlearning.workbench.engine.unlearn.RunContext;
import org.unlearning.workbench.engine.unlearn.RunStart;
import org.unlearning.workbench.engine.unlearn.UpdateRules;

/**
 * Model clipping (theory.md §5.1): x₀ = Π_{C0}(x̂) + N(0, σ₀²I); then the planned T steps (the first
 * t with the accountant's δ_t ≤ δ) of {@code x ← Π_{C2}(x − η(g + λx)) + ξ} (after projection) or
 * {@code x ← Π_{C2}(x − ηΠ_{C1}(g + λx) + ξ)} (before projection), ξ ~ N(0, σ²I).
 */
public final class ModelClippingEngine implements MethodEngine<ModelClippingParams> {
    private final ModelClippingMethod accountant = new ModelClippingMethod();

    @Override
    public ModelClippingMethod accountant() {
        return accountant;
    }

    @Override
    public Double clipThreshold(ModelClippingParams p) {
        return p.variant() == ModelClippingVariant.BEFORE_PROJECTION ? p.c1() : null;
    }

    @Override
    public MethodRun<ModelClippingLedger> start(RunStart start, ModelClippingParams p) {
        if (p.c0() == null) {
            throw new IllegalArgumentException("method.init_clip (C0) is required for model clipping: the original is "
                    + "clipped to it before the noisy steps");
        }
        return MethodRun.of(start.original(), plan -> accountant.ledger(p, plan.plan()), (ctx, plan, ledger) -> {
            ctx.listener().phaseStarted(RunPhase.INITIAL, 0);
            ctx.rules().ops().project(ctx.params(), p.c0());
            if (p.sigma0() > 0) {
                ctx.rules().addNoise(ctx.params(), p.sigma0());
            }
            ctx.evaluate(RunPhase.INITIAL, ledger.reachedTarget());
            noisyPhase(ctx, p, plan, ledger);
            return RequestOutcome.of(plan, "all " + ledger.steps() + " noisy steps ran with sigma and "
                    + "projection radius C2 until the running ledger's δ_t reached the target");
        });
    }

    private static void noisyPhase(RunContext ctx, ModelClippingParams p, Calibration plan, ModelClippingLedger ledger) {
        int planned = plan.noisySteps();
        ctx.listener().phaseStarted(RunPhase.NOISY, planned);
        Minibatches mb = ctx.retainBatches(p.batchSize(), ctx.seed());
        int evalEvery = NoisyPhase.evaluationInterval(planned);
        boolean before = p.variant() == ModelClippingVariant.BEFORE_PROJECTION;
        double sigma = p.sigma();
        for (int i = 0; i < planned; i++) {
            ctx.checkCancelled();
            int n = mb.next();
            var g = ctx.model().meanGradient(mb.features(), mb.labels());
            double loss = ctx.model().lastLoss();
            double acc = ctx.batchAccuracy(mb.features(), mb.labels());
            UpdateRules.Outcome o = before
                    ? ctx.rules().modelClippingBeforeProjection(ctx.params(), g, p.eta(), p.lambda(), p.c1(), p.c2(), sigma)
                    : ctx.rules().modelClippingAfterProjection(ctx.params(), g, p.eta(), p.lambda(), p.c2(), sigma);
            ledger.recordStep(sigma);
            ctx.stepDone(RunPhase.NOISY, n, loss, acc, o, sigma, ledger.privacyState());
            boolean done = i + 1 == planned;
            if ((i + 1) % evalEvery == 0 || done) {
                Guarantee g2 = ledger.guarantee();
                ctx.evaluate(RunPhase.NOISY, done && g2.certified());
            }
        }
    }
}
