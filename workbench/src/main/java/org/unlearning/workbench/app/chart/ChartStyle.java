package org.unlearning.workbench.app.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYDataset;

import java.awt.Color;
import java.awt.Font;

/**
 * One look for every chart of the workbench, on screen and in print: white background, light
 * grid, tick marks on every axis, the bundled DejaVu font (σ ε δ λ everywhere), legend at the
 * bottom, and per-series colour + dash + marker ({@link SeriesStyle}).
 */
public final class ChartStyle {
    public static final float LINE_WIDTH = 1.8f;
    private static final Color GRID = new Color(0xdddddd);

    private ChartStyle() {}

    public static Font font(int style, float size) {
        return ChartFonts.sans(style, size);
    }

    /** Applies the theme (fonts, colours, grid, tick marks) to a chart and every axis it has now. */
    public static void apply(JFreeChart chart) {
        apply(chart, 1);
    }

    /**
     * The theme with every font size multiplied by {@code scale} (the window's zoom and
     * presentation mode; 1 in exports).
     */
    public static void apply(JFreeChart chart, double scale) {
        float k = (float) scale;
        StandardChartTheme theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        theme.setExtraLargeFont(font(Font.BOLD, 15 * k));
        theme.setLargeFont(font(Font.BOLD, 12 * k));
        theme.setRegularFont(font(Font.PLAIN, 11 * k));
        theme.setSmallFont(font(Font.PLAIN, 10 * k));
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(GRID);
        theme.setRangeGridlinePaint(GRID);
        theme.setAxisLabelPaint(Color.BLACK);
        theme.setTickLabelPaint(new Color(0x222222));
        theme.apply(chart);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(4, 4, 4, 8));
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setFrame(BlockBorder.NONE);
            legend.setItemFont(font(Font.PLAIN, 11 * k));
        }
        Plot plot = chart.getPlot();
        plot.setOutlinePaint(new Color(0x999999));
        if (plot instanceof XYPlot xy) {
            xy.setDomainPannable(true);
            xy.setRangePannable(true);
            for (int i = 0; i < xy.getDomainAxisCount(); i++) {
                axis(xy.getDomainAxis(i), scale);
            }
            for (int i = 0; i < xy.getRangeAxisCount(); i++) {
                axis(xy.getRangeAxis(i), scale);
            }
        }
    }

    /** Fonts and visible tick marks of one axis (also for axes added after {@link #apply}). */
    public static void axis(Axis a) {
        axis(a, 1);
    }

    /** {@link #axis(Axis)} with font sizes multiplied by {@code scale}. */
    public static void axis(Axis a, double scale) {
        if (a == null) {
            return;
        }
        a.setLabelFont(font(Font.PLAIN, (float) (12 * scale)));
        a.setTickLabelFont(font(Font.PLAIN, (float) (10 * scale)));
        a.setTickMarksVisible(true);
        a.setTickMarkInsideLength(0);
        a.setTickMarkOutsideLength(4);
        a.setTickMarkPaint(Color.GRAY);
        a.setAxisLinePaint(Color.GRAY);
    }

    /** A line chart with solid lines in the palette's colours (dense curves such as the calculator's). */
    public static JFreeChart xyLines(String title, String xLabel, String yLabel, XYDataset data) {
        JFreeChart chart = org.jfree.chart.ChartFactory.createXYLineChart(title, xLabel, yLabel, data,
                org.jfree.chart.plot.PlotOrientation.VERTICAL, true, true, false);
        apply(chart);
        if (chart.getXYPlot().getRenderer() instanceof XYLineAndShapeRenderer r) {
            r.setDefaultShapesVisible(false);
            plainLines(r);
        }
        return chart;
    }

    /** Plain solid line styles (no markers) for a renderer: used where points are dense and few series. */
    public static void plainLines(XYLineAndShapeRenderer r) {
        for (int i = 0; i < SeriesStyle.PALETTE.length; i++) {
            r.setSeriesPaint(i, SeriesStyle.color(i));
            r.setSeriesStroke(i, SeriesStyle.Dash.SOLID.stroke(LINE_WIDTH));
        }
    }
}
