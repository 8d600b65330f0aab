package org.unlearning.workbench.app.cli;

import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unlearning.workbench.accounting.method.MethodAccountant;
import org.unlearning.workbench.app.fx.CommandLineText;
import org.unlearning.workbench.app.fx.TestWindow;
import org.unlearning.workbench.app.fx.WorkbenchView;
import org.unlearning.workbench.engine.unlearn.UnlearningConfig;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Run → Copy as command line: the window's command, parsed by the real {@code unlearn} command,
 * gives exactly the configuration the Run button would start (here because the test may see both
 * app.fx and app.cli; the classes themselves never import each other).
 */
@ExtendWith(ApplicationExtension.class)
class CopyCommandLineTest {
    @TempDir
    static Path dir;
    private WorkbenchView view;

    @Start
    void start(Stage stage) {
        view = TestWindow.show(stage, dir.resolve("runs"), 1280, 720);
    }

    private UnlearningConfig windowConfig(FxRobot robot) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> view.runConfig(dir.resolve("next"))).get();
    }

    private String command() throws Exception {
        return WaitForAsyncUtils.asyncFx(view::commandLine).get();
    }

    @Test
    void theCommandReproducesTheNextRun(FxRobot robot) throws Exception {
        robot.interact(() -> {
            try {
                view.applyPreset("mnist-gradclip");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            MethodAccountant<?> m = view.calculator().methodProperty().get();
            view.parametersPane().control(m, "epsilon").setValue(2.5);
            view.parametersPane().control(m, "c1").setValue(0.75);
            view.dataModel().forgetFractionProperty().set(0.02);
            view.dataModel().requestsProperty().set(2);
            view.dataModel().retrainBaselineProperty().set(false);
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.dataModel().loaded());
        String cmd = command();
        String prefix = CommandLineText.CLI + " unlearn ";
        assertTrue(cmd.startsWith(prefix + "--preset mnist-gradclip "), cmd);
        assertTrue(cmd.contains("--param epsilon=2.5") && cmd.contains("--param c1=0.75")
                && cmd.contains("--forget-fraction 0.02") && cmd.contains("--requests 2")
                && cmd.contains("--no-retrain-baseline"), cmd);
        UnlearnCommand unlearn = new UnlearnCommand();
        new CommandLine(unlearn).parseArgs(cmd.substring(prefix.length()).split(" "));
        assertEquals(windowConfig(robot).toJson(), unlearn.resolve().toJson(), "same configuration as Run");

        // a setting no option of unlearn can say: the exact configuration in a here-document
        robot.interact(() -> view.dataModel().fineTuneEpochsProperty().set(3));
        String longForm = command();
        assertTrue(longForm.startsWith("cat > run-config.json <<'EOF'\n"), longForm);
        assertTrue(longForm.endsWith("unlearn --config run-config.json --out runs/from-window"), longForm);
        String json = longForm.substring(longForm.indexOf('\n') + 1, longForm.indexOf("\nEOF\n"));
        assertEquals(windowConfig(robot).toJson(), UnlearningConfig.parse(json, true, "copied").toJson());
        assertEquals(3, UnlearningConfig.parse(json, true, "copied").fineTune().epochs());
    }
}
