package org.unlearning.workbench.engine.unlearn;

import org.unlearning.workbench.engine.model.ModelSpec;
import org.unlearning.workbench.engine.model.WorkbenchModel;
import org.unlearning.workbench.engine.run.RunPhase;

/**
 * Retraining from scratch (theory.md §7): a fresh initialisation of the same architecture trained
 * on the retain set only with the fine-tune recipe and budget — exact unlearning (ε = δ = 0), and
 * the reference for compute savings.
 */
final class RetrainBaseline {
    private final FineTuneConfig recipe;

    RetrainBaseline(FineTuneConfig recipe) {
        this.recipe = recipe;
    }

    static WorkbenchModel freshModel(ModelSpec spec, long seed) {
        return WorkbenchModel.create(spec, seed);
    }

    void run(RunContext ctx, long seed) {
        ctx.evaluate(RunPhase.RETRAIN, true);
        new NoiselessFineTune(recipe).run(ctx, RunPhase.RETRAIN, seed);
    }
}
