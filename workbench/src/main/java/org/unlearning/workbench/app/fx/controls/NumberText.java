package org.unlearning.workbench.app.fx.controls;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Compact, exact-enough text for numbers shown in fields and panels (locale independent). */
public final class NumberText {
    private NumberText() {}

    /** Up to 6 significant digits; scientific ("1e-5") outside [1e-4, 1e6). */
    public static String format(double v) {
        return format(v, 6);
    }

    public static String format(double v, int significantDigits) {
        return org.unlearning.workbench.app.chart.CompactFormat.text(v, significantDigits);
    }

    /** Parses user input; accepts "1e-5", "1E-5", "0,5" is rejected. Throws NumberFormatException. */
    public static double parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace("−", "-").replace("×10^", "e");
        if (t.isEmpty()) {
            throw new NumberFormatException("empty");
        }
        return Double.parseDouble(t);
    }

    /** Rounds to {@code digits} significant digits (used when a slider produces a value). */
    public static double roundSignificant(double v, int digits) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        return new BigDecimal(v).round(new MathContext(digits)).doubleValue();
    }
}
