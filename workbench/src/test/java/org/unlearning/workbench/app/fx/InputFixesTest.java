package org.unlearning.workbench.app.fx;

import javafx.scene.control.ListCell;
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
import org.unlearning.workbench.app.fx.controls.ParameterControl;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue #15's input defects: modified preset and Reset, a seed field, ε fine adjustment, the original's epochs. */
@ExtendWith(ApplicationExtension.class)
class InputFixesTest {
    @TempDir
    static Path dir;
    private WorkbenchView view;

    @Start
    void start(Stage stage) {
        view = TestWindow.show(stage, dir.resolve("runs"), 1280, 720);
    }

    private void preset(FxRobot robot, String name) {
        robot.interact(() -> {
            try {
                view.applyPreset(name);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String presetShown() {
        return ((ListCell<?>) view.experimentPane().presetBox().getButtonCell()).getText();
    }

    private long seedOfNextRun() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> view.runConfig(dir.resolve("next")).seed()).get();
    }

    @Test
    void modifiedPresetIsMarkedAndResetBringsItBack(FxRobot robot) {
        preset(robot, "mnist-gradclip");
        MethodAccountant<?> m = view.calculator().methodProperty().get();
        ParameterControl eps = view.parametersPane().control(m, "epsilon");
        double original = eps.getValue();
        assertEquals("mnist-gradclip", presetShown());
        assertTrue(view.experimentPane().resetPresetButton().isDisabled(), "nothing to reset");
        robot.interact(() -> eps.setValue(original * 3));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("mnist-gradclip · modified", presetShown());
        robot.clickOn("#preset-reset");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(original, eps.getValue(), "Reset applies the preset again");
        assertEquals("mnist-gradclip", presetShown());
        assertTrue(view.experimentPane().resetPresetButton().isDisabled());
    }

    @Test
    void seedFieldSetsTheRunsSeedAndNewRandomSeedChangesIt(FxRobot robot) throws Exception {
        preset(robot, "mnist-gradclip");
        long presetSeed = seedOfNextRun();
        assertEquals(Long.toString(presetSeed), view.experimentPane().seedField().getText(), "shows the preset's seed");
        robot.interact(() -> view.experimentPane().seedField().setText("1234"));   // as typed, at the bottom of the pane
        assertEquals(1234L, seedOfNextRun());
        robot.interact(() -> view.experimentPane().seedField().setText("12x"));
        assertEquals(1234L, seedOfNextRun(), "an invalid seed is not taken");
        assertTrue(view.experimentPane().seedField().getStyle().contains("#d32f2f"), "and is marked");
        robot.interact(() -> ((javafx.scene.control.Button) view.lookup("#new-seed")).fire());
        long drawn = seedOfNextRun();
        assertNotEquals(1234L, drawn);
        assertEquals(Long.toString(drawn), view.experimentPane().seedField().getText());
        assertTrue(presetShown().endsWith("· modified"), "another seed modifies the preset");
        robot.interact(() -> {
            try {
                view.saveSettings(dir.resolve("s.json"));
                view.experimentPane().seedField().setText("5");
                view.openSettings(dir.resolve("s.json"));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(drawn, seedOfNextRun(), "the seed is saved with the settings");
    }

    @Test
    void epsilonFineAdjustmentAndInvalidInputLeaveTheSliderAlone(FxRobot robot) {
        preset(robot, "mnist-gradclip");
        MethodAccountant<?> m = view.calculator().methodProperty().get();
        ParameterControl eps = view.parametersPane().control(m, "epsilon");
        robot.interact(() -> eps.setValue(1));
        double slider = eps.slider().getValue();
        robot.clickOn(eps.field()).type(KeyCode.UP);
        assertEquals(1.023, eps.getValue(), 1e-9, "↑: one fine step on the log scale");
        robot.press(KeyCode.SHIFT).type(KeyCode.DOWN).release(KeyCode.SHIFT);
        assertEquals(1.023 / Math.pow(10, 0.1), eps.getValue(), 1e-3, "Shift+↓: ten steps");
        robot.interact(() -> eps.setValue(1));
        robot.interact(() -> eps.field().setText("-1"));
        assertEquals(slider, eps.slider().getValue(), 1e-12, "−1 does not move the slider");
        assertFalse(eps.isValid());
        assertEquals(1.0, eps.getValue());
    }

    @Test
    void theOriginalsEpochsAreOffWhileAModelIsChosen(FxRobot robot) {
        preset(robot, "mnist-gradclip");
        robot.interact(() -> view.dataModel().modelPathProperty().set(""));
        assertFalse(view.dataPane().trainEpochsControl().isDisabled());
        robot.interact(() -> view.dataModel().modelPathProperty().set(dir.resolve("some/model.zip").toString()));
        assertTrue(view.dataPane().trainEpochsControl().isDisabled(), "a chosen model is not trained here");
    }
}
