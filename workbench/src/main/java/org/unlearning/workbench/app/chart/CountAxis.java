package org.unlearning.workbench.app.chart;

import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueAxisPlot;
import org.jfree.data.Range;

/**
 * An axis of counts (steps, deletion requests, examples processed): integer ticks only, and a
 * range that stays readable for short runs — a run of one step spans 0…1 with ticks 0 and 1, not
 * 0.00…1.05 in 0.05 steps; no data gives 0…1.
 */
public final class CountAxis extends LinearAxis {
    private static final long serialVersionUID = 1L;
    private static final double MARGIN = 0.04;
    private static final org.jfree.chart.axis.TickUnitSource INTEGER_UNITS = NumberAxis.createIntegerTickUnits();

    public CountAxis(String label) {
        super(label);
        setAutoRangeIncludesZero(false);
        setNumberFormatOverride(new CompactFormat(6));
    }

    /** Integer units always (a chart theme may install its own tick units after construction). */
    @Override
    public org.jfree.chart.axis.TickUnitSource getStandardTickUnits() {
        return INTEGER_UNITS;
    }

    @Override
    protected void autoAdjustRange() {
        Range data = getPlot() instanceof ValueAxisPlot p ? p.getDataRange(this) : null;
        setRange(range(data), false, false);
    }

    /** Whole numbers around the data, at least one unit wide, with a small margin for markers. */
    static Range range(Range data) {
        if (data == null || !Double.isFinite(data.getLowerBound()) || !Double.isFinite(data.getUpperBound())) {
            return new Range(0, 1);
        }
        double lo = Math.floor(data.getLowerBound());
        double hi = Math.ceil(data.getUpperBound());
        if (hi - lo < 1) {
            hi = lo + 1;
        }
        double m = MARGIN * (hi - lo);
        return new Range(lo - m, hi + m);
    }
}
