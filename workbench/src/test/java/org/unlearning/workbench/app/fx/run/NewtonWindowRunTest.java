package org.unlearning.workbench.app.fx.run;

import org.unlearning.workbench.app.chart.RunSeries;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unlearning.workbench.accounting.method.MethodAccountant;
import org.unlearning.workbench.accounting.newton.NewtonParams;
import org.unlearning.workbench.accounting.registry.MethodRegistry;
import org.unlearning.workbench.app.fx.TestWindow;
import org.unlearning.workbench.app.fx.WorkbenchView;
import org.unlearning.workbench.engine.run.Release;
import org.unlearning.workbench.engine.run.RunResult;
import org.unlearning.workbench.engine.unlearn.Presets;
import org.unlearning.workbench.engine.unlearn.UnlearningConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Newton method from the window (§9) through the one service: preset, calculator Δ / σ, a real
 * one-request run on the bundled digits with the shipped norm-constrained sample model and its
 * retraining baseline, listed with its certificate status, and Cancel.
 */
@ExtendWith(ApplicationExtension.class)
class NewtonWindowRunTest {
    static final MethodAccountant<?> NEWTON = MethodRegistry.get("newton");
    @TempDir
    static Path runs;
    private WorkbenchView view;

    @Start
    void start(Stage stage) {
        view = TestWindow.show(stage, runs, 1200, 780);
    }

    private boolean running() {
        try {
            return WaitForAsyncUtils.asyncFx(() -> view.runController().runningProperty().get()).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void newtonPreset(FxRobot robot, String preset, int requests, boolean retrain) {
        robot.interact(() -> {
            try {
                view.applyPreset(preset);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            view.dataModel().retrainBaselineProperty().set(retrain);
            view.dataPane().requestsControl().setValue(requests);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void presetFillsTheCalculatorAndARunFromTheWindowIsListedWithItsCertificate(FxRobot robot) throws Exception {
        newtonPreset(robot, "mnist-newton", 1, true);
        assertEquals(NEWTON, view.calculator().methodProperty().get());
        NewtonParams preset = Presets.load("mnist-newton", null).method().paramsAs(NewtonParams.class);
        assertEquals(preset.lambda(), view.calculator().numericValues().get("lambda"));
        assertEquals(preset.lissaError(), view.calculator().numericValues().get("lissa_error"));
        assertTrue(view.calculator().readyProperty().get(), String.valueOf(view.calculator().problemProperty().get()));
        // the calculator tab says what dominates Δ, and that releases compose
        javafx.scene.control.Label binding = robot.lookup("#calc-binding").queryAs(javafx.scene.control.Label.class);
        String delta = binding.getText();
        assertTrue(delta.startsWith("Δ = Δ_N + Δ_LiSSA") && delta.contains("σ =") && delta.contains("dominates"), delta);
        javafx.scene.layout.VBox warnings = robot.lookup("#calc-warnings").queryAs(javafx.scene.layout.VBox.class);
        assertTrue(warnings.getChildren().stream().anyMatch(n -> ((javafx.scene.control.Label) n).getText()
                .contains("compose")));
        // the run settings (LiSSA) are generated from the method's schema
        assertEquals(preset.s2(), view.parametersPane().control(NEWTON, "s2").getValue());
        String shot = System.getProperty("uw.newtonScreenshot");   // for looking at the window, not asserted
        if (shot != null) {
            robot.interact(() -> {
                try {
                    view.saveScreenshot(Path.of(shot.replace(".png", "-calculator.png")));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        // the window's configuration is the preset with the controls' values
        UnlearningConfig cfg = WaitForAsyncUtils.asyncFx(() -> view.runConfig(runs.resolve("forget-sets"))).get();
        assertEquals(preset.s2(), cfg.method().paramsAs(NewtonParams.class).s2());
        assertEquals(1, cfg.data().requestCount());
        assertEquals(0.0, cfg.data().validationFraction(), "the preset's data section");
        assertTrue(cfg.retrainBaseline());
        assertEquals("original", cfg.retrainRecipe());

        // a missing model blocks Run with the reason
        String model = view.dataModel().modelPathProperty().get();
        robot.interact(() -> view.dataModel().modelPathProperty().set(runs.resolve("no-model").toString()));
        assertTrue(view.runButton().isDisabled());
        assertTrue(view.dataModel().modelProblemProperty().get().contains("not found"));
        robot.interact(() -> view.dataModel().modelPathProperty().set(model));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.dataModel().loaded());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(view.runButton().isDisabled(), view.runButton().getTooltip().getText());

        robot.interact(() -> view.runButton().fire());
        assertEquals(1, view.runController().runs().size(), view.statusBar().getText());
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> !running());
        WaitForAsyncUtils.waitForFxEvents();

        RunRecord r = view.runController().runs().get(0);
        assertEquals("newton", r.methodId());
        RunResult result = r.resultProperty().get();
        assertNotNull(result, "finished with a result: " + r.detailProperty().get());
        assertEquals(1, result.releases().size());
        Release rel = result.releases().get(0);
        RunRecord.Status expected = rel.certificate().certified() ? RunRecord.Status.CERTIFIED
                : RunRecord.Status.NOT_CERTIFIED;
        assertEquals(expected, r.statusProperty().get(), r.detailProperty().get());
        if (rel.certificate().certified()) {
            assertTrue(r.detailProperty().get().contains("per release"), r.detailProperty().get());
        }
        System.out.printf("Newton run from the window: %s — %s; %.1f s unlearning + certification%n",
                r.statusProperty().get(), r.detailProperty().get(), rel.wallSeconds());
        assertTrue(r.hasResult());
        assertTrue(r.parametersText().startsWith("newton, ε = 1"), r.parametersText());
        assertTrue(r.resultsProperty().get().startsWith("test "), r.resultsProperty().get());
        // per-request charts: accuracy, σ and composed ε, examples processed
        RunSeries s = r.series();
        assertTrue(s.isPerRequest());
        assertEquals(1, s.releaseCount());
        assertEquals(1, s.evaluationCount(false));
        assertEquals(rel.certificate().sigma(), s.noise().getSeries(0).getY(0).doubleValue());
        assertEquals(rel.certificate().epsilon(), s.privacyState().getSeries(0).getY(0).doubleValue());
        assertEquals(rel.distanceToOriginal(), s.gradients().getSeries(2).getY(0).doubleValue());
        assertEquals(rel.examplesProcessed(), s.savings().getValue(0, 0).longValue());
        // against retraining on the same retain set: accuracy, distance, examples and time
        assertNotNull(rel.retrain());
        assertEquals(1, s.evaluationCount(true));
        assertEquals(rel.distanceToRetrain(), s.gradients().getSeries(0).getY(0).doubleValue());
        assertEquals(rel.diagnostics().get("noise_free_distance_to_retrain"),
                s.gradients().getSeries(1).getY(0).doubleValue());
        assertEquals(rel.retrain().examplesProcessed(), s.savings().getValue(1, 0).longValue());
        assertTrue(s.savingsNote().startsWith("time: newton"), s.savingsNote());
        System.out.println("savings: " + s.savingsNote());
        var charts = view.runPanel().charts().charts();
        assertEquals(s.accuracy(), charts.get(0).getXYPlot().getDataset(0));
        assertEquals("deletion request", charts.get(0).getXYPlot().getDomainAxis().getLabel());
        assertTrue(Files.exists(org.unlearning.workbench.engine.run.RunDirectory.of(r.directory()).certificateFile()), "certificate export has its file");
        assertTrue(view.runController().log().contains("compose"), view.runController().log());
        if (shot != null) {
            robot.interact(() -> {
                try {
                    view.saveScreenshot(Path.of(shot));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        // the report of a Newton run
        Path pdf = runs.resolve("newton-report.pdf");
        robot.interact(() -> {
            try {
                view.runPanel().exportReport(r, pdf, false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(Files.readString(pdf, java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
    }

    @Test
    void newtonRunParametersSurviveSaveAndOpenSettings(FxRobot robot) throws Exception {
        newtonPreset(robot, "mnist-newton-sequential", 4, false);
        robot.interact(() -> view.parametersPane().control(NEWTON, "s2").setValue(77));
        Path file = runs.resolve("newton-settings.json");
        robot.interact(() -> {
            try {
                view.saveSettings(file);
                view.applyPreset("mnist-gradclip");
                view.openSettings(file);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(NEWTON, view.calculator().methodProperty().get());
        assertEquals(77, view.parametersPane().control(NEWTON, "s2").getValue());
        assertEquals(4, view.dataPane().requestsControl().getValue());
        assertFalse(view.dataModel().retrainBaselineProperty().get());
    }

    @Test
    void escCancelsANewtonRunWhichIsListedAsNotCertified(FxRobot robot) throws Exception {
        newtonPreset(robot, "mnist-newton-sequential", 3, false);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.dataModel().loaded());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> view.runButton().fire());
        assertEquals(1, view.runController().runs().size(), view.statusBar().getText());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            Double p = WaitForAsyncUtils.asyncFx(() -> view.runController().progressProperty().get()).get();
            return p > 0;
        });
        robot.push(javafx.scene.input.KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !running());
        WaitForAsyncUtils.waitForFxEvents();
        RunRecord r = view.runController().runs().get(0);
        assertEquals(RunRecord.Status.NOT_CERTIFIED, r.statusProperty().get(), r.detailProperty().get());
        assertTrue(r.detailProperty().get().contains("cancelled"), r.detailProperty().get());
        assertTrue(Files.readString(org.unlearning.workbench.engine.run.RunDirectory.of(r.directory()).summaryJson()).contains("cancelled"));
        assertFalse(view.runButton().isDisabled(), "ready for the next run");
    }
}
