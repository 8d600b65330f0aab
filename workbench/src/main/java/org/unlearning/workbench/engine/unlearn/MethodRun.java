package org.unlearning.workbench.engine.unlearn;

import org.unlearning.workbench.accounting.method.Ledger;
import org.unlearning.workbench.engine.model.WorkbenchModel;

/**
 * A method at work on one run. Deletion requests come one after the other; each starts from the
 * last released model (a method may keep its own state across requests, e.g. a noise-free
 * chain).
 *
 * @param <L> the method's running ledger
 */
public interface MethodRun<L extends Ledger> {
    /** The model the first request unlearns from (the original, or one the method trained). */
    WorkbenchModel original();

    /** Steps the method ran before the first request (e.g. training its own original). */
    default int stepsBefore() {
        return 0;
    }

    /** The running ledger of one request planned as {@code plan} (the pipeline keeps it, even when a step fails). */
    L ledger(Calibration plan);

    /**
     * Runs the method's phases for one request on {@code ctx.model()} in place (it holds the last
     * released model), recording every noisy step in {@code ledger}, and says what ran; the pipeline
     * then fine-tunes, releases and certifies.
     */
    RequestOutcome unlearn(RunContext ctx, Calibration plan, L ledger);

    /** One request's phases on the model in place (see {@link #unlearn}). */
    @FunctionalInterface
    interface Phases<L extends Ledger> {
        RequestOutcome unlearn(RunContext ctx, Calibration plan, L ledger);
    }

    /** A run that starts from {@code original}, keeps no state across requests and takes a fresh ledger per request. */
    static <L extends Ledger> MethodRun<L> of(WorkbenchModel original, java.util.function.Function<Calibration, L> ledger,
                                              Phases<L> phases) {
        return new MethodRun<>() {
            @Override
            public WorkbenchModel original() {
                return original;
            }

            @Override
            public L ledger(Calibration plan) {
                return ledger.apply(plan);
            }

            @Override
            public RequestOutcome unlearn(RunContext ctx, Calibration plan, L l) {
                return phases.unlearn(ctx, plan, l);
            }
        };
    }
}
