package org.unlearning.workbench.app.fx;

import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.Window;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Errors in dialogs: a readable one-line message, the technical details expandable. */
public final class ErrorDialogs {
    private ErrorDialogs() {}

    /** Builds (does not show) the dialog; used by {@link #show} and tests. */
    public static Alert create(Window owner, String title, String message, Throwable details) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.setContentText(message);
        if (details != null) {
            StringWriter sw = new StringWriter();
            details.printStackTrace(new PrintWriter(sw));
            TextArea area = new TextArea(sw.toString());
            area.setEditable(false);
            area.setWrapText(false);
            area.setPrefRowCount(14);
            GridPane.setVgrow(area, Priority.ALWAYS);
            GridPane.setHgrow(area, Priority.ALWAYS);
            GridPane content = new GridPane();
            content.add(new Label("Details:"), 0, 0);
            content.add(area, 0, 1);
            alert.getDialogPane().setExpandableContent(content);
        }
        return alert;
    }

    public static void show(Window owner, String title, String message, Throwable details) {
        create(owner, title, message, details).show();
    }

    /** A readable message for an exception: its own message, else its type. */
    public static String messageOf(Throwable t) {
        if (t instanceof OutOfMemoryError) {
            return String.format(java.util.Locale.ROOT, "out of memory: this needs more than the window's %,d MB heap "
                    + "(start it with a larger -Xmx, or use smaller data)", Runtime.getRuntime().maxMemory() >> 20);
        }
        if (t instanceof StackOverflowError) {
            return "the input is nested too deeply to read";
        }
        if (t instanceof Error) {
            return "internal error: " + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        }
        Throwable c = t;
        while (c.getCause() != null && (c.getMessage() == null || c.getMessage().isBlank())) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return m == null || m.isBlank() ? c.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
