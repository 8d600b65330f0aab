package org.unlearning.workbench.app.fx.charts;

import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeriesCollection;
import org.unlearning.workbench.app.chart.ChartFonts;
import org.unlearning.workbench.app.chart.ChartStyle;
import org.unlearning.workbench.app.chart.SeriesStyle;

/**
 * The window's entry to the shared chart look ({@link ChartStyle}): the bundled DejaVu font and
 * the Okabe–Ito palette. The series collections are owned by view-models; charts only observe them.
 */
public final class Charts {
    /** The bundled font family (σ, λ, ε, δ on every machine). */
    public static final String FONT = ChartFonts.FAMILY;

    static {
        ChartFonts.register();
    }

    private Charts() {}

    public static JFreeChart xyLines(String title, String xLabel, String yLabel, XYSeriesCollection data) {
        return ChartStyle.xyLines(title, xLabel, yLabel, data);
    }

    public static void style(JFreeChart chart) {
        ChartStyle.apply(chart);
    }

    public static java.awt.Color color(int i) {
        return SeriesStyle.color(i);
    }
}
