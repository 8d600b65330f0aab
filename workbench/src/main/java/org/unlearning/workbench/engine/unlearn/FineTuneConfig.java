package org.unlearning.workbench.engine.unlearn;

/**
 * Noise-free fine-tuning on the retain set after the noisy phase (post-processing, §1), and the
 * training recipe of the retrain baseline (§7): plain SGD with decoupled-free L2 penalty
 * {@code ½·λ‖x‖²} (gradient {@code λx}), constant or one-cycle learning rate.
 *
 * @param epochs             budget in epochs of the retain set (0 = no fine-tuning)
 * @param learningRate       constant rate, or the peak of the one-cycle schedule
 * @param schedule           constant | one_cycle (cosine one-cycle: warm-up 30 % from lr/25, end lr/25e4)
 * @param weightDecay        λ of the fine-tune phase
 * @param batchSize          minibatch size
 * @param untilTestAccuracy  stop at the first evaluation point reaching this test accuracy (null = full budget)
 */
public record FineTuneConfig(Integer epochs, Double learningRate, String schedule, Double weightDecay,
                             Integer batchSize, Double untilTestAccuracy) {
    public FineTuneConfig {
        epochs = epochs == null ? 0 : epochs;
        learningRate = learningRate == null ? 0.1 : learningRate;
        schedule = schedule == null ? "one_cycle" : schedule;
        weightDecay = weightDecay == null ? 5e-4 : weightDecay;
        batchSize = batchSize == null ? 128 : batchSize;
        if (epochs < 0 || epochs > 10_000) {
            throw new IllegalArgumentException("fine_tune.epochs must be in [0, 10000], got " + epochs);
        }
        if (!(learningRate > 0 && learningRate <= 1e3)) {
            throw new IllegalArgumentException("fine_tune.learning_rate must be in (0, 1000], got " + learningRate);
        }
        if (!(weightDecay >= 0 && weightDecay <= 1e6)) {
            throw new IllegalArgumentException("fine_tune.weight_decay must be in [0, 1000000], got " + weightDecay);
        }
        if (batchSize < 1 || batchSize > 1_000_000) {
            throw new IllegalArgumentException("fine_tune.batch_size must be in [1, 1000000], got " + batchSize);
        }
        if (untilTestAccuracy != null && !(untilTestAccuracy > 0 && untilTestAccuracy <= 1)) {
            throw new IllegalArgumentException("fine_tune.until_test_accuracy must be in (0, 1], got " + untilTestAccuracy);
        }
        if (!schedule.equals("constant") && !schedule.equals("one_cycle")) {
            throw new IllegalArgumentException("fine_tune.schedule must be constant or one_cycle, got '" + schedule + "'");
        }
    }

    public static FineTuneConfig none() {
        return new FineTuneConfig(0, null, null, null, null, null);
    }

    /** Learning rate of step {@code k} of {@code total} (optax cosine_onecycle_schedule shape). */
    public double learningRateAt(long k, long total) {
        if (schedule.equals("constant") || total <= 1) {
            return learningRate;
        }
        double pct = 0.3;
        double init = learningRate / 25.0;
        double fin = init / 1e4;
        double warm = pct * total;
        if (k < warm) {
            return init + (learningRate - init) * 0.5 * (1 - Math.cos(Math.PI * k / warm));
        }
        double p = (k - warm) / Math.max(1.0, total - warm);
        return fin + (learningRate - fin) * 0.5 * (1 + Math.cos(Math.PI * Math.min(1.0, p)));
    }
}
