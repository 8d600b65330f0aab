package org.unlearning.workbench.engine.unlearn.newton;

import org.unlearning.workbench.engine.model.WorkbenchModel;

/**
 * The retraining baseline on the same retain set: the model, wall time, per-example gradients,
 * and its accuracies.
 */
public record RetrainOutcome(WorkbenchModel model, double seconds, long examplesProcessed, double forgetAccuracy,
                             double retainAccuracy, double testAccuracy) {
}
