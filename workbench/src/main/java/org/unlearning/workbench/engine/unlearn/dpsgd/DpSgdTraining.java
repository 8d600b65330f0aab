package org.unlearning.workbench.engine.unlearn.dpsgd;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.unlearning.workbench.accounting.dpsgd.DpSgdLedger;
import org.unlearning.workbench.accounting.dpsgd.DpSgdParams;
import org.unlearning.workbench.engine.run.RunPhase;
import org.unlearning.workbench.engine.unlearn.ParameterOps;
import org.unlearning.workbench.engine.unlearn.RunContext;
import org.unlearning.workbench.engine.unlearn.UpdateRules;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * DP-SGD training of the original on the whole training set (theory.md §8, A-4): S = epochs·⌈n/B⌉
 * steps; at each, every example is sampled independently with probability q = B/n (Poisson sampling,
 * the accountant's assumption, so batches vary in size), its gradient is clipped to C, the clipped
 * gradients are summed, N(0, (Cσ)²I) is added to the sum, and the model takes the SGD step
 * x ← x − η·(noisy sum)/B with the expected batch size B. Every step is reported to the ledger.
 */
final class DpSgdTraining {
    private DpSgdTraining() {}

    static void train(RunContext ctx, DpSgdParams p, DpSgdLedger ledger) {
        int n = ctx.retainSize();   // the context's "retain" indices are the whole training set here
        int[] all = ctx.retain();
        double q = p.samplingRate();
        long steps = p.steps();
        double nm = ledger.noiseMultiplier();
        double std = ledger.noiseStd();
        PerExampleGradients grads = PerExampleGradients.of(ctx.model());
        INDArray sum = Nd4j.create(ctx.model().dataType(), ctx.model().numParams());
        INDArray scratch = Nd4j.create(ctx.model().dataType(), ctx.model().numParams());
        SplittableRandom sampler = ctx.noise().isSecure() ? new SplittableRandom(new SecureRandom().nextLong())
                : new SplittableRandom(ctx.seed() ^ 0x9E3779B97F4A7C15L);
        ctx.listener().phaseStarted(RunPhase.NOISY, (int) Math.min(Integer.MAX_VALUE, steps));
        ParameterOps ops = ctx.rules().ops();
        int[] picked = new int[n];
        for (long s = 0; s < steps; s++) {
            ctx.checkCancelled();
            int b = 0;
            for (int i = 0; i < n; i++) {
                if (sampler.nextDouble() < q) {
                    picked[b++] = all[i];
                }
            }
            PerExampleGradients.Batch batch;
            if (b == 0) {
                sum.assign(0);
                batch = new PerExampleGradients.Batch(new double[0], Double.NaN, Double.NaN);
            } else {
                int[] idx = java.util.Arrays.copyOf(picked, b);
                batch = grads.clippedSum(ctx.train().features(idx, ctx.model().dataType()),
                        ctx.train().oneHotLabels(idx, ctx.model().dataType()), p.clipNorm(), sum);
            }
            double gNorm = ops.norm(sum);
            ctx.noise().addNoise(sum, scratch, std);   // N(0, (C σ)² I) on the sum
            ParameterOps.axpy(-p.learningRate() / p.batchSize(), sum, ctx.params());
            ledger.recordStep(q, nm);
            double maxNorm = 0;
            for (double v : batch.norms()) {
                maxNorm = Math.max(maxNorm, v);
            }
            double clipped = maxNorm == 0 ? 1 : Math.min(1, p.clipNorm() / maxNorm);
            ctx.stepDone(RunPhase.NOISY, b, batch.meanLoss(), batch.accuracy(),
                    new UpdateRules.Outcome(gNorm, clipped), std, ledger.privacyState());
        }
    }
}
