package org.unlearning.workbench.engine.unlearn;

/**
 * The original model to unlearn from: a saved model ({@code path}), or — when no path is given —
 * an original trained here on the whole training part (forget set included) with the paper's base
 * recipe (§10.1: SGD, one-cycle max 0.06, weight decay 5e−4, batch 128) for {@code trainEpochs}.
 *
 * @param path          saved model file (the workbench's model format), or null
 * @param architecture  architecture name for a model trained here (default mlp-5); also checked
 *                      against a loaded model
 * @param trainEpochs   epochs of the base training when no path is given (default 5)
 * @param trainSeed     initialisation and shuffling seed of the base training (default 0)
 */
public record ModelConfig(String path, String architecture, Integer trainEpochs, Long trainSeed) {
    public ModelConfig {
        architecture = architecture == null || architecture.isBlank() ? "mlp-5" : architecture;
        trainEpochs = trainEpochs == null ? 5 : trainEpochs;
        trainSeed = trainSeed == null ? 0L : trainSeed;
        if (trainEpochs < 1 || trainEpochs > 10_000) {
            throw new IllegalArgumentException("model.train_epochs must be in [1, 10000], got " + trainEpochs);
        }
    }
}
