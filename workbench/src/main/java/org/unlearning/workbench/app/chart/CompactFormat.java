package org.unlearning.workbench.app.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * Numbers as the workbench writes them everywhere (fields, axes, reports; locale independent):
 * "0.01", "100", "1e-5" — plain in [1e-4, 1e6), scientific outside.
 */
public class CompactFormat extends NumberFormat {
    private static final long serialVersionUID = 1L;
    private final int digits;

    /** Tick labels: 4 significant digits. */
    public CompactFormat() {
        this(4);
    }

    public CompactFormat(int significantDigits) {
        this.digits = significantDigits;
    }

    /** {@code v} rounded to {@code significantDigits} significant digits. */
    public static String text(double v, int significantDigits) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(significantDigits)).stripTrailingZeros();
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e6) {
            return d.toPlainString();
        }
        int exp = d.precision() - d.scale() - 1;
        BigDecimal mantissa = d.movePointLeft(exp).stripTrailingZeros();
        return mantissa.toPlainString() + "e" + exp;
    }

    @Override
    public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
        return to.append(text(number, digits));
    }

    @Override
    public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
        return to.append(text(number, digits));
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
        try {
            String t = source.substring(pos.getIndex()).trim().toLowerCase(Locale.ROOT).replace("−", "-");
            double v = Double.parseDouble(t);
            pos.setIndex(source.length());
            return v;
        } catch (NumberFormatException e) {
            pos.setErrorIndex(pos.getIndex());
            return null;
        }
    }
}
