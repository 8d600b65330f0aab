package org.unlearning.workbench.app.fx;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.unlearning.workbench.app.fx.settings.Session;
import org.unlearning.workbench.app.fx.settings.SettingsFiles;
import org.unlearning.workbench.app.fx.settings.WindowLayout;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The workbench window. Restores the last session's settings and window layout from
 * {@code ~/.unlearning-workbench/session.json} (system property {@code uw.home} overrides the
 * folder) and saves them on close. Start it with {@link WorkbenchLauncher} ({@code mvn javafx:run}).
 * System property {@code uw.screenshot=<file.png>} (or env {@code UW_SCREENSHOT}) saves a
 * screenshot of the window after the first run finishes (used to make the README screenshot
 * under Xvfb); {@code uw.size=1280x720} ({@code UW_SIZE}) sets the scene size, {@code uw.presentation=true}
 * ({@code UW_PRESENTATION}) starts in presentation mode; {@code uw.guide=N} ({@code UW_GUIDE}) opens the
 * guided lesson at step N; {@code uw.autorun=true} ({@code UW_AUTORUN}) starts a run as soon as the window
 * is up; {@code UW_HOME} moves the session folder.
 */
public final class WorkbenchApp extends Application {
    private WorkbenchView view;
    private SettingsFiles files;
    private Stage stage;
    private boolean saved;

    @Override
    public void start(Stage stage) {
        Thread.setDefaultUncaughtExceptionHandler(this::reportUncaught);
        files = SettingsFiles.standard();
        SettingsFiles.SessionLoad loaded = files.loadSession();
        Session session = loaded.session();
        view = new WorkbenchView(SystemStatus::probeNd4j, session == null ? null : session.settings(),
                files.home().resolve("runs"));
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();   // a small screen gets a window that fits
        double[] size = size(option("uw.size", "UW_SIZE"));
        Scene scene = new Scene(view, size != null ? size[0] : Math.min(1500, screen.getWidth()),
                size != null ? size[1] : Math.min(940, screen.getHeight()));
        stage.setTitle("Unlearning Workbench");
        stage.setScene(scene);
        if (session != null) {
            applyLayout(stage, session.layout());
        }
        this.stage = stage;
        stage.setOnCloseRequest(e -> saveSession(stage));
        stage.show();
        if (session != null) {
            view.applyDividers(session.layout());
        }
        if (loaded.problem() != null) {
            reportSessionProblem(loaded);
        }
        String shot = option("uw.screenshot", "UW_SCREENSHOT");
        if (shot != null && !shot.isBlank()) {
            view.screenshotAfterFirstRun(Path.of(shot), "true".equals(option("uw.exitAfterScreenshot", "UW_EXIT_AFTER_SCREENSHOT")));
        }
        if ("true".equals(option("uw.presentation", "UW_PRESENTATION"))) {
            view.setPresentationMode(true);
        }
        if ("true".equals(option("uw.autorun", "UW_AUTORUN"))) {
            Platform.runLater(view::startRun);
        }
        String guide = option("uw.guide", "UW_GUIDE");
        if (guide != null && guide.matches("[1-9]")) {
            Platform.runLater(() -> view.guide().start(Math.min(Integer.parseInt(guide), view.guide().steps().size()) - 1));
        }
    }

    /** A session file that could not be used: said in a dialog, on stderr and in the status bar (defaults are in use). */
    private void reportSessionProblem(SettingsFiles.SessionLoad loaded) {
        String where = loaded.movedTo() == null ? "" : " It was moved to " + loaded.movedTo().getFileName() + ".";
        String text = "The last session could not be restored: " + loaded.problem() + "." + where
                + " The window starts with default settings.";
        System.err.println("warning: " + text);
        view.statusBar().setText("Last session not restored (default settings)");
        Alert a = new Alert(Alert.AlertType.WARNING, text);
        a.initOwner(stage);
        a.setTitle("Session not restored");
        a.setHeaderText("Session not restored");
        a.getDialogPane().setId("session-problem");
        a.show();
    }

    /** Any error that escapes a handler (an OutOfMemoryError, …): a dialog, not a silent stack trace. */
    private void reportUncaught(Thread t, Throwable e) {
        e.printStackTrace();
        Platform.runLater(() -> ErrorDialogs.show(stage, "Unexpected error", ErrorDialogs.messageOf(e), e));
    }

    /** A system property, else an environment variable (javafx:run forks, so env vars pass through). */
    static String option(String property, String env) {
        String v = System.getProperty(property);
        return v != null ? v : System.getenv(env);
    }

    /** "1280x720" → {1280, 720}; null when absent or unreadable. */
    static double[] size(String text) {
        if (text == null || !text.matches("\\d{3,5}x\\d{3,5}")) {
            return null;
        }
        String[] p = text.split("x");
        return new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1])};
    }

    private static void applyLayout(Stage stage, WindowLayout l) {
        if (l.width() >= 400 && l.height() >= 300) {
            stage.setWidth(l.width());
            stage.setHeight(l.height());
        }
        if (Double.isFinite(l.x()) && Double.isFinite(l.y())
                && !Screen.getScreensForRectangle(new Rectangle2D(l.x(), l.y(), 50, 50)).isEmpty()) {
            stage.setX(l.x());
            stage.setY(l.y());
        }
        stage.setMaximized(l.maximized());
    }

    private void saveSession(Stage stage) {
        if (saved) {
            return;
        }
        saved = true;
        try {
            files.saveSession(new Session(1, view.currentSettings(), view.currentLayout(stage)));
        } catch (IOException | RuntimeException e) {
            System.err.println("warning: could not save the session to " + files.sessionFile() + ": " + e.getMessage());
        }
    }

    @Override
    public void stop() {
        if (view != null && stage != null) {
            saveSession(stage);   // also when the application exits without a close request
        }
        if (view != null) {
            view.shutdown();
        }
    }
}
