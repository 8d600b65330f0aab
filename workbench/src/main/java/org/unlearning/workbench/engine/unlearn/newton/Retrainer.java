package org.unlearning.workbench.engine.unlearn.newton;

import org.unlearning.workbench.engine.model.WorkbenchModel;

import java.util.function.BooleanSupplier;

/** Trains a fresh model on the given retain indices (the baseline every release is compared with). */
@FunctionalInterface
public interface Retrainer {

    /** A trained model, with the wall time and per-example gradients it cost. */
    Trained retrain(int[] retainIndices, BooleanSupplier cancelled);

    record Trained(WorkbenchModel model, double seconds, long examplesProcessed) {}
}
