package org.unlearning.workbench.engine.unlearn.gradclip;

import org.unlearning.workbench.accounting.gradclip.GradientClippingLedger;
import org.unlearning.workbench.accounting.gradclip.GradientClippingMethod;
import org.unlearning.workbench.accounting.gradclip.GradientClippingParams;
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
 * Gradient clipping (theory.md §4.1): x₀ = Π_{C0}(x̂); T steps of
 * {@code x ← x − η(Π_{C1}(g) + λx) + N(0, σ_t²I)} on retain-set minibatches (mean gradient),
 * each reported to the running ledger.
 */
public final class GradientClippingEngine implements MethodEngine<GradientClippingParams> {
    private final GradientClippingMethod accountant = new GradientClippingMethod();

    @Override
    public GradientClippingMethod accountant() {
        return accountant;
    }

    @Override
    public Double clipThreshold(GradientClippingParams p) {
        return p.c1();
    }

    @Override
    public MethodRun<GradientClippingLedger> start(RunStart start, GradientClippingParams p) {
        return MethodRun.of(start.original(), plan -> accountant.ledger(p, plan.plan()), (ctx, plan, ledger) -> {
            ctx.listener().phaseStarted(RunPhase.INITIAL, 0);
            ctx.rules().ops().project(ctx.params(), p.c0());
            ctx.evaluate(RunPhase.INITIAL, false);
            noisyPhase(ctx, p, plan, ledger);
            return RequestOutcome.of(plan, "all " + ledger.steps() + " calibrated noisy steps ran with the "
                    + "calibrated sigma, gradient clip C1 and initial clip C0; (ε, δ) from the running PABI ledger");
        });
    }

    private static void noisyPhase(RunContext ctx, GradientClippingParams p, Calibration plan,
                                   GradientClippingLedger ledger) {
        int t = plan.noisySteps();
        ctx.listener().phaseStarted(RunPhase.NOISY, t);
        Minibatches mb = ctx.retainBatches(p.batchSize(), ctx.seed());
        int evalEvery = NoisyPhase.evaluationInterval(t);
        for (int i = 0; i < t; i++) {
            ctx.checkCancelled();
            int n = mb.next();
            var g = ctx.model().meanGradient(mb.features(), mb.labels());
            double loss = ctx.model().lastLoss();
            double acc = ctx.batchAccuracy(mb.features(), mb.labels());
            double sigma = plan.sigma(i);
            UpdateRules.Outcome o = ctx.rules().gradientClipping(ctx.params(), g, p.eta(), p.lambda(), p.c1(), sigma);
            ledger.recordStep(p.eta(), p.lambda(), sigma);
            ctx.stepDone(RunPhase.NOISY, n, loss, acc, o, sigma, ledger.privacyState());
            if ((i + 1) % evalEvery == 0 || i + 1 == t) {
                ctx.evaluate(RunPhase.NOISY, i + 1 == t);
            }
        }
    }
}
