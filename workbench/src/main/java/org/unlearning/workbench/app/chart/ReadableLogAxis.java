package org.unlearning.workbench.app.chart;

import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.Tick;
import org.jfree.chart.plot.ValueAxisPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * A logarithmic axis (privacy state, distances) that always shows at least two labelled ticks:
 * decades (with 2× and 5× when fewer than two decades are in view) for wide ranges, evenly spaced
 * "nice" values when the data span less than a decade (JFreeChart's own log axis then showed a
 * single tick, "0.1"). A single value gets a range of a factor 2 on each side.
 */
public final class ReadableLogAxis extends LogarithmicAxis {
    private static final long serialVersionUID = 1L;
    private static final CompactFormat FORMAT = new CompactFormat(3);

    public ReadableLogAxis(String label) {
        super(label);
        setAllowNegativesFlag(false);
        setStrictValuesFlag(false);
        setNumberFormatOverride(FORMAT);
    }

    @Override
    public void autoAdjustRange() {
        Range data = getPlot() instanceof ValueAxisPlot p ? p.getDataRange(this) : null;
        setRange(range(data), false, false);
        setupSmallLogFlag();   // else values below 10 are drawn on JFreeChart's "adjusted", nearly linear scale
    }

    @Override
    public void setRange(Range range, boolean turnOffAutoRange, boolean notify) {
        super.setRange(range, turnOffAutoRange, notify);
        setupSmallLogFlag();
    }

    /** Data range widened by 5 % of its log span (at least a factor 2 around a single value). */
    static Range range(Range data) {
        if (data == null || !(data.getUpperBound() > 0)) {
            return new Range(0.1, 1);
        }
        double hi = Math.log10(data.getUpperBound());
        double lo = data.getLowerBound() > 0 ? Math.log10(data.getLowerBound()) : hi - 1;
        double span = Math.max(hi - lo, 2 * Math.log10(2));
        double mid = (hi + lo) / 2;
        lo = Math.min(lo, mid - span / 2) - 0.05 * span;
        hi = Math.max(hi, mid + span / 2) + 0.05 * span;
        return new Range(Math.pow(10, lo), Math.pow(10, hi));
    }

    /** Tick values for [lower, upper] (both > 0): see the class comment. */
    static List<Double> tickValues(double lower, double upper) {
        List<Double> out = new ArrayList<>();
        double decades = Math.log10(upper / lower);
        if (decades >= 1) {
            int k0 = (int) Math.ceil(Math.log10(lower) - 1e-9);
            int k1 = (int) Math.floor(Math.log10(upper) + 1e-9);
            int stride = Math.max(1, (int) Math.ceil((k1 - k0 + 1) / 8.0));
            for (int k = k0; k <= k1; k += stride) {
                out.add(Math.pow(10, k));
            }
            if (out.size() >= 2) {
                return out;
            }
            out.clear();
            for (int k = k0 - 1; k <= k1; k++) {
                for (double m : new double[] {1, 2, 5}) {
                    double v = m * Math.pow(10, k);
                    if (v >= lower && v <= upper) {
                        out.add(v);
                    }
                }
            }
            return out;
        }
        double raw = (upper - lower) / 4;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * mag >= raw) {
                step = m * mag;
                break;
            }
        }
        for (double v = Math.ceil(lower / step) * step; v <= upper * (1 + 1e-12); v += step) {
            out.add(Math.abs(v) < step * 1e-9 ? 0 : v);
        }
        if (out.size() < 2) {     // only when the range is tiny against its position: use its ends
            out.clear();
            out.add(lower);
            out.add(upper);
        }
        return out;
    }

    @Override
    protected List<Tick> refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        TextAnchor anchor = edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT;
        return ticks(anchor);
    }

    @Override
    protected List<Tick> refreshTicksHorizontal(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        TextAnchor anchor = edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER;
        return ticks(anchor);
    }

    private List<Tick> ticks(TextAnchor anchor) {
        List<Tick> ticks = new ArrayList<>();
        Range r = getRange();
        for (double v : tickValues(Math.max(r.getLowerBound(), Double.MIN_NORMAL), r.getUpperBound())) {
            ticks.add(new NumberTick(v, FORMAT.format(v), anchor, anchor, 0.0));
        }
        return ticks;
    }
}
