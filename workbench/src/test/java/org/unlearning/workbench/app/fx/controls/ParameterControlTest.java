package org.unlearning.workbench.app.fx.controls;

import javafx.scene.Scene;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class ParameterControlTest {
    private ParameterControl eps;
    private ParameterControl c0;
    private ParameterControl steps;

    @Start
    void start(Stage stage) {
        eps = new ParameterControl(ParameterSpec.log("epsilon", "ε", "privacy budget", "", 0.01, 100, 1,
                "How much the unlearned model may differ from retraining."));
        c0 = new ParameterControl(ParameterSpec.linear("C0", "C₀", "model clip", "", 0.01, 50, 1, "radius"));
        steps = new ParameterControl(ParameterSpec.integer("T", "T", "steps", "", 1, 100, 5, "steps"));
        stage.setScene(new Scene(new VBox(eps, c0, steps), 600, 200));
        stage.show();
    }

    @Test
    void logSliderMapsToTheValueAndTheFieldShowsItExactly(FxRobot robot) {
        robot.interact(() -> eps.slider().setValue(-2.0 + 0.5));   // log10 ε = -1.5
        assertEquals(NumberText.roundSignificant(Math.pow(10, -1.5), 3), eps.getValue());
        assertEquals(eps.getValue(), NumberText.parse(eps.field().getText()));
        assertTrue(eps.isValid());
    }

    @Test
    void typingAValidNumberMovesTheSlider(FxRobot robot) {
        robot.clickOn(c0.field()).eraseText(c0.field().getText().length()).write("12.5");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(12.5, c0.getValue());
        assertEquals(12.5, c0.slider().getValue(), 1e-12);
        robot.interact(() -> eps.field().setText("1e-1"));
        assertEquals(0.1, eps.getValue());
        assertEquals(-1.0, eps.slider().getValue(), 1e-12);
    }

    @Test
    void invalidInputIsShownOnTheFieldWithoutChangingTheValue(FxRobot robot) {
        double before = c0.getValue();
        robot.interact(() -> c0.field().setText("abc"));
        assertFalse(c0.isValid());
        assertTrue(c0.problemProperty().get().contains("not a number"), c0.problemProperty().get());
        assertTrue(c0.field().getPseudoClassStates().contains(ParameterControl.INVALID));
        assertEquals(before, c0.getValue());

        robot.interact(() -> c0.field().setText("75"));
        assertFalse(c0.isValid());
        assertTrue(c0.problemProperty().get().contains("must be in [0.01, 50]"), c0.problemProperty().get());

        robot.interact(() -> steps.field().setText("2.5"));
        assertTrue(steps.problemProperty().get().contains("whole number"));

        robot.interact(() -> c0.field().setText("3"));
        assertTrue(c0.isValid());
        assertNull(c0.problemProperty().get());
        assertFalse(c0.field().getPseudoClassStates().contains(ParameterControl.INVALID));
        assertEquals(3.0, c0.getValue());
    }

    @Test
    void programmaticValuesUpdateFieldAndSlider(FxRobot robot) {
        robot.interact(() -> eps.setValue(1e-2));
        assertEquals("0.01", eps.field().getText());
        assertEquals(-2.0, eps.slider().getValue(), 1e-12);
        robot.interact(() -> steps.slider().setValue(7.4));
        assertEquals(7.0, steps.getValue());
    }
}
