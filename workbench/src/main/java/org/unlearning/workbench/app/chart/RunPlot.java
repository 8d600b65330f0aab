package org.unlearning.workbench.app.chart;

import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.general.DatasetChangeEvent;
import org.jfree.data.xy.XYDataset;

import java.awt.Color;

/**
 * An XY plot of run data that says "no data yet" instead of drawing meaningless axes
 * (−5E-9…5E-9) while its datasets are empty, and leaves series without points out of the legend
 * (a run without the retrain baseline lists no retraining curves).
 */
public final class RunPlot extends XYPlot {
    private static final long serialVersionUID = 1L;

    public RunPlot(ValueAxis domain, ValueAxis range) {
        super(null, domain, range, new SparseMarkerRenderer());
        setNoDataMessage("No data yet");
        setNoDataMessageFont(ChartFonts.sans(java.awt.Font.PLAIN, 15));
        setNoDataMessagePaint(new Color(0x777777));
    }

    /** True when no dataset has a point. */
    public boolean isEmpty() {
        for (int i = 0; i < getDatasetCount(); i++) {
            XYDataset d = getDataset(i);
            if (d == null) {
                continue;
            }
            for (int s = 0; s < d.getSeriesCount(); s++) {
                if (d.getItemCount(s) > 0) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public void datasetChanged(DatasetChangeEvent event) {
        showAxes(!isEmpty());
        super.datasetChanged(event);
    }

    /** Axes and grid are hidden while there is nothing to measure. */
    public void showAxes(boolean show) {
        if (isDomainGridlinesVisible() != show) {
            setDomainGridlinesVisible(show);
            setRangeGridlinesVisible(show);
        }
        for (int i = 0; i < getDomainAxisCount(); i++) {
            setVisible(getDomainAxis(i), show);
        }
        for (int i = 0; i < getRangeAxisCount(); i++) {
            setVisible(getRangeAxis(i), show);
        }
    }

    private static void setVisible(Axis a, boolean show) {
        if (a != null && a.isVisible() != show) {
            a.setVisible(show);
        }
    }

    @Override
    public LegendItemCollection getLegendItems() {
        if (getFixedLegendItems() != null) {
            return getFixedLegendItems();
        }
        LegendItemCollection all = super.getLegendItems();
        LegendItemCollection shown = new LegendItemCollection();
        for (int i = 0; i < all.getItemCount(); i++) {
            LegendItem item = all.get(i);
            if (item.getDataset() instanceof XYDataset d && item.getSeriesIndex() < d.getSeriesCount()
                    && d.getItemCount(item.getSeriesIndex()) == 0) {
                continue;
            }
            shown.add(item);
        }
        return shown;
    }
}
