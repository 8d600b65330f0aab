package org.unlearning.workbench.app.fx.calculator;

import org.unlearning.workbench.accounting.method.MethodAccountant;
import org.unlearning.workbench.accounting.registry.MethodRegistry;

import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.unlearning.workbench.accounting.gradclip.NoiseSchedule;
import org.unlearning.workbench.accounting.gradclip.SigmaFormula;
import org.unlearning.workbench.accounting.method.Calculation;
import org.unlearning.workbench.accounting.gradclip.GradientClippingParams;
import org.unlearning.workbench.accounting.outputpert.OutputPerturbationParams;
import org.unlearning.workbench.app.fx.TestWindow;
import org.unlearning.workbench.app.fx.WorkbenchView;
import org.unlearning.workbench.app.fx.settings.ExperimentSettings;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 4 in the window: a user-fixed T or σ feeds the accountant, the panel, the run and the settings. */
@ExtendWith(ApplicationExtension.class)
class FixedKnobsTest {
    private static final MethodAccountant<?> GC = MethodRegistry.get("gradient_clipping");
    private WorkbenchView view;
    @TempDir
    static Path runs;

    @Start
    void start(Stage stage) {
        view = TestWindow.show(stage, runs, 1200, 780);
    }

    private double v(MethodAccountant<?> m, String key) {
        return view.parametersPane().control(m, key).getValue();
    }

    private GradientClippingParams gc(Integer steps, Double sigma) {
        return new GradientClippingParams(v(GC, "epsilon"), v(GC, "delta"), v(GC, "c0"), v(GC, "c1"), v(GC, "eta"),
                v(GC, "lambda"), NoiseSchedule.CONSTANT, null, SigmaFormula.CONSISTENT, steps, sigma, 128);
    }

    private Calculation shown() {
        return view.calculator().calculationProperty().get();
    }

    private GradientClippingParams runMethod() throws Exception {
        return view.runConfig(runs.resolve("forget-sets")).method().paramsAs(GradientClippingParams.class);
    }

    @Test
    void fixingSigmaRecomputesEpsilonAndTogglingOffRestoresTheCalibration(FxRobot robot) throws Exception {
        robot.interact(() -> view.parametersPane().methodBox().setValue(GC));
        Calculation calibrated = MethodRegistry.calculate(gc(null, null));
        assertEquals(calibrated.sigma(), shown().sigma());
        assertNull(runMethod().sigma());

        robot.interact(() -> view.parametersPane().fixToggle(GC, "sigma").setSelected(true));
        // switching on starts from the calibrated σ: the guarantee does not jump
        assertEquals(calibrated.sigma(), view.parametersPane().fixedControl(GC, "sigma").getValue());
        double mine = calibrated.sigma() / 2;
        robot.interact(() -> view.parametersPane().fixedControl(GC, "sigma").setValue(mine));
        Calculation expected = MethodRegistry.calculate(gc(null, mine));
        assertEquals(expected.epsilon(), shown().epsilon());
        assertEquals(expected.delta(), shown().delta());
        assertEquals(mine, shown().sigma());
        assertTrue(shown().epsilon() > v(GC, "epsilon"), "half the noise → a weaker guarantee than the target");
        Label note = robot.lookup("#calc-fixed").queryAs(Label.class);
        assertTrue(note.isVisible() && note.getText().startsWith("σ fixed by you → ε = "), note.getText());
        assertTrue(robot.lookup("#calc-sigma").queryAs(Label.class).getText().contains("fixed by you"));
        assertEquals(mine, runMethod().sigma(), "the run uses the fixed σ");
        assertEquals(mine, view.currentSettings().parameters().get("sigma"), "saved with the settings");

        robot.interact(() -> view.parametersPane().fixToggle(GC, "sigma").setSelected(false));
        assertEquals(calibrated.epsilon(), shown().epsilon());
        assertEquals(calibrated.sigma(), shown().sigma());
        assertEquals(calibrated.steps(), shown().steps());
        assertFalse(note.isVisible());
        assertNull(runMethod().sigma());
        assertFalse(view.currentSettings().parameters().containsKey("sigma"));
    }

    @Test
    void fixingTRecalibratesSigmaAndFlowsIntoTheRunAndSettings(FxRobot robot) throws Exception {
        robot.interact(() -> view.parametersPane().methodBox().setValue(GC));
        Calculation calibrated = MethodRegistry.calculate(gc(null, null));
        int mine = (int) (calibrated.steps() * 3);
        robot.interact(() -> {
            view.parametersPane().fixToggle(GC, "steps").setSelected(true);
            view.parametersPane().fixedControl(GC, "steps").setValue(mine);
        });
        Calculation expected = MethodRegistry.calculate(gc(mine, null));
        assertEquals((long) mine, shown().steps());
        assertEquals(expected.sigma(), shown().sigma());
        assertEquals(expected.epsilon(), shown().epsilon());
        assertNotEquals(calibrated.sigma(), shown().sigma());
        assertEquals("T fixed by you → ε = ", robot.lookup("#calc-fixed").queryAs(Label.class).getText()
                .substring(0, "T fixed by you → ε = ".length()));
        assertEquals(mine, runMethod().steps());

        // save → reset → load restores the fixed T exactly; a file without it is calibrated again
        ExperimentSettings saved = view.currentSettings();
        robot.interact(() -> view.applySettings(ExperimentSettings.defaults()));
        assertFalse(view.parametersPane().fixToggle(GC, "steps").isSelected());
        assertEquals(calibrated.steps(), shown().steps());
        assertNull(runMethod().steps());
        robot.interact(() -> view.applySettings(saved));
        assertTrue(view.parametersPane().fixToggle(GC, "steps").isSelected());
        assertEquals((long) mine, shown().steps());
        assertEquals(expected.sigma(), shown().sigma());

        // an invalid fixed T blocks Run only while it is fixed
        robot.interact(() -> view.parametersPane().fixedControl(GC, "steps").field().setText("2.5"));
        assertNull(shown());
        robot.interact(() -> view.parametersPane().fixToggle(GC, "steps").setSelected(false));
        assertEquals(calibrated.steps(), shown().steps());
    }

    @Test
    void outputPerturbationFixedSigma(FxRobot robot) throws Exception {
        MethodAccountant<?> m = MethodRegistry.get("output_perturbation");
        robot.interact(() -> view.parametersPane().methodBox().setValue(m));
        assertNull(view.parametersPane().fixToggle(m, "steps"));
        robot.interact(() -> {
            view.parametersPane().fixToggle(m, "sigma").setSelected(true);
            view.parametersPane().fixedControl(m, "sigma").setValue(3.0);
        });
        Calculation expected = MethodRegistry.calculate(
                new OutputPerturbationParams(v(m, "epsilon"), v(m, "delta"), v(m, "c0"), 3.0));
        assertEquals(expected.epsilon(), shown().epsilon());
        assertEquals(3.0, shown().sigma());
        assertEquals(3.0, view.runConfig(runs.resolve("forget-sets")).method()
                .paramsAs(OutputPerturbationParams.class).sigma());
    }
}
