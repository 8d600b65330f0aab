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
import org.unlearning.workbench.accounting.method.Calculation;
import org.unlearning.workbench.app.fx.TestWindow;
import org.unlearning.workbench.app.fx.WorkbenchView;
import org.unlearning.workbench.engine.run.RunResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real short runs on the bundled MNIST through the window's Run button and Cancel. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchRunTest {
    @TempDir
    static Path runs;
    private WorkbenchView view;

    @Start
    void start(Stage stage) {
        view = TestWindow.show(stage, runs, 1200, 780);
    }

    /** Worker state may only be read on the FX thread. */
    private boolean running() {
        try {
            return WaitForAsyncUtils.asyncFx(() -> view.runController().runningProperty().get()).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void shortGradientClipping(FxRobot robot, int fineTuneEpochs, boolean retrain) throws Exception {
        robot.interact(() -> {
            try {
                view.applyPreset("mnist-gradclip");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            view.dataModel().trainEpochsProperty().set(1);
            view.dataModel().fineTuneEpochsProperty().set(fineTuneEpochs);
            view.dataModel().retrainBaselineProperty().set(retrain);
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.dataModel().loaded());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(view.runButton().isDisabled(), view.runButton().getTooltip().getText());
    }

    @Test
    void aShortRunFillsTheChartsAndEndsCertified(FxRobot robot) throws Exception {
        shortGradientClipping(robot, 1, true);
        Calculation planned = view.calculator().calculationProperty().get();
        robot.interact(() -> view.runButton().fire());
        assertFalse(view.runController().runs().isEmpty(), view.statusBar().getText());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> running()
                || !view.runController().runs().isEmpty());
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> !running());
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(1, view.runController().runs().size());
        RunRecord r = view.runController().runs().get(0);
        RunResult result = r.resultProperty().get();
        assertNotNull(result, "finished with a result: " + r.detailProperty().get());
        assertEquals(RunRecord.Status.CERTIFIED, r.statusProperty().get(), r.detailProperty().get());
        assertEquals(planned.steps().intValue(), result.certificate().noisySteps());
        assertEquals(planned.epsilon(), result.certificate().epsilon(), 1e-9 * planned.epsilon());
        RunSeries s = r.series();
        assertEquals(planned.steps().intValue(), s.noisyStepCount(), "σₜ plotted for every noisy step");
        assertTrue(s.stepCount() > planned.steps(), "gradient norms of noisy and fine-tune steps");
        assertTrue(s.evaluationCount(false) >= 2, "unlearning accuracy points");
        assertTrue(s.evaluationCount(true) >= 1, "retraining accuracy points");
        assertEquals(s.privacyState().getSeries(0).getItemCount(), planned.steps().intValue());
        // the charts show this run's data
        var accuracyPlot = view.runPanel().charts().charts().get(0).getXYPlot();
        assertTrue(accuracyPlot.getDataset(0).getItemCount(0) >= 2);
        assertTrue(view.runPanel().charts().charts().get(3).getCategoryPlot().getDataset().getRowCount() > 0,
                "compute savings");
        assertTrue(Files.exists(org.unlearning.workbench.engine.run.RunDirectory.of(r.directory()).certificateFile()));
        assertTrue(view.runController().log().contains("Run 1: certified"), view.runController().log());
        // the FX thread was never flooded
        // events reach the FX thread only through the frame batcher (its budget is tested in
        // RunChartsViewTest); frame timing is reported, not asserted (the machine is shared)
        FrameBatcher<?> b = view.runController().batcher();
        assertTrue(b.frames() > 0);
        System.out.printf("frame stats: %d frames with events, %d over 2x the %d ms budget, max %.1f ms%n",
                b.frames(), b.slowFrames(), FrameBatcher.FRAME_BUDGET_NANOS / 1_000_000, b.maxFrameNanos() / 1e6);

        // report export of the finished run
        Path pdf = Path.of(System.getProperty("uw.keepReport", runs.resolve("report.pdf").toString()));
        robot.interact(() -> {
            try {
                view.runPanel().exportReport(r, pdf, false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {   // the document 'report RUN_DIR' writes
            assertTrue(new org.apache.pdfbox.text.PDFTextStripper().getText(doc)
                    .contains(result.certificate().unlearnedModelSha256()), "report text has the released model's hash");
        }

        // a second run (output perturbation), then both selected in the runs list: overlaid
        robot.interact(() -> {
            try {
                view.applyPreset("mnist-output-perturbation");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            view.dataModel().fineTuneEpochsProperty().set(1);
            view.dataModel().retrainBaselineProperty().set(false);
            view.runButton().fire();
        });
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> !running());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, view.runController().runs().size());
        RunRecord second = view.runController().runs().get(1);
        assertEquals(RunRecord.Status.CERTIFIED, second.statusProperty().get(), second.detailProperty().get());
        robot.interact(() -> view.runPanel().table().getSelectionModel().selectIndices(1, 0));
        assertTrue(accuracyPlot.getDataset(1) != null && accuracyPlot.getDataset(1).getItemCount(0) >= 1,
                "the other run is overlaid");
        assertEquals(java.util.Set.of(r.series().accuracy(), second.series().accuracy()),
                java.util.Set.of(accuracyPlot.getDataset(0), accuracyPlot.getDataset(1)), "both runs shown");
        robot.interact(() -> {
            view.runPanel().table().getSelectionModel().clearSelection();
            view.runPanel().table().getSelectionModel().select(1);
        });
        assertEquals(null, accuracyPlot.getDataset(1), "one selected: no overlay");
    }

    @Test
    void cancelStopsWithinASecondAndListsTheRunAsNotCertified(FxRobot robot) throws Exception {
        // Esc (the Cancel menu accelerator) stops the run
        shortGradientClipping(robot, 30, false);
        robot.interact(() -> view.runButton().fire());
        assertFalse(view.runController().runs().isEmpty(), view.statusBar().getText());
        // wait until the run is in its fine-tune phase (after the noisy steps)
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> {
            RunRecord r = view.runController().currentProperty().get();
            return r != null && r.series().stepCount() > r.series().noisyStepCount() + 5;
        });
        AtomicBoolean stopped = new AtomicBoolean();
        long t0 = System.nanoTime();
        robot.push(javafx.scene.input.KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !running());
        double seconds = (System.nanoTime() - t0) / 1e9;
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(seconds < 1.0, "stopped after " + seconds + " s");
        RunRecord r = view.runController().runs().get(0);
        assertEquals(RunRecord.Status.NOT_CERTIFIED, r.statusProperty().get(), r.detailProperty().get());
        assertTrue(r.detailProperty().get().toLowerCase().contains("cancel"), r.detailProperty().get());
        assertFalse(view.runButton().isDisabled(), "ready for the next run");
        stopped.set(true);
    }

    @Test
    void dpSgdTrainsItsOwnOriginalFromTheWindowAndEndsCertified(FxRobot robot) throws Exception {
        robot.interact(() -> {
            try {
                view.applyPreset("mnist-dpsgd");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            var m = view.parametersPane().methodBox().getValue();
            assertEquals("dp_sgd", m.key());
            view.parametersPane().control(m, "epochs").setValue(1);
            view.dataModel().fineTuneEpochsProperty().set(1);
            view.dataModel().retrainBaselineProperty().set(false);
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.dataModel().loaded());
        // DP-SGD's noise search runs off the FX thread; Run waits for its exact plan
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !view.calculator().provisionalProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(view.runButton().isDisabled(), view.runButton().getTooltip().getText());
        int before = view.runController().runs().size();
        robot.interact(() -> view.runButton().fire());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> view.runController().runs().size() > before);
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> !running());
        WaitForAsyncUtils.waitForFxEvents();
        RunRecord r = view.runController().runs().get(before);
        assertEquals(RunRecord.Status.CERTIFIED, r.statusProperty().get(), r.detailProperty().get());
        RunResult result = r.resultProperty().get();
        // one epoch of Poisson-sampled DP-SGD on the 7,200 training images with B = 128: ceil(7200 / 128) steps
        assertEquals(57, result.certificate().noisySteps());
        assertEquals(57, r.series().noisyStepCount(), "every DP-SGD step reaches the charts");
        assertTrue(result.certificate().epsilon() <= 50 + 1e-9);
    }
}
