package org.unlearning.workbench.app.fx.guide;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unlearning.workbench.accounting.method.MethodAccountant;
import org.unlearning.workbench.app.fx.TestWindow;
import org.unlearning.workbench.app.fx.WorkbenchView;
import org.unlearning.workbench.app.fx.run.ReplayBar;
import org.unlearning.workbench.app.fx.run.RunRecord;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The guided lesson walks through the real controls; a finished run replays frame by frame. */
@ExtendWith(ApplicationExtension.class)
class GuidedLessonTest {
    @TempDir
    static Path runs;
    private WorkbenchView view;

    @Start
    void start(Stage stage) {
        view = TestWindow.show(stage, runs, 1280, 720);
    }

    private void preset(FxRobot robot, String name) {
        robot.interact(() -> {
            try {
                view.applyPreset(name);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            view.dataModel().fineTuneEpochsProperty().set(1);
            view.dataModel().retrainBaselineProperty().set(false);
        });
    }

    private String selectedTab() {
        TabPane tabs = (TabPane) view.lookup(".tab-pane");
        return tabs.getSelectionModel().getSelectedItem().getText();
    }

    private GuidedTour tour() {
        return view.guide();
    }

    @Test
    void lessonPointsAtTheRealControlsWithNextBackAndEsc(FxRobot robot) throws Exception {
        preset(robot, "mnist-gradclip");
        MethodAccountant<?> m = view.calculator().methodProperty().get();
        robot.clickOn("Help").clickOn("#menu-guide");
        assertTrue(tour().isActive());
        assertTrue(tour().isVisible() && tour().getWidth() > 200, "the lesson panel is laid out beside the window");
        assertEquals(9, tour().steps().size());
        assertEquals("Calculator", selectedTab());
        assertSame(view.dataPane().lookup("#model-path"), tour().highlighted(), "step 1: the original model");
        assertTrue(tour().highlighted().getStyleClass().contains(GuidedTour.FOCUS));

        robot.clickOn("#guide-next");
        assertSame(view.dataPane().lookup("#forget-mode"), tour().highlighted(), "step 2: the forget set");
        robot.clickOn("#guide-next");
        Node eps = view.parametersPane().control(m, "epsilon");
        assertSame(eps, tour().highlighted(), "step 3: ε");
        assertFalse(view.dataPane().lookup("#forget-mode").getStyleClass().contains(GuidedTour.FOCUS),
                "only the current step's control is outlined");
        robot.interact(() -> view.parametersPane().control(m, "epsilon").setValue(2.5));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(tour().nowLabel().getText().contains("ε = 2.5"), "the values line follows the slider: "
                + tour().nowLabel().getText());
        robot.clickOn("#guide-next");
        assertSame(view.parametersPane().control(m, "c0"), tour().highlighted(), "step 4: C₀");
        robot.clickOn("#guide-next");
        assertSame(view.livePanel().chartView(), tour().highlighted(), "step 5: the σ–T chart");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> tour().nowLabel().getText().contains("T = "));
        assertTrue(tour().nowLabel().getText().contains("σ = "), tour().nowLabel().getText());
        robot.clickOn("#guide-back");
        assertEquals(3, tour().indexProperty().get());
        robot.clickOn("#guide-next").clickOn("#guide-next");
        assertSame(view.dataPane().fineTuneEpochsControl(), tour().highlighted(), "step 6: fine-tuning");
        robot.clickOn("#guide-next");
        assertSame(view.runButton(), tour().highlighted(), "step 7: Run");
        assertTrue(robot.lookup("#guide-action").queryButton().isVisible(), "Run now offered");
        robot.clickOn("#guide-next");
        assertEquals("Run", selectedTab(), "step 8 shows the run's live charts");
        assertSame(view.runPanel().charts(), tour().highlighted());

        robot.type(KeyCode.ESCAPE);
        assertFalse(tour().isActive(), "Esc leaves the lesson");
        assertFalse(tour().isVisible());
        assertFalse(view.runPanel().charts().getStyleClass().contains(GuidedTour.FOCUS), "highlight removed");
        assertNull(tour().highlighted());
    }

    @Test
    void guidePageExplainsTheSymbolsAndShowsTheirLessonStep(FxRobot robot) {
        robot.clickOn("Help").clickOn("#menu-guide-page");
        javafx.scene.Node page = robot.lookup("#guide-page").query();
        assertTrue(page.isVisible());
        var shows = robot.from(page).lookup(".button").queryAllAs(Button.class).stream().toList();
        assertEquals(GuidePage.TERMS.size(), shows.size());
        int t = 0;
        while (!GuidePage.TERMS.get(t).symbol().equals("T")) {
            t++;
        }
        Button showT = shows.get(t);
        robot.interact(showT::fire);
        assertTrue(tour().isActive());
        assertEquals(4, tour().indexProperty().get(), "T: the σ–T step");
        assertSame(view.livePanel().chartView(), tour().highlighted());
        assertFalse(page.getScene().getWindow().isShowing(), "the page closes");
        robot.interact(() -> tour().leave());
    }

    @Test
    void runFromTheLessonThenReplayItFrameByFrame(FxRobot robot) throws Exception {
        preset(robot, "mnist-modelclip");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.dataModel().loaded());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> tour().start(6));
        assertSame(view.runButton(), tour().highlighted());
        robot.clickOn("#guide-action");
        assertEquals(1, view.runController().runs().size(), view.statusBar().getText());
        RunRecord r = view.runController().runs().get(0);
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !view.runController().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> tour().start(8));
        assertSame(view.runPanel().table(), tour().highlighted(), "step 9: the run list");
        assertTrue(tour().nowLabel().getText().startsWith("Run 1: certified"), tour().nowLabel().getText());
        robot.interact(() -> tour().leave());

        // replay: the run's recorded rows, frame by frame
        int steps = r.series().stepCount();
        ReplayBar bar = view.runPanel().replayBar();
        robot.interact(() -> view.runPanel().table().getSelectionModel().clearAndSelect(0));
        robot.clickOn("#replay-start");
        assertTrue(bar.isReplaying());
        assertTrue(bar.frames() >= steps, bar.frames() + " frames for " + steps + " steps");
        assertEquals(0, ((org.jfree.data.xy.XYDataset) view.runPanel().charts().charts().get(1).getXYPlot()
                .getDataset(0)).getItemCount(0), "frame 0: nothing drawn yet");
        robot.interact(() -> bar.showFrame(1));
        assertTrue(bar.whereLabel().getText().contains("frame 1 of " + bar.frames()), bar.whereLabel().getText());
        robot.interact(() -> bar.showFrame(bar.frames()));
        var grad = view.runPanel().charts().charts().get(1).getXYPlot().getDataset(0);
        assertEquals(steps, grad.getItemCount(0), "the last frame is the whole run");
        robot.interact(() -> {
            bar.showFrame(0);
            ((javafx.scene.control.ComboBox<?>) view.runPanel().lookup("#replay-speed")).getSelectionModel().selectLast();
        });
        robot.clickOn("#replay-play");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> bar.frame() == bar.frames());
        robot.clickOn("#replay-done");
        assertFalse(bar.isReplaying());
        assertTrue(robot.lookup("#replay-start").queryButton().isVisible());
    }
}
