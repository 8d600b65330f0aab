package org.unlearning.workbench.app.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.unlearning.workbench.engine.audit.AuditReport;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The figures of an audit (theory.md §15) from its {@code audit.json}: the attack's ROC curve on
 * log–log axes, the score histograms of the two worlds, and ε̂ against the certified ε with the
 * diagonal (above it the certificate would be wrong).
 */
public final class AuditCharts {
    /** Name of the non-private reference in charts. */
    public static final String REFERENCE = "non-private reference";

    private AuditCharts() {}

    /** One curve of scores: a method's releases or the reference's. */
    public record Scores(String name, List<Double> w1, List<Double> w0) {}

    /** The methods' scores, then the reference's. */
    public static List<Scores> scores(AuditReport r) {
        List<Scores> out = new ArrayList<>();
        for (AuditReport.MethodAudit m : r.methods()) {
            out.add(new Scores(m.method(), m.distinguishing().scoresW1(), m.distinguishing().scoresW0()));
        }
        AuditReport.Distinguishing ft = r.powerCheck().fineTune();
        out.add(new Scores(REFERENCE, ft.scoresW1(), ft.scoresW0()));
        return out;
    }

    /**
     * Empirical ROC points (FPR, TPR) of "W1 if score ≥ τ" over every τ, all runs of each world;
     * zero rates are drawn at half a run (1/(2R)) so that they show on log axes.
     */
    public static double[][] roc(List<Double> w1, List<Double> w0) {
        double[] all = new double[w1.size() + w0.size()];
        int i = 0;
        for (double v : w1) {
            all[i++] = v;
        }
        for (double v : w0) {
            all[i++] = v;
        }
        double[] taus = Arrays.stream(all).distinct().sorted().toArray();
        double floor1 = 0.5 / w1.size();
        double floor0 = 0.5 / w0.size();
        List<double[]> pts = new ArrayList<>();
        for (int k = taus.length - 1; k >= 0; k--) {
            double tau = taus[k];
            double tpr = w1.stream().filter(v -> v >= tau).count() / (double) w1.size();
            double fpr = w0.stream().filter(v -> v >= tau).count() / (double) w0.size();
            pts.add(new double[] {Math.max(fpr, floor0), Math.max(tpr, floor1)});
        }
        return pts.toArray(double[][]::new);
    }

    /** The ROC curves of every method and of the reference, log–log, with the chance diagonal. */
    public static JFreeChart roc(AuditReport r) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Scores s : scores(r)) {
            XYSeries series = new XYSeries(s.name(), false, true);
            for (double[] p : roc(s.w1(), s.w0())) {
                series.add(p[0], p[1]);
            }
            data.addSeries(series);
        }
        double lo = 0.5 / Math.max(1, r.runsPerWorld());
        XYSeries chance = new XYSeries("chance (TPR = FPR)", false, true);
        chance.add(lo, lo);
        chance.add(1, 1);
        data.addSeries(chance);
        JFreeChart chart = ChartStyle.xyLines("Attack ROC (" + r.statistic() + ", R = " + r.runsPerWorld()
                + " per world)", "false positive rate (W0 called W1)", "true positive rate", data);
        XYPlot plot = chart.getXYPlot();
        ReadableLogAxis x = new ReadableLogAxis("false positive rate (W0 called W1)");
        ReadableLogAxis y = new ReadableLogAxis("true positive rate");
        x.setRange(lo * 0.8, 1.05);
        y.setRange(lo * 0.8, 1.05);
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        ChartStyle.axis(x);
        ChartStyle.axis(y);
        XYLineAndShapeRenderer ren = (XYLineAndShapeRenderer) plot.getRenderer();
        for (int i = 0; i < data.getSeriesCount() - 1; i++) {
            SeriesStyle st = SeriesStyle.nth(i);
            ren.setSeriesPaint(i, st.color());
            ren.setSeriesStroke(i, st.dash().stroke(ChartStyle.LINE_WIDTH));
            ren.setSeriesShape(i, st.marker().shape(6));
            ren.setSeriesShapesVisible(i, true);
        }
        int last = data.getSeriesCount() - 1;
        ren.setSeriesPaint(last, Color.GRAY);
        ren.setSeriesStroke(last, SeriesStyle.Dash.DOTTED.stroke(1.2f));
        return chart;
    }

    /** The score histograms of the two worlds for one method (or the reference). */
    public static JFreeChart histogram(Scores s, String statistic) {
        HistogramDataset data = new HistogramDataset();
        double[] a = s.w1().stream().mapToDouble(Double::doubleValue).toArray();
        double[] b = s.w0().stream().mapToDouble(Double::doubleValue).toArray();
        double min = Math.min(Arrays.stream(a).min().orElse(0), Arrays.stream(b).min().orElse(0));
        double max = Math.max(Arrays.stream(a).max().orElse(1), Arrays.stream(b).max().orElse(1));
        if (!(max > min)) {
            double pad = Math.max(1e-6, Math.abs(min) * 1e-3);
            min -= pad;
            max += pad;
        }
        int bins = Math.max(5, Math.min(30, (a.length + b.length) / 3));
        data.addSeries("W1: canaries trained, then forgotten", a, bins, min, max);
        data.addSeries("W0: canaries never trained", b, bins, min, max);
        JFreeChart chart = org.jfree.chart.ChartFactory.createHistogram(s.name() + ": release scores of the two worlds",
                statistic + " on the canaries (mean)", "releases", data, PlotOrientation.VERTICAL, true, true, false);
        ChartStyle.apply(chart);
        XYPlot plot = chart.getXYPlot();
        plot.setForegroundAlpha(0.6f);
        XYBarRenderer ren = (XYBarRenderer) plot.getRenderer();
        ren.setBarPainter(new StandardXYBarPainter());
        ren.setShadowVisible(false);
        ren.setSeriesPaint(0, SeriesStyle.color(1));
        ren.setSeriesPaint(1, SeriesStyle.color(0));
        return chart;
    }

    /** ε̂ (with confidence) against the certified ε per method, with the diagonal ε̂ = ε. */
    public static JFreeChart epsilon(AuditReport r) {
        XYSeriesCollection data = new XYSeriesCollection();
        double top = 1;
        for (AuditReport.MethodAudit m : r.methods()) {
            XYSeries s = new XYSeries(m.method(), false, true);
            s.add(m.certifiedEpsilon(), m.epsilonHat());
            data.addSeries(s);
            top = Math.max(top, Math.max(m.certifiedEpsilon(), m.epsilonHat()));
        }
        top *= 1.1;
        XYSeries diag = new XYSeries("ε̂ = certified ε (above: certificate wrong)", false, true);
        diag.add(0, 0);
        diag.add(top, top);
        data.addSeries(diag);
        JFreeChart chart = ChartStyle.xyLines(String.format(Locale.ROOT, "Measured ε̂ (%.0f%% confidence) vs certified ε",
                100 * r.confidence()), "certified ε", "ε̂ (lower bound)", data);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer ren = (XYLineAndShapeRenderer) plot.getRenderer();
        for (int i = 0; i < data.getSeriesCount() - 1; i++) {
            SeriesStyle st = SeriesStyle.nth(i);
            ren.setSeriesPaint(i, st.color());
            ren.setSeriesShape(i, st.marker().shape(10));
            ren.setSeriesShapesVisible(i, true);
            ren.setSeriesLinesVisible(i, false);
        }
        int last = data.getSeriesCount() - 1;
        ren.setSeriesPaint(last, Color.GRAY);
        ren.setSeriesStroke(last, SeriesStyle.Dash.DASHED.stroke(1.2f));
        plot.getDomainAxis().setRange(-0.02 * top, top);
        plot.getRangeAxis().setRange(-0.02 * top, top);
        return chart;
    }

    /**
     * Writes every figure of {@code r} into {@code dir} as PNG, SVG and PDF: {@code roc}, {@code epsilon},
     * {@code histogram-<method>} and {@code histogram-reference}. Returns the files written.
     */
    public static List<Path> writeAll(AuditReport r, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        List<JFreeChart> charts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        charts.add(roc(r));
        names.add("roc");
        charts.add(epsilon(r));
        names.add("epsilon");
        for (Scores s : scores(r)) {
            charts.add(histogram(s, r.statistic()));
            names.add("histogram-" + (s.name().equals(REFERENCE) ? "reference" : s.name()));
        }
        for (int i = 0; i < charts.size(); i++) {
            for (ChartExporter.Format f : ChartExporter.Format.values()) {
                Path p = dir.resolve(names.get(i) + "." + f.extension());
                ChartExporter.write(charts.get(i), f, ChartExporter.DEFAULT_WIDTH, ChartExporter.DEFAULT_HEIGHT, p);
                out.add(p);
            }
        }
        return out;
    }
}
