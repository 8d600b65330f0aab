package org.unlearning.workbench.engine.unlearn;

import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.model.ModelSpec;
import org.unlearning.workbench.engine.model.WorkbenchModel;
import org.unlearning.workbench.engine.run.CancelToken;
import org.unlearning.workbench.engine.run.RunListener;
import org.unlearning.workbench.engine.run.RunPhase;

/**
 * Trains an original model on the whole training part (forget set included) with the paper's base
 * recipe (§10.1: plain SGD, one-cycle max 0.06, weight decay 5e−4, batch 128), when a config names
 * no saved model.
 */
public final class OriginalTraining {
    private OriginalTraining() {}

    public static WorkbenchModel train(ModelSpec spec, Dataset train, int epochs, long seed, CancelToken cancel) {
        return train(spec, train, train.allIndices(), epochs, seed, cancel);
    }

    /** The same recipe on the examples {@code indices} of {@code train} only (e.g. an audit world, §15.1). */
    public static WorkbenchModel train(ModelSpec spec, Dataset train, int[] indices, int epochs, long seed,
                                       CancelToken cancel) {
        WorkbenchModel model = WorkbenchModel.create(spec, seed);
        FineTuneConfig recipe = new FineTuneConfig(epochs, 0.06, "one_cycle", 5e-4, 128, null);
        try (NoiseSource unused = NoiseSource.seeded(seed)) {
            RunContext ctx = new RunContext(model, unused, train, indices, new int[0], RunListener.NONE,
                    cancel, null, 1, seed, 1, 0, 0);
            new NoiselessFineTune(recipe).run(ctx, RunPhase.FINE_TUNE, seed + 17);
        }
        return model;
    }
}
