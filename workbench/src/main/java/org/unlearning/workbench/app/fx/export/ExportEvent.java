package org.unlearning.workbench.app.fx.export;

import javafx.event.Event;
import javafx.event.EventType;

import java.nio.file.Path;

/**
 * Fired (bubbling) by a node that has written an export: the window shows "Saved … to PATH" in
 * its status bar. One event type for every export: chart images, CSV, certificate, report.
 */
public final class ExportEvent extends Event {
    private static final long serialVersionUID = 1L;
    public static final EventType<ExportEvent> SAVED = new EventType<>(Event.ANY, "EXPORT_SAVED");

    private final transient Path file;
    private final String what;

    public ExportEvent(String what, Path file) {
        super(SAVED);
        this.what = what;
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** e.g. "Chart PNG", "Report PDF". */
    public String what() {
        return what;
    }

    /** The status-bar message: "Report PDF saved to /path/run1-report.pdf". */
    public String message() {
        return what + " saved to " + file.toAbsolutePath();
    }
}
