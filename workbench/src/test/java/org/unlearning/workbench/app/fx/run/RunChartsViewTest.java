package org.unlearning.workbench.app.fx.run;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.unlearning.workbench.app.chart.RunCharts;
import org.unlearning.workbench.app.chart.RunSeries;
import org.unlearning.workbench.app.fx.charts.ChartView;
import org.unlearning.workbench.app.fx.export.ExportEvent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class RunChartsViewTest {
    private RunChartsView view;

    @Start
    void start(Stage stage) {
        view = new RunChartsView();
        stage.setScene(new Scene(view, 1100, 700));
        stage.show();
    }

    private static RunSeries filled() {
        RunSeries s = new RunSeries("ρ_R so far");
        s.setGradientClip(1.0);
        s.beginBatch();
        for (int t = 0; t < 30; t++) {
            s.addStep(t, t < 6, 2.0 / (1 + t), 0.5, t < 6 ? 0.01 * (t + 1) : null);
        }
        for (int e = 1; e <= 5; e++) {
            s.addEvaluation(false, e * 1000L, 0.8 + 0.02 * e, 0.81 + 0.02 * e, 0.7 + 0.02 * e);
            s.addEvaluation(true, e * 1000L, 0.5 + 0.08 * e, 0.5 + 0.08 * e, 0.5 + 0.07 * e);
        }
        s.endBatch();
        s.setSavings(0.85, 2000L, 5000L);
        return s;
    }

    /** The data of a real one-step model-clipping run as the engine reports it: one noisy step, then fine-tuning. */
    private static RunSeries oneStepModelClipping() {
        RunSeries s = new RunSeries(RunSeries.privacyLabel("model_clipping"));
        s.addStep(0, true, 0.91, 0.01, 1.754633331895971e-8);
        for (int t = 1; t <= 50; t++) {
            s.addStep(t, false, 0.6, 0, null);
        }
        s.addEvaluation(false, 0, 0.85, 0.86, 0.87);
        s.addEvaluation(false, 128, 0.07, 0.07, 0.05);
        s.addEvaluation(false, 6528, 0.88, 0.88, 0.87);
        return s;
    }

    @Test
    void batchedSeriesFeedTheChartsAndTwoRunsOverlay(FxRobot robot) {
        RunSeries a = filled();
        RunSeries b = filled();
        robot.interact(() -> view.show(a, b, "run 2"));
        assertEquals(30, a.stepCount());
        assertEquals(6, a.noisyStepCount());
        assertEquals(5, a.evaluationCount(true));
        var ap = view.charts().get(0).getXYPlot();
        assertEquals(6, ap.getDataset(0).getSeriesCount());
        assertEquals(6, ap.getDataset(1).getSeriesCount(), "overlay dataset");
        assertTrue(view.charts().get(0).getLegend() != null);
        assertEquals("unlearning needed 40 % of retraining's compute (savings 60 %)", a.savingsNote());
        var clip = ((org.jfree.data.xy.XYSeriesCollection) view.charts().get(1).getXYPlot().getDataset(0)).getSeries(1);
        assertEquals(1.0, clip.getY(0).doubleValue(), "C₁ line");
        assertEquals(29.0, clip.getX(1).doubleValue(), "spans every step");
    }

    @Test
    void oneStepModelClippingRunShowsAReadableDeltaChart(FxRobot robot) {
        RunSeries s = oneStepModelClipping();
        robot.interact(() -> view.show(List.of(new RunCharts.Shown("Run 1 · model clipping", s))));
        robot.sleep(100);
        XYPlot np = view.charts().get(2).getXYPlot();
        Range x = np.getDomainAxis().getRange();
        assertTrue(x.getLowerBound() > -0.5 && x.getUpperBound() < 1.5 && x.getUpperBound() >= 1, x.toString());
        assertTrue(((org.jfree.chart.renderer.xy.XYLineAndShapeRenderer) np.getRenderer(1)).getItemShapeVisible(0, 0),
                "δₜ point drawn as a marker");
        assertTrue(np.getRangeAxis(1).getRange().contains(1.754633331895971e-8));
        assertTrue(np.getDomainAxis().isVisible(), "axes appear once there are data");
        String accuracyLine = ((org.jfree.chart.title.TextTitle) view.charts().get(0).getSubtitle(0)).getText();
        assertTrue(accuracyLine.startsWith("Run 1 · model clipping"), "names the run: " + accuracyLine);
        String privateLine = ((org.jfree.chart.title.TextTitle) view.charts().get(0).getSubtitle(1)).getText();
        assertTrue(privateLine.startsWith("private — not covered by the certificate"), privateLine);
    }

    @Test
    void littleRoomShowsOneChartPerTabAndTheGridReturnsWithRoom(FxRobot robot) {
        assertFalse(view.isCompact(), "1100×700: the 2×2 grid");
        assertEquals(4, view.getChildren().size());
        robot.interact(() -> view.getScene().getWindow().setHeight(480));
        robot.sleep(100);
        assertTrue(view.isCompact(), "a short window: one chart per tab (height " + view.getHeight() + ")");
        assertEquals(List.of(view.chartTabs()), view.getChildren());
        for (int i = 0; i < 4; i++) {
            assertEquals(view.views().get(i), view.chartTabs().getTabs().get(i).getContent());
        }
        robot.interact(() -> view.chartTabs().getSelectionModel().select(2));
        assertTrue(view.views().get(2).getHeight() > 300, "the chart gets the whole height: " + view.views().get(2).getHeight());
        robot.interact(() -> view.getScene().getWindow().setHeight(760));
        robot.sleep(100);
        assertFalse(view.isCompact());
        assertEquals(4, view.getChildren().size());
    }

    @Test
    void crosshairReadoutIsAnOverlayAndTheExportButtonsKeepTheirText(FxRobot robot, @TempDir Path dir) throws Exception {
        RunSeries s = filled();
        robot.interact(() -> view.show(List.of(new RunCharts.Shown("Run 1", s))));
        ChartView chart = view.views().get(2);
        assertTrue(chart.readout().getParent() instanceof StackPane, "read-out sits over the chart");
        for (Node n : robot.from(chart).lookup(".chart-tool").queryAll()) {
            Button b = (Button) n;
            assertTrue(b.getWidth() >= b.prefWidth(-1) - 0.5, b.getText() + " is not squeezed: " + b.getWidth());
        }
        var area = chart.viewer().getCanvas().getRenderingInfo().getPlotInfo().getDataArea();
        Bounds canvas = chart.viewer().getCanvas().localToScreen(chart.viewer().getCanvas().getBoundsInLocal());
        robot.moveTo(new javafx.geometry.Point2D(canvas.getMinX() + area.getCenterX(), canvas.getMinY() + area.getCenterY()));
        robot.sleep(150);
        assertTrue(chart.readout().isVisible(), "read-out shown under the mouse");
        assertTrue(chart.readout().getText().contains("step = "), chart.readout().getText());
        assertTrue(chart.readout().getText().contains("σₜ = "), chart.readout().getText());
        assertTrue(chart.readout().getText().split("\n").length == 3, "x, left and right axis: " + chart.readout().getText());

        AtomicReference<String> saved = new AtomicReference<>();
        robot.interact(() -> view.addEventHandler(ExportEvent.SAVED, e -> saved.set(e.message())));
        Path png = dir.resolve("noise.png");
        robot.interact(() -> {
            try {
                chart.export(png);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(Files.size(png) > 1000);
        assertEquals("Chart PNG saved to " + png.toAbsolutePath(), saved.get());
    }

    @Test
    void frameBatcherDeliversEverythingInOrderWithinItsBudget(FxRobot robot) throws Exception {
        List<Integer> got = new ArrayList<>();
        AtomicInteger batches = new AtomicInteger();
        FrameBatcher<Integer> b = new FrameBatcher<>(list -> {
            batches.incrementAndGet();
            got.addAll(list);
        });
        Thread producer = new Thread(() -> {
            for (int i = 0; i < 20_000; i++) {
                b.offer(i);
            }
        });
        producer.start();
        producer.join();
        robot.interact(() -> b.drain(0));      // zero budget: delivers nothing
        assertEquals(0, got.size());
        robot.interact(b::stop);
        assertEquals(20_000, got.size());
        for (int i = 0; i < got.size(); i++) {
            assertEquals(i, got.get(i));
        }
        assertTrue(batches.get() >= 20_000 / 256, "delivered in chunks");
        assertFalse(got.isEmpty());
    }
}
