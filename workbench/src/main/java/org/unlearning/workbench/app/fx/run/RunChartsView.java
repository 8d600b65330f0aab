package org.unlearning.workbench.app.fx.run;

import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardXYSeriesLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeriesCollection;
import org.unlearning.workbench.app.fx.charts.ChartView;
import org.unlearning.workbench.app.fx.charts.Charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;

/**
 * The four live charts of a run: accuracy (test / retain / forget) against examples processed for
 * unlearning and retraining; gradient norm before clipping with the C₁ line; σₜ and the privacy
 * state against step; compute savings. A second run can be overlaid (dashed lines).
 */
public final class RunChartsView extends GridPane {
    private final JFreeChart accuracy;
    private final JFreeChart gradients;
    private final JFreeChart noise;
    private final JFreeChart savings;
    private final org.jfree.chart.title.LegendTitle savingsLegend;
    private final ChartView accuracyView;
    private final ChartView gradientView;
    private final ChartView noiseView;
    private final ChartView savingsView;
    private final javafx.animation.Timeline repaint = new javafx.animation.Timeline(
            new javafx.animation.KeyFrame(javafx.util.Duration.millis(250), e -> repaintOnce()));
    private boolean live;
    private final NumberAxis gradientAxis;
    private final LogarithmicAxis distanceAxis = new LogarithmicAxis("L2 distance (log)");

    public RunChartsView() {
        getStyleClass().add("run-charts");
        accuracy = Charts.xyLines("Accuracy during unlearning and retraining", "examples processed",
                "accuracy (%)", new XYSeriesCollection());
        gradients = Charts.xyLines("Gradient norm before clipping", "step", "‖g‖", new XYSeriesCollection());
        noise = Charts.xyLines("Noise σₜ and privacy state", "step", "σₜ", new XYSeriesCollection());
        XYPlot np = noise.getXYPlot();
        LogarithmicAxis right = new LogarithmicAxis("privacy state (log)");
        right.setAllowNegativesFlag(false);
        right.setStrictValuesFlag(false);
        right.setLabelFont(np.getRangeAxis().getLabelFont());
        right.setTickLabelFont(np.getRangeAxis().getTickLabelFont());
        np.setRangeAxis(1, right);
        XYLineAndShapeRenderer pr = new XYLineAndShapeRenderer(true, false);
        pr.setSeriesPaint(0, Charts.color(1));
        pr.setSeriesStroke(0, new BasicStroke(2f));
        np.setRenderer(1, pr);
        styleSteps(np);
        styleSteps(gradients.getXYPlot());
        gradientAxis = (NumberAxis) gradients.getXYPlot().getRangeAxis();
        // per request: the released model's distance (noise ‖ξ‖ ≈ σ√d) and the noise-free one differ by decades
        distanceAxis.setAllowNegativesFlag(false);
        distanceAxis.setStrictValuesFlag(false);
        distanceAxis.setLabelFont(gradientAxis.getLabelFont());
        distanceAxis.setTickLabelFont(gradientAxis.getTickLabelFont());

        DefaultCategoryDataset empty = new DefaultCategoryDataset();
        savings = ChartFactory.createBarChart("Compute to reach the target accuracy", "", "examples processed",
                empty, PlotOrientation.HORIZONTAL, true, true, false);
        Charts.style(savings);
        CategoryPlot cp = savings.getCategoryPlot();
        BarRenderer br = (BarRenderer) cp.getRenderer();
        br.setBarPainter(new StandardBarPainter());
        br.setShadowVisible(false);
        br.setSeriesPaint(0, Charts.color(0));
        br.setSeriesPaint(1, Charts.color(3));
        br.setDefaultItemLabelsVisible(true);
        cp.getRangeAxis().setUpperMargin(0.2);   // room for the value labels
        br.setDefaultItemLabelGenerator(new org.jfree.chart.labels.StandardCategoryItemLabelGenerator());

        savingsLegend = savings.getLegend();
        accuracyView = new ChartView(accuracy, "accuracy");
        gradientView = new ChartView(gradients, "gradient-norm");
        noiseView = new ChartView(noise, "noise-privacy");
        savingsView = new ChartView(savings, "compute-savings");
        accuracyView.setId("chart-accuracy");
        gradientView.setId("chart-gradient");
        noiseView.setId("chart-noise");
        savingsView.setId("chart-savings");
        add(accuracyView, 0, 0);
        add(gradientView, 1, 0);
        add(noiseView, 0, 1);
        add(savingsView, 1, 1);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            c.setHgrow(Priority.ALWAYS);
            getColumnConstraints().add(c);
            RowConstraints r = new RowConstraints();
            r.setPercentHeight(50);
            r.setVgrow(Priority.ALWAYS);
            getRowConstraints().add(r);
        }
        setHgap(4);
        setVgap(4);
    }

    private static void styleSteps(XYPlot p) {
        ((NumberAxis) p.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) p.getRenderer();
        r.setDefaultShapesVisible(true);
        r.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
    }

    /** Shows one run, optionally overlaid with another (dashed, legend prefixed with its name). */
    public void show(RunSeries primary, RunSeries overlay, String overlayName) {
        labels(primary.isPerRequest());
        if (overlay != null && overlay.isPerRequest() != primary.isPerRequest()) {
            overlay = null;   // a per-request run and a step-wise run share no x axis
        }
        XYPlot ap = accuracy.getXYPlot();
        ap.setDataset(0, primary.accuracy());
        XYPlot gp = gradients.getXYPlot();
        gp.setDataset(0, primary.gradients());
        XYPlot np = noise.getXYPlot();
        np.setDataset(0, primary.noise());
        np.setDataset(1, primary.privacyState());
        np.mapDatasetToRangeAxis(1, 1);
        if (primary.privacyState().getSeriesCount() > 0) {
            String key = primary.privacyState().getSeries(0).getKey().toString();
            np.getRangeAxis(1).setLabel(key.split(" ")[0] + " (log)");   // the legend has the full name
        }
        savings.getCategoryPlot().setDataset(primary.savings());
        org.jfree.chart.title.LegendTitle legend = savingsLegend;
        savings.clearSubtitles();
        String noteText = primary.savings().getRowCount() == 0 && !primary.isPerRequest()
                ? "Tick \"Also retrain from scratch\" to compare with retraining" : primary.savingsNote();
        if (noteText != null) {
            savings.addSubtitle(new org.jfree.chart.title.TextTitle(noteText, new Font(Charts.FONT, Font.ITALIC, 12)));
        }
        if (legend != null) {
            savings.addSubtitle(legend);
        }

        // the C₁ line is series 1 of the gradient data (a dashed series, so the axis always shows it)
        XYLineAndShapeRenderer gr = (XYLineAndShapeRenderer) gp.getRenderer();
        gr.setSeriesPaint(1, new Color(0xd62728));
        gr.setSeriesShapesVisible(1, false);
        gr.setSeriesStroke(1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
                new float[] {6f, 4f}, 0f));
        if (!primary.isPerRequest()) {
            ((NumberAxis) gp.getRangeAxis()).setAutoRangeIncludesZero(true);
        }
        // a per-request run has one point per request: markers, so a single request is visible
        boolean marks = primary.isPerRequest();
        gr.setSeriesShapesVisible(1, marks);
        ((XYLineAndShapeRenderer) ap.getRenderer()).setDefaultShapesVisible(marks);
        ((XYLineAndShapeRenderer) np.getRenderer(1)).setDefaultShapesVisible(marks);

        overlay(ap, 1, overlay == null ? null : overlay.accuracy(), overlayName);
        overlay(gp, 1, overlay == null ? null : overlay.gradients(), overlayName);
        overlay(np, 2, overlay == null ? null : overlay.noise(), overlayName);
    }

    /** Titles and axes of a step-wise run, or of a run per deletion request. */
    private void labels(boolean perRequest) {
        accuracy.setTitle(perRequest ? "Accuracy per request: released model and retraining"
                : "Accuracy during unlearning and retraining");
        accuracy.getXYPlot().getDomainAxis().setLabel(perRequest ? "deletion request" : "examples processed");
        ((NumberAxis) accuracy.getXYPlot().getDomainAxis()).setStandardTickUnits(perRequest
                ? NumberAxis.createIntegerTickUnits() : NumberAxis.createStandardTickUnits());
        gradients.setTitle(perRequest ? "Distance to retraining per request" : "Gradient norm before clipping");
        gradients.getXYPlot().getDomainAxis().setLabel(perRequest ? "deletion request" : "step");
        gradients.getXYPlot().setRangeAxis(perRequest ? distanceAxis : gradientAxis);
        noise.setTitle(perRequest ? "Noise σ per release and composed ε" : "Noise σₜ and privacy state");
        noise.getXYPlot().getDomainAxis().setLabel(perRequest ? "deletion request" : "step");
        noise.getXYPlot().getRangeAxis().setLabel(perRequest ? "σ" : "σₜ");
        savings.setTitle(perRequest ? "Examples processed: unlearning vs retraining" : "Compute to reach the target accuracy");
    }

    private static void overlay(XYPlot plot, int index, XYSeriesCollection data, String name) {
        plot.setDataset(index, data);
        if (data == null) {
            return;
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < 8; i++) {
            r.setSeriesPaint(i, Charts.color(i));
            r.setSeriesStroke(i, new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
                    new float[] {5f, 4f}, 0f));
        }
        r.setLegendItemLabelGenerator(new StandardXYSeriesLabelGenerator(name + ": {0}"));
        plot.setRenderer(index, r);
    }

    /**
     * While live, the charts ignore data events and repaint together every 250 ms, so the FX
     * thread never redraws per data point; off again, they follow every change.
     */
    public void setLive(boolean on) {
        if (on == live) {
            return;
        }
        live = on;
        for (JFreeChart c : charts()) {
            c.setNotify(!on);
        }
        if (on) {
            repaint.setCycleCount(javafx.animation.Animation.INDEFINITE);
            repaint.play();
        } else {
            repaint.stop();
        }
    }

    private void repaintOnce() {
        for (JFreeChart c : charts()) {
            c.setNotify(true);    // fires one change event: one redraw
            c.setNotify(false);
        }
    }

    public List<JFreeChart> charts() {
        return List.of(accuracy, gradients, noise, savings);
    }

    public List<ChartView> views() {
        return List.of(accuracyView, gradientView, noiseView, savingsView);
    }
}
