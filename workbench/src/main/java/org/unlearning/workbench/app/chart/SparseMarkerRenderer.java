package org.unlearning.workbench.app.chart;

import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYDataset;

import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;

/**
 * Lines with a marker on about every tenth point (and on the last): enough to tell series apart
 * in greyscale without burying a long curve under symbols. A series of one point is always drawn
 * as its marker, so a one-step run stays visible.
 */
public final class SparseMarkerRenderer extends XYLineAndShapeRenderer {
    private static final long serialVersionUID = 1L;
    static final int MARKERS_PER_SERIES = 10;
    private transient int itemCount;

    public SparseMarkerRenderer() {
        super(true, true);
        setLegendLine(new Line2D.Double(-12, 0, 12, 0));
        setDrawSeriesLineAsPath(true);
    }

    /** Colour, dash and marker of one series ({@code style.marker() == null}: a plain line). */
    public void style(int series, SeriesStyle style, float width) {
        setSeriesPaint(series, style.color());
        setSeriesStroke(series, style.dash().stroke(width));
        if (style.marker() == null) {
            setSeriesShapesVisible(series, false);
        } else {
            setSeriesShapesVisible(series, true);
            setSeriesShape(series, style.marker().shape(width * 3.2));
        }
    }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
                         XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series,
                         int item, CrosshairState crosshairState, int pass) {
        itemCount = dataset.getItemCount(series);
        super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item,
                crosshairState, pass);
    }

    @Override
    public boolean getItemShapeVisible(int series, int item) {
        return super.getItemShapeVisible(series, item) && markerAt(item, itemCount);
    }

    /** True when point {@code item} of {@code count} carries a marker. */
    static boolean markerAt(int item, int count) {
        int stride = Math.max(1, (int) Math.ceil(count / (double) MARKERS_PER_SERIES));
        return item % stride == 0 || item == count - 1;
    }
}
