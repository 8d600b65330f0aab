package org.unlearning.workbench.app.fx.charts;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;

/**
 * Chart factory: one look for every chart of the workbench (white background, light grid,
 * fonts with Greek glyphs, legend at the bottom). The series collections are owned by
 * view-models; charts only observe them.
 */
public final class Charts {
    /** A font family with σ, λ, ε, δ glyphs on every platform that ships a JDK. */
    public static final String FONT = Font.SANS_SERIF;
    static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)
    };

    private Charts() {}

    public static JFreeChart xyLines(String title, String xLabel, String yLabel, XYSeriesCollection data) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data,
                PlotOrientation.VERTICAL, true, true, false);
        style(chart);
        return chart;
    }

    public static void style(JFreeChart chart) {
        StandardChartTheme theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        theme.setExtraLargeFont(new Font(FONT, Font.BOLD, 16));
        theme.setLargeFont(new Font(FONT, Font.BOLD, 13));
        theme.setRegularFont(new Font(FONT, Font.PLAIN, 12));
        theme.setSmallFont(new Font(FONT, Font.PLAIN, 10));
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(new Color(0xdddddd));
        theme.setRangeGridlinePaint(new Color(0xdddddd));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.apply(chart);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (chart.getPlot() instanceof XYPlot plot) {
            plot.setDomainPannable(true);
            plot.setRangePannable(true);
            if (plot.getRenderer() instanceof XYLineAndShapeRenderer r) {
                r.setDefaultShapesVisible(false);
                for (int i = 0; i < PALETTE.length; i++) {
                    r.setSeriesPaint(i, PALETTE[i]);
                    r.setSeriesStroke(i, new BasicStroke(2f));
                }
            }
        }
    }

    public static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }
}
