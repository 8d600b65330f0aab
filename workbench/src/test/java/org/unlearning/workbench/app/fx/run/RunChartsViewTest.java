package org.unlearning.workbench.app.fx.run;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.unlearning.workbench.app.fx.export.Report;
import org.unlearning.workbench.app.fx.export.ReportExporter;

import javax.imageio.ImageIO;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class RunChartsViewTest {
    private RunChartsView view;

    @Start
    void start(Stage stage) {
        view = new RunChartsView();
        stage.setScene(new Scene(view, 900, 600));
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
    void reportExportsToPdfAndHtml(FxRobot robot, @TempDir Path dir) throws Exception {
        RunSeries a = filled();
        robot.interact(() -> view.show(a, null, null));
        Report r = new Report("Run 1 — gradient clipping (ε = 1, δ = 1e-5)", List.of("status: certified"),
                Map.of("ε", "1", "δ", "1e-5"), "{\n  \"status\": \"certified\"\n}", view.charts());
        Path pdf = dir.resolve("report.pdf");
        ReportExporter.writePdf(r, pdf);
        String s = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
        assertTrue(s.startsWith("%PDF-"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/Type\\s*/Pages[^>]*?/Count\\s+(\\d+)").matcher(s);
        assertTrue(m.find());
        assertEquals("5", m.group(1), "parameters page + 4 charts");

        Path html = dir.resolve("report");
        ReportExporter.writeHtml(r, html);
        String index = Files.readString(html.resolve("index.html"));
        assertTrue(index.contains("ε") && index.contains("chart-4.png"));
        assertNotNull(ImageIO.read(html.resolve("chart-1.png").toFile()));
        assertTrue(Files.readString(html.resolve("certificate.json")).contains("certified"));
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
    }
}
