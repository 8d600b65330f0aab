package org.unlearning.workbench.app.chart;

import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnit;
import org.jfree.chart.ui.RectangleEdge;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;

/**
 * A linear axis with at most eight tick intervals: JFreeChart picks the smallest unit whose labels
 * do not overlap, which on a tall chart printed a ladder of eleven labels (0, 0.001, …, 0.01).
 */
public class LinearAxis extends NumberAxis {
    private static final long serialVersionUID = 1L;
    static final int MAX_INTERVALS = 8;

    public LinearAxis(String label) {
        super(label);
        setNumberFormatOverride(new CompactFormat());
    }

    @Override
    protected void selectAutoTickUnit(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        super.selectAutoTickUnit(g2, dataArea, edge);
        double length = getRange().getLength();
        TickUnit unit = getTickUnit();
        while (length / unit.getSize() > MAX_INTERVALS) {
            TickUnit larger = getStandardTickUnits().getLargerTickUnit(unit);
            if (larger.getSize() <= unit.getSize()) {
                break;
            }
            unit = larger;
        }
        if (unit instanceof NumberTickUnit n && n != getTickUnit()) {
            setTickUnit(n, false, false);
        }
    }
}
