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
