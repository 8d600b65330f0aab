package org.unlearning.workbench.engine.run;

import org.unlearning.workbench.engine.model.ModelMetadata;
import org.unlearning.workbench.engine.model.ModelSpec;
import org.unlearning.workbench.engine.model.WorkbenchModel;
import org.unlearning.workbench.engine.train.LearningRateSchedule;
import org.unlearning.workbench.engine.train.Trainer;
import org.unlearning.workbench.engine.train.TrainingConfig;
import org.unlearning.workbench.engine.train.TrainingListener;
import org.unlearning.workbench.engine.train.TrainingResult;
import org.unlearning.workbench.engine.unlearn.ModelFiles;
import org.unlearning.workbench.engine.unlearn.FineTuneConfig;
import org.unlearning.workbench.engine.unlearn.NoiselessFineTune;
import org.unlearning.workbench.engine.unlearn.RunContext;

import java.util.Map;

/**
 * Retraining from scratch on a request's retain set (theory.md §7): a fresh initialisation of the
 * same architecture trained on the retain set only — exact unlearning, and the reference for compute
 * savings. The recipe is the run's fine-tune section, or the original's own training recipe as its
 * model.json records it ({@code retrain_recipe: original}).
 */
final class RetrainBaseline {
    private RetrainBaseline() {}

    /** Trains {@code ctx.model()} (a fresh model) with the fine-tune recipe, evaluating as it goes. */
    static void fineTuneRecipe(RunContext ctx, FineTuneConfig recipe, long seed) {
        ctx.evaluate(RunPhase.RETRAIN, true);
        new NoiselessFineTune(recipe).run(ctx, RunPhase.RETRAIN, seed);
    }

    /** The fresh model of a retraining: the original's initialisation seed when it is known. */
    static WorkbenchModel fresh(ModelSpec spec, long seed, ModelMetadata md, boolean originalRecipe) {
        long init = originalRecipe && md != null && md.initSeed() != null ? md.initSeed() : seed;
        return WorkbenchModel.create(spec, init);
    }

    /** Trains {@code ctx.model()} with the original's recipe (epochs, batch, rate, schedule, decay, projection, seed). */
    static void originalRecipe(RunContext ctx, ModelMetadata md) {
        Map<String, Object> hp = md == null || md.hyperparameters() == null ? Map.of() : md.hyperparameters();
        if (hp.get("epochs") == null || hp.get("learning_rate") == null || hp.get("batch_size") == null) {
            throw new IllegalArgumentException("the original's model.json lacks its training recipe (epochs, batch_size, "
                    + "learning_rate), so retrain_recipe: original cannot be reproduced; use fine_tune");
        }
        Object schedule = hp.get("schedule");
        TrainingConfig tc = new TrainingConfig((int) ModelFiles.hyperparameter(hp, "epochs", 1),
                (int) ModelFiles.hyperparameter(hp, "batch_size", 1),
                ModelFiles.hyperparameter(hp, "learning_rate", 0.1),
                LearningRateSchedule.fromName(schedule == null ? "constant" : schedule.toString()),
                ModelFiles.hyperparameter(hp, "momentum", 0), ModelFiles.hyperparameter(hp, "weight_decay", 0),
                ModelFiles.hyperparameter(hp, "projection_radius", Double.POSITIVE_INFINITY),
                (long) ModelFiles.hyperparameter(hp, "seed", 0));
        ctx.listener().phaseStarted(RunPhase.RETRAIN, 0);
        TrainingListener progress = new TrainingListener() {
            @Override
            public void onStep(long step, long total, double loss) {
                if (step % 50 == 0) {
                    ctx.progress("retraining", (double) step / total);
                }
            }
        };
        TrainingResult r = new Trainer(tc).train(ctx.model(), ctx.train(), ctx.retain(), null, progress,
                ctx.cancel()::isCancelled);
        if (r.cancelled()) {
            throw new RunCancelledException(ctx.step());
        }
        ctx.addExamples(r.steps() == 0 ? 0 : (long) r.history().size() * ctx.retainSize());
        ctx.evaluate(RunPhase.RETRAIN, true);
    }
}
