package org.unlearning.workbench.engine.train;

/**
 * Hyper-parameters of plain SGD training on the flat parameter vector.
 *
 * @param epochs           passes over the training set (≥ 1)
 * @param batchSize        minibatch size (≥ 1)
 * @param learningRate     base (constant, cosine) or peak (one-cycle) rate, &gt; 0
 * @param schedule         learning-rate schedule
 * @param momentum         heavy-ball momentum in [0, 1) (0 = plain SGD)
 * @param weightDecay      λ ≥ 0; λ·x is added to the gradient
 * @param projectionRadius C &gt; 0: after every step x is projected onto ‖x‖ ≤ C;
 *                         {@code Double.POSITIVE_INFINITY} = no projection
 * @param seed             seed of the minibatch order
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, LearningRateSchedule schedule,
                             double momentum, double weightDecay, double projectionRadius, long seed) {

    public TrainingConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be ≥ 0, got " + weightDecay);
        }
        if (!(projectionRadius > 0)) {
            throw new IllegalArgumentException("projection radius must be > 0 (or infinite for none), got " + projectionRadius);
        }
        if (schedule == null) {
            throw new IllegalArgumentException("learning-rate schedule missing");
        }
    }

    /** Plain SGD, constant rate, no momentum / decay / projection. */
    public static TrainingConfig sgd(int epochs, int batchSize, double learningRate, long seed) {
        return new TrainingConfig(epochs, batchSize, learningRate, LearningRateSchedule.CONSTANT, 0, 0,
                Double.POSITIVE_INFINITY, seed);
    }

    public boolean projects() { return Double.isFinite(projectionRadius); }

    public TrainingConfig withEpochs(int e) {
        return new TrainingConfig(e, batchSize, learningRate, schedule, momentum, weightDecay, projectionRadius, seed);
    }

    public TrainingConfig withSchedule(LearningRateSchedule s) {
        return new TrainingConfig(epochs, batchSize, learningRate, s, momentum, weightDecay, projectionRadius, seed);
    }

    public TrainingConfig withWeightDecay(double wd) {
        return new TrainingConfig(epochs, batchSize, learningRate, schedule, momentum, wd, projectionRadius, seed);
    }

    public TrainingConfig withMomentum(double m) {
        return new TrainingConfig(epochs, batchSize, learningRate, schedule, m, weightDecay, projectionRadius, seed);
    }

    public TrainingConfig withProjectionRadius(double c) {
        return new TrainingConfig(epochs, batchSize, learningRate, schedule, momentum, weightDecay, c, seed);
    }
}
