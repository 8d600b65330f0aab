package org.unlearning.workbench.engine.run;

import java.util.concurrent.atomic.AtomicBoolean;

/** Cooperative cancellation: the engine checks it before every step (one step ≪ 1 s). */
public final class CancelToken {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** A token nobody cancels. */
    public static CancelToken none() {
        return new CancelToken();
    }
}
