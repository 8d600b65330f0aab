package org.unlearning.workbench.app.fx;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.unlearning.workbench.app.fx.settings.ExperimentSettings;

import java.nio.file.Path;

/** The workbench window as the TestFX tests open it: default settings, runs under {@code runs}. */
public final class TestWindow {
    private TestWindow() {}

    /** Shows a new window of {@code width} × {@code height} on {@code stage} (call from {@code @Start}). */
    public static WorkbenchView show(Stage stage, Path runs, double width, double height) {
        WorkbenchView view = new WorkbenchView(() -> "test backend", ExperimentSettings.defaults(), runs);
        stage.setScene(new Scene(view, width, height));
        stage.show();
        return view;
    }
}
