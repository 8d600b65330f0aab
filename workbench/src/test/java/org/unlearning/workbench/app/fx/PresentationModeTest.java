package org.unlearning.workbench.app.fx;

import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Presentation mode (F11): larger text and chart fonts, high-contrast style; zoom with Ctrl+Plus / Minus / 0. */
@ExtendWith(ApplicationExtension.class)
class PresentationModeTest {
    @TempDir
    static Path dir;
    private WorkbenchView view;

    @Start
    void start(Stage stage) {
        view = TestWindow.show(stage, dir.resolve("runs"), 1280, 720);
    }

    private float chartTitleSize() {
        return view.runPanel().charts().charts().get(0).getTitle().getFont().getSize2D();
    }

    @Test
    void f11EnlargesTextAndChartsAndZoomScalesThem(FxRobot robot) {
        float normalTitle = chartTitleSize();
        double normalLabel = view.runButton().getFont().getSize();
        robot.type(KeyCode.F11);
        assertTrue(view.isPresentationMode());
        assertTrue(view.getStyleClass().contains("presentation"), "high-contrast style");
        assertEquals(WorkbenchView.PRESENTATION_FACTOR, view.scale(), 1e-9);
        assertEquals(normalTitle * 1.5f, chartTitleSize(), 0.01f, "chart titles scale too");
        assertTrue(view.runButton().getFont().getSize() > normalLabel * 1.4, "controls' text is larger: "
                + view.runButton().getFont().getSize());
        robot.press(KeyCode.CONTROL).type(KeyCode.MINUS).release(KeyCode.CONTROL);
        assertEquals(1.5 / 1.15, view.scale(), 1e-9, "Ctrl+Minus: one step smaller");
        robot.interact(() -> view.zoomBy(0));
        assertEquals(1.5, view.scale(), 1e-9, "Actual size");
        robot.type(KeyCode.F11);
        assertFalse(view.isPresentationMode());
        assertFalse(view.getStyleClass().contains("presentation"));
        assertEquals(normalTitle, chartTitleSize(), 0.01f);
    }
}
