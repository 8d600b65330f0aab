package org.unlearning.workbench.app.fx.charts;

import org.unlearning.workbench.app.fx.controls.NumberText;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

/** Axis tick labels like "0.01", "100", "1e-5" (same style as the fields). */
public final class CompactFormat extends NumberFormat {
    private static final long serialVersionUID = 1L;

    @Override
    public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
        return to.append(NumberText.format(number, 4));
    }

    @Override
    public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
        return to.append(NumberText.format(number, 4));
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
        try {
            double v = NumberText.parse(source.substring(pos.getIndex()));
            pos.setIndex(source.length());
            return v;
        } catch (NumberFormatException e) {
            pos.setErrorIndex(pos.getIndex());
            return null;
        }
    }
}
