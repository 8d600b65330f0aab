package org.unlearning.workbench.engine.train;

/**
 * Metrics after one epoch (1-based): full-pass accuracy and mean loss on the training and test
 * data, the learning rate of the epoch's last step, the parameter norm, and wall time.
 */
public record EpochMetrics(int epoch, double trainAccuracy, double trainLoss, double testAccuracy, double testLoss,
                           double learningRate, double paramNorm, double seconds) {}
