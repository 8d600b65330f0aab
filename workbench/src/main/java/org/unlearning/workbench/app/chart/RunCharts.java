package org.unlearning.workbench.app.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.general.DatasetChangeEvent;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

import static org.unlearning.workbench.app.chart.SeriesStyle.Dash.DASHED;
import static org.unlearning.workbench.app.chart.SeriesStyle.Dash.DOTTED;
import static org.unlearning.workbench.app.chart.SeriesStyle.Dash.SOLID;
import static org.unlearning.workbench.app.chart.SeriesStyle.Marker.CIRCLE;
import static org.unlearning.workbench.app.chart.SeriesStyle.Marker.DIAMOND;
import static org.unlearning.workbench.app.chart.SeriesStyle.Marker.SQUARE;
import static org.unlearning.workbench.app.chart.SeriesStyle.Marker.TRIANGLE;

/**
 * The four charts of a run, shared by the window (live) and the PDF report (from a run folder);
 * no JavaFX: accuracy (test / retain / forget, unlearning and retraining) against examples
 * processed; gradient norm before clipping with the C₁ line (or, for runs without steps, distances
 * to retraining); σₜ with the privacy state on a log axis; compute to reach the target accuracy.
 *
 * <p>One run: every series has its own colour, dash and marker. Several runs overlaid: colour
 * names the run, dash and marker name the series, and the legend lists both.
 */
public final class RunCharts {
    /** One run to show and the name legends give it. */
    public record Shown(String name, RunSeries series) {}

    private static final Color[] P = SeriesStyle.PALETTE;
    /** unlearning test / retain / forget, then retraining: set = marker, process = dash. */
    private static final SeriesStyle[] ACCURACY = {
        new SeriesStyle(P[0], SOLID, CIRCLE), new SeriesStyle(P[2], SOLID, SQUARE),
        new SeriesStyle(P[1], SOLID, TRIANGLE), new SeriesStyle(P[5], DASHED, CIRCLE),
        new SeriesStyle(P[3], DASHED, SQUARE), new SeriesStyle(P[4], DASHED, TRIANGLE)};
    /** ‖g‖ before clipping, C₁ line. */
    private static final SeriesStyle[] GRADIENT = {
        new SeriesStyle(P[0], SOLID, CIRCLE), new SeriesStyle(P[1], DASHED, null)};
    /** Per request: released distance, noise-free distance, distance to the original. */
    private static final SeriesStyle[] DISTANCE = {
        new SeriesStyle(P[0], SOLID, CIRCLE), new SeriesStyle(P[2], DASHED, SQUARE),
        new SeriesStyle(P[1], DOTTED, TRIANGLE)};
    private static final SeriesStyle[] SIGMA = {new SeriesStyle(P[0], SOLID, CIRCLE)};
    private static final SeriesStyle[] PRIVACY = {new SeriesStyle(P[1], DASHED, DIAMOND)};
    private static final Color ROLE_INK = new Color(0x444444);
    /** Dark orange: apart from the series colours, dark enough in greyscale print. */
    private static final Color PRIVATE_INK = new Color(0x8a3b00);

    private final RunPlot accuracyPlot;
    private final RunPlot gradientPlot;
    private final RunPlot noisePlot;
    private final CategoryPlot savingsPlot;
    private final JFreeChart accuracy;
    private final JFreeChart gradients;
    private final JFreeChart noise;
    private final JFreeChart savings;
    private final List<LegendTitle> legends = new ArrayList<>();
    private final NumberAxis gradientAxis = new LinearAxis("‖g‖");
    private final ReadableLogAxis distanceAxis = new ReadableLogAxis("L2 distance (log)");
    private final ReadableLogAxis privacyAxis = new ReadableLogAxis("privacy state (log)");
    private String noDataMessage = "No data yet";
    private boolean privateNotes;
    private double scale = 1;
    private List<Shown> lastShown = List.of();

    public RunCharts() {
        NumberAxis percent = new LinearAxis("accuracy (%)");
        percent.setAutoRangeIncludesZero(false);
        percent.setAutoRangeMinimumSize(2);
        accuracyPlot = new RunPlot(new CountAxis("examples processed"), percent);
        accuracy = chart("Accuracy during unlearning and retraining", accuracyPlot);

        gradientAxis.setAutoRangeIncludesZero(true);
        gradientAxis.setAutoRangeMinimumSize(1e-6);
        gradientPlot = new RunPlot(new CountAxis("step"), gradientAxis);
        gradients = chart("Gradient norm before clipping", gradientPlot);
        ChartStyle.axis(distanceAxis);

        NumberAxis sigma = new LinearAxis("σₜ");
        sigma.setAutoRangeIncludesZero(true);
        sigma.setAutoRangeMinimumSize(1e-6);
        noisePlot = new RunPlot(new CountAxis("step"), sigma);
        noisePlot.setRangeAxis(1, privacyAxis);
        noise = chart("Noise σₜ and privacy state", noisePlot);

        NumberAxis examples = new LinearAxis("examples processed");
        examples.setUpperMargin(0.25);   // room for the value labels
        examples.setNumberFormatOverride(new CompactFormat(6));
        BarRenderer bars = new BarRenderer();
        savingsPlot = new CategoryPlot(null, new CategoryAxis(""), examples, bars) {
            private static final long serialVersionUID = 1L;

            @Override
            public void datasetChanged(DatasetChangeEvent event) {
                boolean any = getDataset() != null && getDataset().getRowCount() > 0;
                if (getDomainAxis() != null && getRangeAxis() != null) {   // null while constructing
                    getDomainAxis().setVisible(any);
                    getRangeAxis().setVisible(any);
                    setRangeGridlinesVisible(any);
                }
                super.datasetChanged(event);
            }
        };
        savingsPlot.setOrientation(PlotOrientation.HORIZONTAL);
        savingsPlot.setNoDataMessage("No comparison yet");
        savingsPlot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_RIGHT);
        savings = chart("Compute to reach the target accuracy", savingsPlot);
        bars.setBarPainter(new StandardBarPainter());     // after the theme, which sets its own
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, P[0]);                     // dark blue and light orange: apart in greyscale too
        bars.setSeriesPaint(1, P[3]);
        bars.setDefaultItemLabelsVisible(true);
        bars.setDefaultItemLabelFont(ChartStyle.font(Font.PLAIN, 10));
        bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new CompactFormat(6)));
        bars.setDefaultPositiveItemLabelPosition(new org.jfree.chart.labels.ItemLabelPosition(
                org.jfree.chart.labels.ItemLabelAnchor.OUTSIDE3, org.jfree.chart.ui.TextAnchor.CENTER_LEFT));
        bars.setItemMargin(0.1);
        bars.setMaximumBarWidth(0.3);
        ChartStyle.axis(savingsPlot.getDomainAxis());
        savingsPlot.getDomainAxis().setMaximumCategoryLabelLines(3);          // wrap, not "test accuracy…"
        savingsPlot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.28f);
        ChartStyle.axis(savingsPlot.getRangeAxis());
        savingsPlot.setNoDataMessageFont(ChartStyle.font(Font.PLAIN, 15));
        savingsPlot.setNoDataMessagePaint(new Color(0x777777));
        savingsPlot.getDomainAxis().setVisible(false);
        savingsPlot.getRangeAxis().setVisible(false);
        savingsPlot.setRangeGridlinesVisible(false);
        for (RunPlot p : List.of(accuracyPlot, gradientPlot, noisePlot)) {
            p.showAxes(false);
        }
    }

    private JFreeChart chart(String title, org.jfree.chart.plot.Plot plot) {
        JFreeChart c = new JFreeChart(title, ChartStyle.font(Font.BOLD, 15), plot, true);
        ChartStyle.apply(c);
        legends.add(c.getLegend());
        return c;
    }

    /** The text empty charts show (e.g. "No data yet — press Run"). */
    public void setNoDataMessage(String text) {
        noDataMessage = text;
        for (RunPlot p : List.of(accuracyPlot, gradientPlot, noisePlot)) {
            p.setNoDataMessage(text);
        }
    }

    /**
     * Marks the charts that show private diagnostics (theory.md §14: forget-set curves, the clipped
     * original and noisy-phase iterates, gradient norms of iterates) with a subtitle line starting
     * {@link #PRIVATE}, which exports (PNG, SVG, PDF) keep.
     */
    public void setPrivateNotes(boolean on) {
        privateNotes = on;
    }

    public void show(Shown... runs) {
        show(List.of(runs));
    }

    /**
     * Multiplies font sizes and line widths (the window's zoom and presentation mode; exports keep 1)
     * and redraws what is shown.
     */
    public void setScale(double scale) {
        this.scale = scale;
        float k = (float) scale;
        for (JFreeChart c : charts()) {
            c.getTitle().setFont(ChartStyle.font(Font.BOLD, 15 * k));
        }
        for (LegendTitle l : legends) {
            l.setItemFont(ChartStyle.font(Font.PLAIN, 11 * k));
        }
        for (RunPlot p : List.of(accuracyPlot, gradientPlot, noisePlot)) {
            ChartStyle.axis(p.getDomainAxis(), scale);
            p.setNoDataMessageFont(ChartStyle.font(Font.PLAIN, 15 * k));
        }
        for (org.jfree.chart.axis.Axis a : List.of(accuracyPlot.getRangeAxis(), gradientAxis, distanceAxis,
                privacyAxis, noisePlot.getRangeAxis(0), savingsPlot.getDomainAxis(), savingsPlot.getRangeAxis())) {
            ChartStyle.axis(a, scale);
        }
        ((BarRenderer) savingsPlot.getRenderer()).setDefaultItemLabelFont(ChartStyle.font(Font.PLAIN, 10 * k));
        savingsPlot.setNoDataMessageFont(ChartStyle.font(Font.PLAIN, 15 * k));
        show(lastShown);
    }

    private float lineWidth() {
        return (float) (ChartStyle.LINE_WIDTH * scale);
    }

    /**
     * Shows the first run, with the others overlaid (those of the other kind — per deletion
     * request vs per step — share no x axis and are left out). An empty list clears the charts.
     */
    public void show(List<Shown> runs) {
        lastShown = List.copyOf(runs);
        List<Shown> shown = new ArrayList<>();
        for (Shown r : runs) {
            if (shown.isEmpty() || r.series().isPerRequest() == shown.get(0).series().isPerRequest()) {
                shown.add(r);
            }
        }
        boolean perRequest = !shown.isEmpty() && shown.get(0).series().isPerRequest();
        labels(perRequest);
        boolean multi = shown.size() > 1;
        clear(accuracyPlot);
        clear(gradientPlot);
        clear(noisePlot);
        for (int r = 0; r < shown.size(); r++) {
            RunSeries s = shown.get(r).series();
            Color runColor = multi ? SeriesStyle.color(r) : null;
            put(accuracyPlot, r, s.accuracy(), ACCURACY, runColor, lineWidth());
            put(gradientPlot, r, s.gradients(), perRequest ? DISTANCE : GRADIENT, runColor, lineWidth());
            put(noisePlot, 2 * r, s.noise(), SIGMA, runColor, lineWidth());
            put(noisePlot, 2 * r + 1, s.privacyState(), PRIVACY, runColor, lineWidth());
            noisePlot.mapDatasetToRangeAxis(2 * r + 1, 1);
        }
        if (!shown.isEmpty() && shown.get(0).series().privacyState().getSeriesCount() > 0) {
            String key = shown.get(0).series().privacyState().getSeries(0).getKey().toString();
            privacyAxis.setLabel(key.split(" ")[0] + " (log)");   // the legend has the full name
        }
        legend(accuracyPlot, shown, ACCURACY, multi);
        legend(gradientPlot, shown, perRequest ? DISTANCE : GRADIENT, multi);
        legend(noisePlot, shown, concat(SIGMA, PRIVACY), multi);
        String names = shown.isEmpty() ? null : multi ? "colour = run, line = series"
                : shown.get(0).name();
        for (JFreeChart c : List.of(accuracy, gradients, noise)) {
            subtitles(c, names, privateNotes && c != noise && !shown.isEmpty() ? privateNote(c, perRequest) : null);
        }
        showSavings(shown.isEmpty() ? null : shown.get(0));
        for (RunPlot p : List.of(accuracyPlot, gradientPlot, noisePlot)) {
            p.showAxes(!p.isEmpty());
        }
    }

    /** The label of a chart of private diagnostics (theory.md §14), shown in the chart and in its exports. */
    public static final String PRIVATE = "private — not covered by the certificate";

    /** What makes the chart's data private (theory.md §14). */
    private String privateNote(JFreeChart c, boolean perRequest) {
        if (c == accuracy) {
            return PRIVATE + (perRequest ? ": forget set (§14)" : ": forget set, step 0, noisy phase (§14)");
        }
        return PRIVATE + (perRequest ? ": from the original model (§14)" : ": gradients of the iterates (§14)");
    }

    private void showSavings(Shown primary) {
        CategoryDataset data = primary == null ? null : primary.series().savings();
        savingsPlot.setDataset(data);
        String note = null;
        if (primary != null) {
            note = data.getRowCount() == 0 && !primary.series().isPerRequest()
                    ? "No retrain baseline: tick \"Also retrain from scratch\" to compare"
                    : primary.series().savingsNote();
        }
        subtitles(savings, primary == null ? null : primary.name(), note);
    }

    private void subtitles(JFreeChart c, String name, String note) {
        c.clearSubtitles();
        if (name != null && !name.isEmpty()) {
            TextTitle t = new TextTitle(name, ChartStyle.font(Font.PLAIN, (float) (11 * scale)));
            t.setPaint(new Color(0x444444));
            c.addSubtitle(t);
        }
        if (note != null) {
            TextTitle t = new TextTitle(note, ChartStyle.font(note.startsWith(PRIVATE) ? Font.BOLD : Font.PLAIN,
                    (float) (11 * scale)));
            if (note.startsWith(PRIVATE)) {
                t.setPaint(PRIVATE_INK);
            }
            c.addSubtitle(t);
        }
        c.addSubtitle(legends.get(List.of(accuracy, gradients, noise, savings).indexOf(c)));
    }

    private static void clear(RunPlot plot) {
        for (int i = plot.getDatasetCount() - 1; i >= 0; i--) {
            plot.setDataset(i, null);
        }
        plot.setFixedLegendItems(null);
    }

    private static void put(RunPlot plot, int index, XYSeriesCollection data, SeriesStyle[] roles, Color runColor,
                            float width) {
        SparseMarkerRenderer r = new SparseMarkerRenderer();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            SeriesStyle s = roles[Math.min(i, roles.length - 1)];
            r.style(i, runColor == null ? s : s.withColor(runColor), width);
        }
        plot.setRenderer(index, r);
        plot.setDataset(index, data);
    }

    /** Several runs: one entry per run (its colour) and one per series (its dash and marker, in grey). */
    private static void legend(RunPlot plot, List<Shown> runs, SeriesStyle[] roles, boolean multi) {
        if (!multi) {
            plot.setFixedLegendItems(null);
            return;
        }
        LegendItemCollection items = new LegendItemCollection();
        for (int r = 0; r < runs.size(); r++) {
            items.add(new LegendItem(runs.get(r).name(), null, null, null,
                    new Rectangle2D.Double(-5, -5, 10, 10), SeriesStyle.color(r)));
        }
        int perRun = plot.getDatasetCount() / runs.size();
        int role = 0;
        for (int d = 0; d < perRun; d++) {       // dataset slot d of every run; series i of it is one role
            int series = 0;
            for (int r = 0; r < runs.size(); r++) {
                var data = plot.getDataset(r * perRun + d);
                series = Math.max(series, data == null ? 0 : data.getSeriesCount());
            }
            for (int i = 0; i < series; i++, role++) {
                java.util.Set<String> keys = new java.util.LinkedHashSet<>();   // "δₜ / ρ_R …" when methods differ
                for (int r = 0; r < runs.size(); r++) {
                    var data = plot.getDataset(r * perRun + d);
                    if (data != null && i < data.getSeriesCount() && data.getItemCount(i) > 0) {
                        keys.add(data.getSeriesKey(i).toString());
                    }
                }
                if (keys.isEmpty()) {
                    continue;    // no run has points in this series
                }
                String key = String.join(" / ", keys);
                SeriesStyle s = roles[Math.min(role, roles.length - 1)];
                Shape marker = s.marker() == null ? null : s.marker().shape(6);
                items.add(new LegendItem(key, null, null, null,
                        marker != null, marker == null ? new Rectangle2D.Double() : marker, false, ROLE_INK,
                        marker != null, ROLE_INK, new java.awt.BasicStroke(1.2f),
                        true, new Line2D.Double(-12, 0, 12, 0), s.dash().stroke(ChartStyle.LINE_WIDTH), ROLE_INK));
            }
        }
        plot.setFixedLegendItems(items);
    }

    private static SeriesStyle[] concat(SeriesStyle[] a, SeriesStyle[] b) {
        SeriesStyle[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Titles and axes of a step-wise run, or of a run without steps (per deletion request). */
    private void labels(boolean perRequest) {
        accuracy.setTitle(perRequest ? "Accuracy per request: released model and retraining"
                : "Accuracy during unlearning and retraining");
        accuracyPlot.getDomainAxis().setLabel(perRequest ? "deletion request" : "examples processed");
        gradients.setTitle(perRequest ? "Distance to retraining per request" : "Gradient norm before clipping");
        gradientPlot.getDomainAxis().setLabel(perRequest ? "deletion request" : "step");
        gradientPlot.setRangeAxis(perRequest ? distanceAxis : gradientAxis);
        noise.setTitle(perRequest ? "Noise σ per release and composed ε" : "Noise σₜ and privacy state");
        noisePlot.getDomainAxis().setLabel(perRequest ? "deletion request" : "step");
        noisePlot.getRangeAxis().setLabel(perRequest ? "σ" : "σₜ");
        savings.setTitle(perRequest ? "Examples processed: unlearning vs retraining" : "Compute to reach the target accuracy");
        for (RunPlot p : List.of(accuracyPlot, gradientPlot, noisePlot)) {
            p.setNoDataMessage(noDataMessage);
        }
    }

    public JFreeChart accuracy() {
        return accuracy;
    }

    public JFreeChart gradients() {
        return gradients;
    }

    public JFreeChart noise() {
        return noise;
    }

    public JFreeChart savings() {
        return savings;
    }

    /** accuracy, gradients (or distances), noise and privacy, savings — in that order. */
    public List<JFreeChart> charts() {
        return List.of(accuracy, gradients, noise, savings);
    }
}
