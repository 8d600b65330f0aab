package org.unlearning.workbench.app.fx;

import javafx.scene.control.Alert;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** The menu bar and its keyboard shortcuts; every item calls an action of the window. */
final class WorkbenchMenu {
    /** What the menu can ask the window to do. */
    interface Actions {
        void openSettings();

        void saveSettings();

        void exportReport(boolean html);

        void saveScreenshot();

        void quit();

        void run();

        void cancel();

        javafx.stage.Window window();

        /** Presentation mode (bidirectional with the View menu's check item). */
        javafx.beans.property.BooleanProperty presentation();

        /** Zoom in (+1), out (-1) or reset (0). */
        void zoom(int steps);

        /** Opens the guided lesson at its first step. */
        void guide();

        /** Opens the Guide page (what the symbols mean). */
        void guidePage();

        /** Copies the CLI call reproducing the next run. */
        void copyCommand();
    }

    private WorkbenchMenu() {}

    static MenuBar build(Actions a) {
        MenuItem open = item("Open settings…", KeyCode.O, a::openSettings);
        MenuItem save = item("Save settings…", KeyCode.S, a::saveSettings);
        MenuItem report = item("Export report (PDF)…", KeyCode.E, () -> a.exportReport(false));
        MenuItem reportHtml = new MenuItem("Export report (HTML folder)…");
        reportHtml.setOnAction(e -> a.exportReport(true));
        MenuItem shot = new MenuItem("Save screenshot…");
        shot.setOnAction(e -> a.saveScreenshot());
        MenuItem quit = item("Quit", KeyCode.Q, a::quit);
        Menu file = new Menu("_File", null, open, save, new SeparatorMenuItem(), report, reportHtml, shot,
                new SeparatorMenuItem(), quit);

        MenuItem run = item("Run", KeyCode.R, a::run);
        run.setId("menu-run");
        MenuItem cancel = new MenuItem("Cancel");
        cancel.setAccelerator(new KeyCodeCombination(KeyCode.ESCAPE));
        cancel.setOnAction(e -> a.cancel());
        MenuItem command = new MenuItem("Copy as command line");
        command.setId("menu-copy-command");
        command.setAccelerator(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        command.setOnAction(e -> a.copyCommand());
        Menu runMenu = new Menu("_Run", null, run, cancel, new SeparatorMenuItem(), command);

        MenuItem shortcuts = new MenuItem("Keyboard shortcuts");
        shortcuts.setOnAction(e -> {
            Alert al = new Alert(Alert.AlertType.INFORMATION, "Ctrl+R run · Esc cancel (or leave the lesson) · Ctrl+E export report · "
                    + "F1 guided lesson · F11 presentation mode · Ctrl+Plus/Minus zoom · Ctrl+Shift+C copy as command line · "
                    + "Ctrl+O open settings · Ctrl+S save settings · Ctrl+Q quit\nCharts: drag to zoom, mouse wheel "
                    + "zoom, Alt+drag pan, double-click to reset.");
            al.setTitle("Keyboard shortcuts");
            al.setHeaderText("Keyboard shortcuts");
            al.initOwner(a.window());
            al.show();
        });
        javafx.scene.control.CheckMenuItem present = new javafx.scene.control.CheckMenuItem("Presentation mode");
        present.setId("menu-presentation");
        present.setAccelerator(new KeyCodeCombination(KeyCode.F11));
        present.selectedProperty().bindBidirectional(a.presentation());
        MenuItem zoomIn = item("Zoom in", KeyCode.PLUS, () -> a.zoom(1));
        MenuItem zoomOut = item("Zoom out", KeyCode.MINUS, () -> a.zoom(-1));
        MenuItem zoomReset = item("Actual size", KeyCode.DIGIT0, () -> a.zoom(0));
        Menu view = new Menu("_View", null, present, new SeparatorMenuItem(), zoomIn, zoomOut, zoomReset);

        MenuItem lesson = new MenuItem("Guided lesson (teaching)");
        lesson.setId("menu-guide");
        lesson.setAccelerator(new KeyCodeCombination(KeyCode.F1));
        lesson.setOnAction(e -> a.guide());
        MenuItem page = new MenuItem("Guide: what ε, δ, C₀, C₁/C₂, σ, T mean");
        page.setId("menu-guide-page");
        page.setOnAction(e -> a.guidePage());
        Menu help = new Menu("_Help", null, lesson, page, new SeparatorMenuItem(), shortcuts);
        MenuBar bar = new MenuBar(file, runMenu, view, help);
        bar.setId("menu-bar");
        return bar;
    }

    static MenuItem item(String text, KeyCode key, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setAccelerator(new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN));
        m.setOnAction(e -> action.run());
        return m;
    }
}
