package org.unlearning.workbench.app.fx.run;

import javafx.event.Event;
import javafx.event.EventType;

/**
 * Fired (bubbling) by the run list when a run's release was verified against its certificate:
 * the window shows the one-line result in its status bar.
 */
public final class VerifiedEvent extends Event {
    private static final long serialVersionUID = 1L;
    public static final EventType<VerifiedEvent> VERIFIED = new EventType<>(Event.ANY, "RUN_VERIFIED");

    private final String message;

    public VerifiedEvent(String message) {
        super(VERIFIED);
        this.message = message;
    }

    /** e.g. "Run 2 verified: all 5 checks pass". */
    public String message() {
        return message;
    }
}
