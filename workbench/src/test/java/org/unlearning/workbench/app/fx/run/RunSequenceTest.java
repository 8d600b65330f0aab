package org.unlearning.workbench.app.fx.run;

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
        view = TestWindow.show(stage, runs, 1280, 720);
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

    /**
     * The real one-step model-clipping run's noise chart: the step axis spans about 0…1 (not 0.00…1.05
     * in 0.05 ticks), and the δₜ point is drawn — its colour appears inside the plot's data area.
     */
    private void oneStepModelClippingChartIsReadable(RunRecord r) {
        assertEquals(1, r.steps(), "the preset's model clipping has one noisy step");
        var chart = view.runPanel().charts().charts().get(2);
        var plot = chart.getXYPlot();
        var x = plot.getDomainAxis().getRange();
        assertTrue(x.getLowerBound() > -0.5 && x.getUpperBound() < 1.5 && x.getUpperBound() >= 1, x.toString());
        var delta = plot.getDataset(1);
        assertEquals(1, delta.getItemCount(0), "one δₜ value");
        assertTrue(plot.getRangeAxis(1).getRange().contains(delta.getYValue(0, 0)), "δₜ inside its axis");
        org.jfree.chart.ChartRenderingInfo info = new org.jfree.chart.ChartRenderingInfo();
        java.awt.image.BufferedImage img = chart.createBufferedImage(640, 400, info);
        java.awt.geom.Rectangle2D area = info.getPlotInfo().getDataArea();
        java.awt.Color ink = (java.awt.Color) plot.getRenderer(1).getSeriesPaint(0);
        int hits = 0;
        for (int px = (int) area.getMinX(); px < area.getMaxX(); px++) {
            for (int py = (int) area.getMinY(); py < area.getMaxY(); py++) {
                java.awt.Color c = new java.awt.Color(img.getRGB(px, py));
                if (Math.abs(c.getRed() - ink.getRed()) + Math.abs(c.getGreen() - ink.getGreen())
                        + Math.abs(c.getBlue() - ink.getBlue()) < 40) {
                    hits++;
                }
            }
        }
        assertTrue(hits >= 10, "the δₜ marker is drawn in the data area (" + hits + " pixels)");
    }

    @Test
    void fiveRunsInARowEachEndWithTheirOwnStatus(FxRobot robot) throws Exception {
        preset(robot, "mnist-output-perturbation", 1);
        RunRecord r1 = runToEnd(robot, false);
        preset(robot, "mnist-modelclip", 1);
        RunRecord r2 = runToEnd(robot, false);
        oneStepModelClippingChartIsReadable(r2);
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

        // the window's report of run 1 is real text: the guarantee sentence and the released model's hash
        Path pdf = runs.resolve("run1-report.pdf");
        robot.interact(() -> {
            try {
                view.runPanel().exportReport(r1, pdf, false);
                view.runPanel().fireEvent(new org.unlearning.workbench.app.fx.export.ExportEvent("Report PDF", pdf));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(view.statusBar().getText().contains("saved to " + pdf.toAbsolutePath()), view.statusBar().getText());
        String text;
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
        }
        var cert = r1.resultProperty().get().certificate();
        assertTrue(text.contains(cert.unlearnedModelSha256()), "released model's SHA-256 as text");
        String flat = text.replaceAll("\\s+", " ");
        assertTrue(flat.contains(cert.statement().replaceAll("\\s+", " ")), "guarantee sentence:\n" + text);

        // the comparison table: figures as sortable columns; sorting leaves the session's list alone
        var table = view.runPanel().table();
        assertTrue(table.getColumns().size() >= 12, "method, ε, δ, T, σ, accuracies, savings, MIA, status");
        assertTrue(r1.testAccuracy() != null && r1.testAccuracy() > 0.2 && r1.retainAccuracy() > 0.2,
                "accuracies of run 1: " + r1.testAccuracy() + ", " + r1.retainAccuracy());
        assertEquals(1.0, r1.epsilon(), 1e-6);
        assertTrue(r2.steps() >= 1 && r2.sigma() > 0, "model clipping: T and σ");
        assertTrue(r1.miaAuc() != null && r1.miaAuc() >= 0 && r1.miaAuc() <= 1, "membership-inference AUC");
        var testColumn = table.getColumns().stream().filter(c -> c.getId() != null && c.getId().equals("col-test"))
                .findFirst().orElseThrow();
        robot.interact(() -> {
            testColumn.setSortType(javafx.scene.control.TableColumn.SortType.DESCENDING);
            table.getSortOrder().setAll(List.of(testColumn));
        });
        List<RunRecord> shown = List.copyOf(table.getItems());
        for (int i = 1; i < shown.size(); i++) {
            Double a = shown.get(i - 1).testAccuracy();
            Double b = shown.get(i).testAccuracy();
            assertTrue(a == null ? b == null : b == null || a >= b, "sorted by test accuracy, descending");
        }
        assertEquals(List.of(r1, r2, r3, r4, r5), view.runController().runs(), "the session's order is kept");

        // any number of runs overlaid; the legend names every run
        robot.interact(() -> table.getSelectionModel().selectAll());
        var accuracyPlot = view.runPanel().charts().charts().get(0).getXYPlot();
        assertEquals(5, java.util.stream.IntStream.range(0, accuracyPlot.getDatasetCount())
                .filter(i -> accuracyPlot.getDataset(i) != null).count(), "five runs overlaid");
        var legend = new java.util.ArrayList<String>();
        var items = accuracyPlot.getLegendItems();
        for (int i = 0; i < items.getItemCount(); i++) {
            legend.add(items.get(i).getLabel());
        }
        for (RunRecord r : List.of(r1, r2, r3, r4, r5)) {
            assertTrue(legend.stream().anyMatch(l -> l.startsWith(r.name() + " ")), r.name() + " in the legend " + legend);
        }
    }
}
