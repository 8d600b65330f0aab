package org.unlearning.workbench.engine.run;

import org.unlearning.workbench.engine.io.RunStatus;

/**
 * A finished run's entry in its folder's {@code status.json}, the same for the CLI and the window:
 * only a certified release is CERTIFIED; the detail is the status line in the one vocabulary.
 */
public final class RunStatusLine {
    private RunStatusLine() {}

    /** The run's final state. */
    public static RunStatus.State state(RunResult r, boolean cancelled) {
        if (r.failure() != null) {
            return cancelled ? RunStatus.State.CANCELLED : RunStatus.State.FAILED;
        }
        return r.certified() && r.summary().status() == CertificateStatus.CERTIFIED ? RunStatus.State.CERTIFIED
                : RunStatus.State.NOT_CERTIFIED;
    }

    /** The status line of the run, in the one vocabulary. */
    public static String detail(RunResult r) {
        if (r.failure() != null) {
            return "not certified — " + r.failure();
        }
        return r.summary().statusLine();
    }

    /** The detail of a run that ended with an exception ({@code message}: its readable message). */
    public static String aborted(boolean cancelled, String message) {
        return "not certified — " + (cancelled ? "cancelled: " : "") + message;
    }
}
