package org.unlearning.workbench.app.fx.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unlearning.workbench.app.fx.TestWindow;
import org.unlearning.workbench.app.fx.WorkbenchView;
import org.unlearning.workbench.engine.run.RunDirectory;
import org.unlearning.workbench.engine.verify.CertificateVerifier.Verification;
import org.unlearning.workbench.engine.verify.CheckResult;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run list's Verify button on a real short run made in the window: the untouched release passes
 * every check, the data checks on the run's own dataset included (lines in the dialog, result in the
 * status bar and log); after ε and the forget set's hash are edited in release/certificate.json the
 * guarantee and forget-set checks fail in the window.
 */
@ExtendWith(ApplicationExtension.class)
class VerifyButtonTest {
    @TempDir
    static Path runs;
    private WorkbenchView view;

    @Start
    void start(Stage stage) {
        view = TestWindow.show(stage, runs, 1200, 780);
    }

    private <T> T fx(java.util.concurrent.Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Presses Verify, waits for the checks and returns them with the dialog's text. */
    private Verification verify(FxRobot robot) throws Exception {
        assertFalse(fx(() -> view.runPanel().verifyButton().isDisabled()), "one finished run selected");
        robot.interact(() -> view.runPanel().verifyButton().fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !fx(() -> view.runPanel().verifyingProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();
        Verification v = fx(() -> view.runPanel().verificationProperty().get());
        assertNotNull(v, view.statusBar().getText());
        return v;
    }

    private String dialogText(FxRobot robot) {
        TextArea area = robot.lookup("#verify-lines").queryAs(TextArea.class);
        String text = area.getText();
        String shot = System.getProperty("uw.verifyShot");   // optional: keep screenshots of the window and dialog
        if (shot != null) {
            robot.interact(() -> {
                try {
                    for (var sc : java.util.List.of(view.getScene(), area.getScene())) {
                        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(sc.snapshot(null), null),
                                "png", Path.of(shot + (sc == view.getScene() ? "-window.png" : "-dialog.png")).toFile());
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        robot.interact(() -> Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getOwner() != null)
                .toList().forEach(w -> ((Stage) w).close()));
        return text;
    }

    @Test
    void verifyPassesOnAnUntouchedRunAndFailsTheGuaranteeAfterEpsilonIsEdited(FxRobot robot) throws Exception {
        robot.interact(() -> {
            try {
                view.applyPreset("mnist-gradclip");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            view.dataModel().trainEpochsProperty().set(1);
            view.dataModel().fineTuneEpochsProperty().set(1);
            view.dataModel().retrainBaselineProperty().set(false);
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.dataModel().loaded());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(() -> view.runPanel().verifyButton().isDisabled()), "no run yet: nothing to verify");
        robot.interact(() -> view.runButton().fire());
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> !fx(() -> view.runController().runningProperty().get())
                && fx(() -> view.runController().runs().stream().allMatch(RunRecord::hasResult)));
        WaitForAsyncUtils.waitForFxEvents();
        RunRecord r = view.runController().runs().get(0);
        assertEquals(RunRecord.Status.CERTIFIED, r.statusProperty().get(), r.detailProperty().get());

        Verification ok = verify(robot);
        assertTrue(ok.passed(), String.join("\n", ok.lines()));
        // the window passes the run's own dataset: the data checks of `verify --data` run too
        assertEquals(java.util.List.of("run-status", "model-hash", "finite-parameters", "guarantee", "status",
                "dataset-hash", "forget-set-hash"), ok.results().stream().map(CheckResult::name).toList());
        assertTrue(ok.lines().get(0).startsWith("PASS run-status — status.json: "), "the window writes status.json "
                + "as the CLI does: " + ok.lines().get(0));
        String shown = dialogText(robot);
        for (String line : ok.lines()) {
            assertTrue(line.startsWith("PASS "), line);
            assertTrue(shown.contains(line), shown);
        }
        assertEquals("Run 1 verified: all 7 checks pass", view.statusBar().getText());
        assertTrue(view.runController().log().contains("Run 1 verified: all 7 checks pass"), view.runController().log());

        // an edited ε: the accountant's recomputed guarantee no longer matches the certificate
        Path cert = RunDirectory.of(r.directory()).certificateFile();
        ObjectMapper m = new ObjectMapper();
        ObjectNode n = (ObjectNode) m.readTree(cert.toFile());
        n.put("epsilon", 0.001);
        // and a certificate claiming another forget set: the rebuilt one no longer hashes to it
        assertTrue(n.path("forget_set_sha256").isTextual(), "the certificate records the forget set's hash: " + n);
        n.put("forget_set_sha256", "0".repeat(64));
        m.writerWithDefaultPrettyPrinter().writeValue(cert.toFile(), n);
        Verification bad = verify(robot);
        assertFalse(bad.passed());
        assertEquals(java.util.List.of("guarantee", "forget-set-hash"), bad.failed(), String.join("\n", bad.lines()));
        String guaranteeLine = bad.lines().stream().filter(l -> l.startsWith("FAIL guarantee")).findFirst().orElseThrow();
        assertTrue(dialogText(robot).contains(guaranteeLine));
        assertTrue(view.statusBar().getText().startsWith("Run 1 failed verification: guarantee"),
                view.statusBar().getText());
    }
}
