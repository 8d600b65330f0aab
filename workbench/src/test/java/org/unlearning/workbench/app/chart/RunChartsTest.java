package org.unlearning.workbench.app.chart;

import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.Range;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunChartsTest {
    /** A model-clipping run with one noisy step (δₜ after it) and 40 noise-free fine-tuning steps. */
    static RunSeries oneStepModelClipping() {
        RunSeries s = new RunSeries(RunSeries.privacyLabel("model_clipping"));
        s.beginBatch();
        s.addStep(0, true, 0.91, 0.01, 1.754633331895971e-8);
        for (int t = 1; t <= 40; t++) {
            s.addStep(t, false, 0.5 + 0.01 * t, 0, null);
        }
        s.addEvaluation(false, 0, 0.85, 0.86, 0.87);
        s.addEvaluation(false, 128, 0.07, 0.07, 0.05);
        for (int e = 1; e <= 4; e++) {
            s.addEvaluation(false, 128 + 1280L * e, 0.6 + 0.07 * e, 0.6 + 0.07 * e, 0.6 + 0.06 * e);
            s.addEvaluation(true, 1280L * e, 0.5 + 0.08 * e, 0.5 + 0.08 * e, 0.5 + 0.07 * e);
        }
        s.endBatch();
        s.setSavings(0.8, 3968L, 5120L);
        return s;
    }

    private static ChartRenderingInfo draw(JFreeChart c) {
        BufferedImage img = new BufferedImage(640, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = img.createGraphics();
        ChartRenderingInfo info = new ChartRenderingInfo();
        c.draw(g2, new Rectangle2D.Double(0, 0, 640, 400), info);
        g2.dispose();
        return info;
    }

    /** Major (labelled) ticks the axis draws in the chart's data area. */
    private static List<?> ticks(Axis axis, JFreeChart c, RectangleEdge edge) {
        ChartRenderingInfo info = draw(c);
        BufferedImage img = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = img.createGraphics();
        List<?> t = axis.refreshTicks(g2, new AxisState(), info.getPlotInfo().getDataArea(), edge);
        g2.dispose();
        return t.stream().filter(x -> !(x instanceof org.jfree.chart.axis.ValueTick v)
                || v.getTickType() == org.jfree.chart.axis.TickType.MAJOR).toList();
    }

    @Test
    void oneStepModelClippingRunHasAReadableNoiseChartWithAVisibleDeltaPoint() {
        RunCharts charts = new RunCharts();
        charts.show(new RunCharts.Shown("Run 1 · model clipping", oneStepModelClipping()));
        XYPlot p = charts.noise().getXYPlot();
        draw(charts.noise());

        Range x = p.getDomainAxis().getRange();
        assertTrue(x.getLowerBound() >= -0.5 && x.getLowerBound() <= 0, "starts at step 0: " + x);
        assertTrue(x.getUpperBound() >= 1 && x.getUpperBound() <= 1.5, "one step spans 0…1, not 0…1.05 in 0.05 steps: " + x);
        List<?> xt = ticks(p.getDomainAxis(), charts.noise(), RectangleEdge.BOTTOM);
        assertEquals(List.of(0.0, 1.0), xt.stream().map(t -> ((org.jfree.chart.axis.ValueTick) t).getValue()).toList(),
                "integer ticks only");

        // δₜ: dataset 1 on the right (log) axis, drawn as a marker (a single point has no line)
        assertEquals(1, p.getDataset(1).getItemCount(0));
        ValueAxis right = p.getRangeAxisForDataset(1);
        assertTrue(right.getRange().contains(1.754633331895971e-8), right.getRange().toString());
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) p.getRenderer(1);
        assertTrue(r.getItemShapeVisible(0, 0), "the single δₜ point carries a marker");
        assertTrue(r.getSeriesShape(0).getBounds2D().getWidth() >= 5, "marker large enough to see");
        assertNotEquals(Color.WHITE, r.getSeriesPaint(0));
        assertTrue(((java.awt.BasicStroke) r.getSeriesStroke(0)).getLineWidth() >= 1.5f);
        assertTrue(ticks(right, charts.noise(), RectangleEdge.RIGHT).size() >= 2, "right axis has ticks");
        assertTrue(p.getRangeAxis(0).isVisible() && right.isVisible());
    }

    @Test
    void emptyChartsShowAPlaceholderInsteadOfAxes() {
        RunCharts charts = new RunCharts();
        charts.setNoDataMessage("No data yet — press Run");
        charts.show(new RunCharts.Shown("Run 1", new RunSeries("δₜ")));
        for (JFreeChart c : charts.charts()) {
            draw(c);
            if (c.getPlot() instanceof RunPlot p) {
                assertTrue(p.isEmpty());
                assertEquals("No data yet — press Run", p.getNoDataMessage());
                assertFalse(p.getDomainAxis().isVisible(), "no −5E-9…5E-9 axes");
                assertFalse(p.getRangeAxis().isVisible());
                assertFalse(p.isDomainGridlinesVisible());
            } else {
                CategoryPlot cp = (CategoryPlot) c.getPlot();
                assertFalse(cp.getRangeAxis().isVisible());
                assertFalse(cp.isRangeGridlinesVisible(), "no grid without bars");
            }
        }
        // the first data make the axes appear
        RunSeries s = new RunSeries("δₜ");
        charts.show(new RunCharts.Shown("Run 2", s));
        s.addStep(0, true, 1.0, 0.5, 1e-3);
        assertTrue(charts.noise().getXYPlot().getDomainAxis().isVisible());
        assertTrue(charts.gradients().getXYPlot().getRangeAxis().isVisible());
    }

    @Test
    void everyAxisOfEveryChartHasAtLeastTwoTicks() {
        RunSeries gc = new RunSeries(RunSeries.privacyLabel("gradient_clipping"));
        gc.setGradientClip(1.0);
        for (int t = 0; t < 30; t++) {   // ρ_R within one decade: JFreeChart's log axis showed only "0.1"
            gc.addStep(t, t < 10, 2.0 / (1 + t), 0.5, t < 10 ? 0.08 + 0.004 * t : null);
        }
        gc.addEvaluation(false, 0, 0.9, 0.9, 0.9);
        gc.addEvaluation(false, 3840, 0.91, 0.92, 0.9);
        gc.setSavings(0.9, 2000L, 5000L);
        for (RunSeries s : List.of(gc, oneStepModelClipping())) {
            RunCharts charts = new RunCharts();
            charts.show(new RunCharts.Shown("run", s));
            for (JFreeChart c : charts.charts()) {
                if (c.getPlot() instanceof XYPlot p) {
                    assertTrue(ticks(p.getDomainAxis(), c, RectangleEdge.BOTTOM).size() >= 2, c.getTitle().getText());
                    assertTrue(ticks(p.getRangeAxis(0), c, RectangleEdge.LEFT).size() >= 2, c.getTitle().getText());
                    if (p.getRangeAxis(1) != null) {
                        assertTrue(ticks(p.getRangeAxis(1), c, RectangleEdge.RIGHT).size() >= 2,
                                c.getTitle().getText() + " right axis");
                    }
                } else {
                    CategoryPlot cp = (CategoryPlot) c.getPlot();
                    assertTrue(ticks(cp.getRangeAxis(), c, RectangleEdge.BOTTOM).size() >= 2, "savings");
                }
            }
        }
    }

    @Test
    void logAxisTicksWithinADecadeAndAcrossDecades() {
        assertTrue(ReadableLogAxis.tickValues(0.08, 0.12).size() >= 2);
        assertTrue(ReadableLogAxis.tickValues(1.2e-8, 3.5e-8).size() >= 2);
        assertEquals(List.of(1e-8, 1e-7, 1e-6, 1e-5), ReadableLogAxis.tickValues(5e-9, 2e-5).stream()
                .map(v -> Double.parseDouble(String.format("%.3g", v))).toList());
        assertTrue(ReadableLogAxis.tickValues(0.06, 0.61).size() >= 2, "one decade with a single power of ten");
        Range single = ReadableLogAxis.range(new Range(1e-8, 1e-8));
        assertTrue(single.getLowerBound() <= 5e-9 && single.getUpperBound() >= 2e-8, single.toString());
        assertEquals(new Range(-0.04, 1.04), CountAxis.range(new Range(0, 0)));
        assertEquals(new Range(0, 1), CountAxis.range(null));
    }

    @Test
    void theSixAccuracySeriesDifferInColourAndInDashOrMarker() {
        RunCharts charts = new RunCharts();
        charts.show(new RunCharts.Shown("run", oneStepModelClipping()));
        XYPlot p = charts.accuracy().getXYPlot();
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) p.getRenderer(0);
        Set<Object> colours = new HashSet<>();
        Set<String> patterns = new HashSet<>();   // what survives greyscale print
        for (int i = 0; i < 6; i++) {
            colours.add(r.getSeriesPaint(i));
            java.awt.BasicStroke st = (java.awt.BasicStroke) r.getSeriesStroke(i);
            patterns.add(java.util.Arrays.toString(st.getDashArray()) + " " + r.getSeriesShape(i).getBounds2D());
        }
        assertEquals(6, colours.size());
        assertEquals(6, patterns.size());
        for (Object c : colours) {
            assertTrue(List.of(SeriesStyle.PALETTE).contains(c), "Okabe–Ito colour: " + c);
        }
    }

    @Test
    void logAxisIsLogarithmicForSmallValues() {
        RunSeries a = oneStepModelClipping();
        RunSeries b = new RunSeries(RunSeries.privacyLabel("gradient_clipping"));
        for (int t = 0; t < 6; t++) {
            b.addStep(t, true, 1, 0.04, 0.1 / (1 + t));
        }
        RunCharts charts = new RunCharts();
        charts.show(List.of(new RunCharts.Shown("a", a), new RunCharts.Shown("b", b)));
        XYPlot p = charts.noise().getXYPlot();
        draw(charts.noise());
        Rectangle2D area = new Rectangle2D.Double(0, 0, 100, 700);
        ValueAxis right = p.getRangeAxis(1);
        double y1 = right.valueToJava2D(1e-8, area, RectangleEdge.RIGHT);
        double y2 = right.valueToJava2D(1e-7, area, RectangleEdge.RIGHT);
        double y3 = right.valueToJava2D(1e-1, area, RectangleEdge.RIGHT);
        double y4 = right.valueToJava2D(1e-2, area, RectangleEdge.RIGHT);
        assertEquals(y1 - y2, y4 - y3, 1e-6, "a decade is a decade at both ends of the axis");
        LegendItemCollection g = charts.gradients().getXYPlot().getLegendItems();
        List<String> labels = new java.util.ArrayList<>();
        for (int i = 0; i < g.getItemCount(); i++) {
            labels.add(g.get(i).getLabel());
        }
        assertTrue(labels.contains("‖g‖ before clipping"), labels.toString());
        List<String> noise = new java.util.ArrayList<>();
        LegendItemCollection n = charts.noise().getXYPlot().getLegendItems();
        for (int i = 0; i < n.getItemCount(); i++) {
            noise.add(n.get(i).getLabel());
        }
        assertTrue(noise.contains("δₜ / ρ_R if stopped here"), "one line style, both methods' names: " + noise);
    }

    @Test
    void anyNumberOfRunsOverlayAndTheLegendNamesThem() {
        RunCharts charts = new RunCharts();
        charts.show(List.of(new RunCharts.Shown("Run 1 · model clipping", oneStepModelClipping()),
                new RunCharts.Shown("Run 2 · model clipping", oneStepModelClipping()),
                new RunCharts.Shown("Run 3 · model clipping", oneStepModelClipping())));
        XYPlot p = charts.accuracy().getXYPlot();
        assertEquals(3, p.getDatasetCount());
        LegendItemCollection legend = p.getLegendItems();
        List<String> labels = new java.util.ArrayList<>();
        for (int i = 0; i < legend.getItemCount(); i++) {
            labels.add(legend.get(i).getLabel());
        }
        assertTrue(labels.containsAll(List.of("Run 1 · model clipping", "Run 2 · model clipping",
                "Run 3 · model clipping", "unlearning · test", "retraining · retain")), labels.toString());
        assertEquals(3 + 6, labels.size(), "one entry per run and one per series: " + labels);
        for (int r = 0; r < 3; r++) {
            assertEquals(SeriesStyle.color(r), p.getRenderer(r).getSeriesPaint(0), "colour = run");
        }
        assertEquals(6, charts.noise().getXYPlot().getDatasetCount(), "σ and δₜ of each run");
        draw(charts.accuracy());
    }
}
