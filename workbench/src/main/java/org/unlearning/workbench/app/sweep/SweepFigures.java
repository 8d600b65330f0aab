package org.unlearning.workbench.app.sweep;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.unlearning.workbench.app.chart.ChartStyle;
import org.unlearning.workbench.app.chart.LinearAxis;
import org.unlearning.workbench.app.chart.ReadableLogAxis;
import org.unlearning.workbench.app.chart.SeriesStyle;
import org.unlearning.workbench.engine.sweep.SweepSummary;
import org.unlearning.workbench.engine.sweep.SweepSummary.Point;
import org.unlearning.workbench.engine.sweep.stats.BootstrapInterval;
import org.unlearning.workbench.engine.sweep.stats.MeanInterval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The figures of a sweep (issue 13), drawn from its {@link SweepSummary}: a quantity against one
 * numeric axis, one line per combination of the other axes (the method, or T for a budget curve),
 * each point the mean over seeds with its 95 % interval as a band (t-interval; percentile
 * bootstrap for savings). A series whose points do not take the axis (retraining has no ε) is a
 * flat reference band across the axis. Okabe–Ito colours with dashes and markers ({@link SeriesStyle}).
 */
public final class SweepFigures {
    /** A chart and, per series, the sweep point of each item (for clicks). */
    public record Figure(String file, JFreeChart chart, List<List<Point>> points) {
        /** The point behind item {@code item} of series {@code series}, or null. */
        public Point point(int series, int item) {
            if (series < 0 || series >= points.size()) {
                return null;
            }
            List<Point> s = points.get(series);
            return s.isEmpty() ? null : s.get(Math.min(item, s.size() - 1));
        }
    }

    /** A plotted quantity: its label, and per point the mean and interval (null when the point has none). */
    private record Quantity(String label, Function<Point, double[]> value) {}

    static final Quantity TEST_ACCURACY = new Quantity("test accuracy of the release",
            p -> clamp(interval(p.testAccuracy())));
    static final Quantity SAVINGS = new Quantity("compute savings vs retraining (bootstrap 95 % CI)",
            p -> interval(p.savings()));
    static final Quantity MIA_GAP = new Quantity("MIA-AUC gap to retraining",
            p -> interval(p.miaGap()));

    private SweepFigures() {}

    /** Every figure of a summary: the frontier first, then savings and MIA gap per numeric axis, then accuracy vs compute. */
    public static List<Figure> all(SweepSummary s, String title) {
        List<Figure> out = new ArrayList<>();
        List<String> numeric = numericAxes(s);
        if (!numeric.isEmpty()) {
            String primary = numeric.get(0);
            out.add(frontier(s, primary, title));
            for (String axis : numeric) {
                if (!axis.equals(primary)) {
                    out.add(versus(s, axis, TEST_ACCURACY, "accuracy-vs-" + axis, title + ": test accuracy vs " + axis));
                }
                out.add(versus(s, axis, SAVINGS, "savings-vs-" + axis, title + ": compute savings vs " + axis));
                out.add(versus(s, axis, MIA_GAP, "mia-gap-vs-" + axis, title + ": MIA-AUC gap vs " + axis));
            }
        }
        out.add(accuracyVsExamples(s, numeric.isEmpty() ? "frontier" : "accuracy-vs-examples",
                title + ": test accuracy vs examples processed"));
        return out;
    }

    /**
     * The frontier: test accuracy against {@code axis} per series with 95 % bands, or against
     * examples processed when {@code axis} is null (a sweep without a numeric axis).
     */
    public static Figure frontier(SweepSummary s, String axis, String title) {
        return axis == null ? accuracyVsExamples(s, "frontier", title + ": test accuracy vs examples processed")
                : versus(s, axis, TEST_ACCURACY, "frontier", title + ": test accuracy vs " + axis);
    }

    /** Axes (not the method) with at least two numeric values, ε first. */
    public static List<String> numericAxes(SweepSummary s) {
        List<String> out = new ArrayList<>();
        for (String a : s.axes()) {
            if (a.equals("method")) {
                continue;
            }
            long distinct = s.points().stream().mapToDouble(p -> p.number(a)).filter(d -> !Double.isNaN(d)).distinct()
                    .count();
            if (distinct >= 2) {
                out.add(a);
            }
        }
        if (out.remove("epsilon")) {
            out.add(0, "epsilon");
        }
        return out;
    }

    /** {@code q} against axis {@code x}: one series per combination of the other axes. */
    public static Figure versus(SweepSummary s, String x, Quantity q, String file, String title) {
        Map<String, List<Point>> series = new LinkedHashMap<>();
        for (Point p : s.points()) {
            series.computeIfAbsent(seriesName(p, x), k -> new ArrayList<>()).add(p);
        }
        double lo = s.points().stream().mapToDouble(p -> p.number(x)).filter(d -> !Double.isNaN(d)).min().orElse(0);
        double hi = s.points().stream().mapToDouble(p -> p.number(x)).filter(d -> !Double.isNaN(d)).max().orElse(1);
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        List<List<Point>> lookup = new ArrayList<>();
        for (Map.Entry<String, List<Point>> e : series.entrySet()) {
            YIntervalSeries ys = new YIntervalSeries(e.getKey(), true, true);
            List<Point> items = new ArrayList<>();
            List<Point> sorted = new ArrayList<>(e.getValue());
            sorted.sort(java.util.Comparator.comparingDouble(p -> p.number(x)));
            for (Point p : sorted) {
                double[] v = q.value().apply(p);
                if (v == null) {
                    continue;
                }
                double xv = p.number(x);
                if (Double.isNaN(xv)) {
                    if (!p.labels().getOrDefault(x, "x").isEmpty()) {
                        continue; // a word such as "auto": no place on a numeric axis
                    }
                    ys.setNotify(false);
                    ys.add(lo, v[0], v[1], v[2]); // the axis does not apply: a flat reference across it
                    ys.add(hi, v[0], v[1], v[2]);
                    items.add(p);
                    items.add(p);
                    continue;
                }
                ys.add(xv, v[0], v[1], v[2]);
                items.add(p);
            }
            if (ys.getItemCount() > 0) {
                data.addSeries(ys);
                lookup.add(items);
            }
        }
        ValueAxis xAxis = lo > 0 && hi / lo >= 10 ? new ReadableLogAxis(axisLabel(x)) : new LinearAxis(axisLabel(x));
        NumberAxis yAxis = new LinearAxis(q.label());
        yAxis.setAutoRangeIncludesZero(q == SAVINGS || q == MIA_GAP);
        DeviationRenderer r = new DeviationRenderer(true, true);
        r.setAlpha(0.18f);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, r);
        plot.setOrientation(PlotOrientation.VERTICAL);
        if (q == SAVINGS || q == MIA_GAP) {
            plot.addRangeMarker(new org.jfree.chart.plot.ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
        }
        JFreeChart chart = new JFreeChart(title, ChartStyle.font(Font.BOLD, 14), plot, true);
        ChartStyle.apply(chart);
        style(r, data.getSeriesCount()); // after the theme, which resets series paints
        chart.addSubtitle(new TextTitle("mean over seeds, band: 95 % confidence interval"
                + (q == TEST_ACCURACY ? " (cut to [0, 1])" : "") + "; n per point in summary.md",
                ChartStyle.font(Font.PLAIN, 10)));
        return new Figure(file, chart, lookup);
    }

    /** Test accuracy against examples processed (compute), per series; the Pareto set drawn as a black step line. */
    public static Figure accuracyVsExamples(SweepSummary s, String file, String title) {
        Map<String, List<Point>> series = new LinkedHashMap<>();
        for (Point p : s.points()) {
            if (p.testAccuracy() != null && p.examples() != null) {
                series.computeIfAbsent(p.method(), k -> new ArrayList<>()).add(p);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        List<List<Point>> lookup = new ArrayList<>();
        for (Map.Entry<String, List<Point>> e : series.entrySet()) {
            XYSeries xs = new XYSeries(e.getKey(), false, true);
            for (Point p : e.getValue()) {
                xs.add(p.examples().mean(), p.testAccuracy().mean());
            }
            data.addSeries(xs);
            lookup.add(e.getValue());
        }
        XYSeries front = new XYSeries("Pareto set (accuracy vs compute)", true, true);
        List<Point> frontPoints = s.paretoAccuracyVsExamples();
        for (Point p : frontPoints) {
            front.add(p.examples().mean(), p.testAccuracy().mean());
        }
        if (front.getItemCount() > 0) {
            data.addSeries(front);
            lookup.add(frontPoints);
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        XYPlot plot = new XYPlot(data, new LinearAxis("examples processed (mean over seeds)"),
                new LinearAxis("test accuracy of the release"), r);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(true);
        JFreeChart chart = new JFreeChart(title, ChartStyle.font(Font.BOLD, 14), plot, true);
        ChartStyle.apply(chart);
        style(r, data.getSeriesCount());
        if (front.getItemCount() > 0) {
            int i = data.getSeriesCount() - 1;
            r.setSeriesLinesVisible(i, true);
            r.setSeriesShapesVisible(i, false);
            r.setSeriesPaint(i, Color.BLACK);
            r.setSeriesStroke(i, SeriesStyle.Dash.DASHED.stroke(1.2f));
        }
        chart.addSubtitle(new TextTitle("one marker per sweep point (mean over seeds)", ChartStyle.font(Font.PLAIN, 10)));
        return new Figure(file, chart, lookup);
    }

    private static void style(XYLineAndShapeRenderer r, int series) {
        for (int i = 0; i < series; i++) {
            SeriesStyle st = SeriesStyle.nth(i);
            r.setSeriesPaint(i, st.color());
            r.setSeriesStroke(i, st.dash().stroke(ChartStyle.LINE_WIDTH));
            r.setSeriesShape(i, st.marker().shape(7));
            if (r instanceof DeviationRenderer d) {
                d.setSeriesFillPaint(i, st.color());
            }
        }
    }

    /** The other axes' values of a point, e.g. {@code gradient_clipping} or {@code method=…, steps=30}. */
    static String seriesName(Point p, String x) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> e : p.labels().entrySet()) {
            if (e.getKey().equals(x)) {
                continue;
            }
            String v = e.getValue().isEmpty() ? "–" : e.getValue();
            parts.add(e.getKey().equals("method") ? v : e.getKey() + " = " + v);
        }
        return parts.isEmpty() ? "all runs" : String.join(", ", parts);
    }

    private static String axisLabel(String axis) {
        return switch (axis) {
            case "epsilon" -> "target ε";
            case "delta" -> "target δ";
            case "init_clip", "c0" -> "initial model clip C0";
            case "steps", "T" -> "noisy steps T";
            case "lambda", "weight_decay" -> "L2 regularisation λ";
            default -> axis;
        };
    }

    /** {mean, lower, upper}; a single run has no interval (both bounds = the mean). */
    static double[] interval(MeanInterval m) {
        if (m == null) {
            return null;
        }
        return m.defined() ? new double[] {m.mean(), m.lower(), m.upper()} : new double[] {m.mean(), m.mean(), m.mean()};
    }

    /** An accuracy interval cut to [0, 1] (a t-interval over 2–3 seeds can reach beyond). */
    static double[] clamp(double[] v) {
        return v == null ? null : new double[] {v[0], Math.max(0, v[1]), Math.min(1, v[2])};
    }

    static double[] interval(BootstrapInterval b) {
        return b == null ? null : new double[] {b.estimate(), b.lower(), b.upper()};
    }
}
