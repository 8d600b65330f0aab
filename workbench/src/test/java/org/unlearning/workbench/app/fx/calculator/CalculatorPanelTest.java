package org.unlearning.workbench.app.fx.calculator;

import org.unlearning.workbench.accounting.method.MethodAccountant;
import org.unlearning.workbench.accounting.registry.MethodRegistry;

import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.unlearning.workbench.accounting.method.Calculation;
import org.unlearning.workbench.accounting.gradclip.GradientClippingParams;
import org.unlearning.workbench.accounting.modelclip.ModelClippingParams;
import org.unlearning.workbench.accounting.outputpert.OutputPerturbationParams;
import org.unlearning.workbench.app.fx.TestWindow;
import org.unlearning.workbench.app.fx.WorkbenchView;
import org.unlearning.workbench.app.fx.controls.ParameterControl;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The calculator panel in the real window: sliders drive exactly the accountant's numbers. */
@ExtendWith(ApplicationExtension.class)
class CalculatorPanelTest {
    static final MethodAccountant<?> GC = MethodRegistry.get("gradient_clipping");
    static final MethodAccountant<?> MC = MethodRegistry.get("model_clipping");
    static final MethodAccountant<?> OP = MethodRegistry.get("output_perturbation");
    static final MethodAccountant<?> DP = MethodRegistry.get("dp_sgd");
    static final MethodAccountant<?> NEWTON = MethodRegistry.get("newton");

    private WorkbenchView view;
    @org.junit.jupiter.api.io.TempDir
    static java.nio.file.Path runs;

    @Start
    void start(Stage stage) {
        view = TestWindow.show(stage, runs, 1200, 780);
    }

    private double v(MethodAccountant<?> m, String key) {
        return view.parametersPane().control(m, key).getValue();
    }

    /** The accountant's answer computed independently from the controls' current values. */
    private Record expectedParams(MethodAccountant<?> m) {
        if (m == GC) {
            return GradientClippingParams.of(v(m, "epsilon"), v(m, "delta"), v(m, "c0"), v(m, "c1"), v(m, "eta"),
                    v(m, "lambda"));
        } else if (m == MC) {
            return ModelClippingParams.of(v(m, "epsilon"), v(m, "delta"), v(m, "sigma"), v(m, "c2"));
        }
        return OutputPerturbationParams.of(v(m, "epsilon"), v(m, "delta"), v(m, "c0"));
    }

    /** Waits until the exact plan has replaced a provisional one (long model-clipping walks, DP-SGD's search). */
    private void awaitExact() {
        try {
            org.testfx.util.WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS,
                    () -> !view.calculator().provisionalProperty().get());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the exact plan did not arrive", e);
        }
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void movingEachSliderSetsTAndSigmaToExactlyTheAccountantsAnswer(FxRobot robot) {
        for (MethodAccountant<?> m : List.of(GC, MC, OP)) {
            robot.interact(() -> view.parametersPane().methodBox().setValue(m));
            for (Map.Entry<String, ParameterControl> e : view.parametersPane().controls(m).entrySet()) {
                ParameterControl pc = e.getValue();
                double before = pc.getValue();
                // move the slider a fifth of its travel (towards the other end if at the top)
                double span = pc.slider().getMax() - pc.slider().getMin();
                double target = pc.slider().getValue() + (pc.slider().getValue() + span / 5 <= pc.slider().getMax()
                        ? span / 5 : -span / 5);
                robot.interact(() -> pc.slider().setValue(target));
                awaitExact();
                assertTrue(pc.getValue() != before, m + "/" + e.getKey() + " moved");
                Calculation shown = view.calculator().calculationProperty().get();
                if (shown == null) {
                    // rejected (e.g. ηλ ≥ 1): the accountant must reject it too, and Run must be off
                    assertTrue(view.runButton().isDisabled());
                    assertNotNull(view.calculator().problemProperty().get());
                    boolean rejected = false;
                    try {
                        MethodRegistry.calculate(expectedParams(m));
                    } catch (IllegalArgumentException ex) {
                        rejected = true;
                        assertEquals(ex.getMessage(), view.calculator().problemProperty().get());
                    }
                    assertTrue(rejected, m + "/" + e.getKey() + " rejected by the accountant too");
                } else {
                    Calculation expected = MethodRegistry.calculate(expectedParams(m));
                    assertEquals(expected.steps(), shown.steps(), m + "/" + e.getKey() + " T");
                    assertEquals(expected.sigma(), shown.sigma(), m + "/" + e.getKey() + " σ");
                    assertEquals(expected.epsilon(), shown.epsilon(), m + "/" + e.getKey() + " ε");
                    assertEquals(expected.deltaT(), shown.deltaT(), m + "/" + e.getKey() + " δ_T");
                    Label steps = robot.lookup("#calc-steps").queryAs(Label.class);
                    assertEquals(expected.steps() == null ? "— (no noisy phase)" : Long.toString(expected.steps()),
                            steps.getText());
                }
                robot.interact(() -> pc.setValue(before));   // back to a feasible setting
            }
        }
    }

    @Test
    void invalidInputDisablesRunAndShowsTheReason(FxRobot robot) throws Exception {
        MethodAccountant<?> m = GC;
        robot.interact(() -> view.parametersPane().methodBox().setValue(m));
        org.testfx.util.WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS,
                () -> view.dataModel().loaded());
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertFalse(view.runButton().isDisabled(), "defaults are runnable: " + view.runButton().getTooltip().getText());
        ParameterControl eps = view.parametersPane().control(m, "epsilon");
        robot.interact(() -> eps.field().setText("-1"));
        assertTrue(view.runButton().isDisabled());
        Label reason = robot.lookup("#run-reason").queryAs(Label.class);
        assertTrue(reason.getText().contains("ε must be in (0, 1000]"), reason.getText());
        assertTrue(view.runButton().getTooltip().getText().contains("ε must be in"));
        robot.interact(() -> eps.field().setText("1"));
        assertFalse(view.runButton().isDisabled());
        assertEquals("", reason.getText());

        // a cross-parameter rejection: η·λ ≥ 1 (theory.md §4.4, A-8)
        robot.interact(() -> {
            view.parametersPane().control(m, "eta").setValue(0.1);
            view.parametersPane().control(m, "lambda").setValue(50);
        });
        assertTrue(view.runButton().isDisabled());
        assertTrue(reason.getText().contains("eta * lambda must be < 1"), reason.getText());
        assertNull(view.calculator().calculationProperty().get());
    }

    @Test
    void dpSgdAndNewtonRunFromTheWindowWithReadableSliders(FxRobot robot) throws Exception {
        org.testfx.util.WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS,
                () -> view.dataModel().loaded());
        for (MethodAccountant<?> m : List.of(DP, NEWTON)) {
            robot.interact(() -> view.parametersPane().methodBox().setValue(m));
            awaitExact();
            // every registered method has an engine: the one service runs it (see NewtonWindowRunTest)
            assertFalse(view.runButton().getTooltip().getText().contains("calculator-only"),
                    view.runButton().getTooltip().getText());
            assertFalse(view.runButton().isDisabled(), m.key() + " defaults are runnable: "
                    + view.runButton().getTooltip().getText());
            for (ParameterControl pc : view.parametersPane().controls(m).values()) {
                assertTrue(pc.slider().getMax() - pc.slider().getMin() <= 20, pc.spec().key() + " slider spans "
                        + pc.slider().getMin() + " … " + pc.slider().getMax());
            }
        }
    }

    @Test
    void infeasibleDecreasingScheduleIsExplained(FxRobot robot) {
        MethodAccountant<?> m = GC;
        robot.interact(() -> {
            view.parametersPane().methodBox().setValue(m);
            view.parametersPane().picker(m, "schedule").setValue("decreasing");
        });
        // defaults C0=20, C1=10, η=0.01, λ=50 are the A-7 example
        assertTrue(view.runButton().isDisabled());
        assertTrue(view.calculator().problemProperty().get().startsWith("Infeasible"));
    }
}
