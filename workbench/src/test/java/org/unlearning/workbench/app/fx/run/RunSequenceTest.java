package org.unlearning.workbench.app.fx.run;

import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unlearning.workbench.app.fx.WorkbenchView;
import org.unlearning.workbench.app.fx.settings.ExperimentSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Defect 1 of #15: every run after the first was reported "failed — run cancelled before it started"
 * (Service.restart() forced the finished task's state to CANCELLED). Five short real runs in a row,
 * the third cancelled with Esc: each row ends with its own status, and no error dialog opens.
 */
@ExtendWith(ApplicationExtension.class)
class RunSequenceTest {
    @TempDir
    static Path runs;
    private WorkbenchView view;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        view = new WorkbenchView(() -> "test backend", ExperimentSettings.defaults(), runs);
        stage.setScene(new Scene(view, 1280, 720));
        stage.show();
    }

    private boolean running() {
        try {
            return WaitForAsyncUtils.asyncFx(() -> view.runController().runningProperty().get()).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void preset(FxRobot robot, String name, int fineTuneEpochs) throws Exception {
        robot.interact(() -> {
            try {
                view.applyPreset(name);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            view.dataModel().fineTuneEpochsProperty().set(fineTuneEpochs);
            view.dataModel().retrainBaselineProperty().set(false);
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.dataModel().loaded());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(view.runButton().isDisabled(), view.runButton().getTooltip() == null ? ""
                : view.runButton().getTooltip().getText());
    }

    private RunRecord runToEnd(FxRobot robot, boolean cancel) throws Exception {
        int before = view.runController().runs().size();
        robot.interact(() -> view.runButton().fire());
        assertEquals(before + 1, view.runController().runs().size(), view.statusBar().getText());
        RunRecord r = view.runController().runs().get(before);
        // the new run is never reported as ended while it is still going
        robot.interact(() -> assertEquals(RunRecord.Status.RUNNING, r.statusProperty().get(), r.detailProperty().get()));
        if (cancel) {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> r.series().stepCount() > 2);
            robot.interact(view::cancelRun);
        }
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !running());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(stage), onlyShowing(), "no dialog after " + r.name() + ": " + view.runController().log());
        return r;
    }

    private static List<Window> onlyShowing() {
        try {
            return WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream().filter(Window::isShowing).toList()).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void fiveRunsInARowEachEndWithTheirOwnStatus(FxRobot robot) throws Exception {
        preset(robot, "mnist-output-perturbation", 1);
        RunRecord r1 = runToEnd(robot, false);
        preset(robot, "mnist-modelclip", 1);
        RunRecord r2 = runToEnd(robot, false);
        preset(robot, "mnist-gradclip", 30);
        RunRecord r3 = runToEnd(robot, true);
        preset(robot, "mnist-output-perturbation", 1);
        RunRecord r4 = runToEnd(robot, false);
        RunRecord r5 = runToEnd(robot, false);

        for (RunRecord r : List.of(r1, r2, r4, r5)) {
            assertEquals(RunRecord.Status.CERTIFIED, r.statusProperty().get(), r.name() + ": " + r.detailProperty().get());
            assertTrue(r.hasResult(), r.name());
        }
        assertEquals(RunRecord.Status.NOT_CERTIFIED, r3.statusProperty().get(), r3.detailProperty().get());
        assertTrue(r3.detailProperty().get().toLowerCase().contains("cancel"), r3.detailProperty().get());
        String log = view.runController().log();
        assertFalse(log.contains("failed"), log);
        assertTrue(view.statusBar().getText().startsWith("Run 5 certified"), view.statusBar().getText());
        // the last run is selected and shown
        assertEquals(r5, view.runPanel().table().getSelectionModel().getSelectedItem());
    }
}
