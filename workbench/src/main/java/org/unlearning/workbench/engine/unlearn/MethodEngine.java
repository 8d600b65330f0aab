package org.unlearning.workbench.engine.unlearn;

import org.unlearning.workbench.accounting.method.MethodAccountant;

/**
 * The engine side of one unlearning method — its phases. Each method lives in its own package
 * ({@code engine.unlearn.<method>}) next to its accounting side ({@code accounting.<method>}); the run
 * pipeline (load data → original → the method's phases → noise-free fine-tune → release → evaluate →
 * certify) finds it in the engine registry and knows nothing else about it.
 *
 * @param <P> the method's parameter record
 */
public interface MethodEngine<P extends Record> {
    /** The method's accounting side (planning and ledgers). */
    MethodAccountant<P> accountant();

    /** Whether the method trains the original itself (e.g. privately trained originals); then no original is loaded or trained. */
    default boolean trainsOriginal() {
        return false;
    }

    /** The gradient clip its noisy steps apply, for the gradient-norm chart (null: none). */
    default Double clipThreshold(P params) {
        return null;
    }

    /**
     * Starts the method on one run: receives the original (null when {@link #trainsOriginal()}) and
     * returns the per-run state that unlearns each deletion request in turn.
     */
    MethodRun<?> start(RunStart start, P params);
}
