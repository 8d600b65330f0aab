package org.unlearning.workbench.app.fx.controls;

/**
 * Describes one user-facing parameter: its symbol, plain-language role (the tooltip is used in
 * teaching), unit, valid range, and whether the slider moves on a log scale (ε, δ).
 *
 * @param key          stable identifier used in settings files (e.g. {@code "epsilon"})
 * @param symbol       the symbol a reader of the papers knows (e.g. {@code "ε"})
 * @param name         short descriptive name (e.g. {@code "privacy budget"})
 * @param unit         unit shown after the field, or empty
 * @param min          smallest valid value (inclusive)
 * @param max          largest valid value (inclusive)
 * @param logScale     slider moves on log10 of the value (requires {@code min > 0})
 * @param integer      only whole numbers are valid
 * @param defaultValue value used when nothing else is known
 * @param tooltip      plain-language explanation of the parameter's role
 */
public record ParameterSpec(String key, String symbol, String name, String unit, double min,
                            double max, boolean logScale, boolean integer, double defaultValue,
                            String tooltip) {

    public ParameterSpec {
        if (!(min <= max)) {
            throw new IllegalArgumentException("parameter " + key + ": min > max");
        }
        if (logScale && !(min > 0)) {
            throw new IllegalArgumentException("parameter " + key + ": log scale needs min > 0");
        }
        if (!contains(min, max, defaultValue)) {
            throw new IllegalArgumentException("parameter " + key + ": default outside range");
        }
    }

    public static ParameterSpec linear(String key, String symbol, String name, String unit,
                                       double min, double max, double def, String tooltip) {
        return new ParameterSpec(key, symbol, name, unit, min, max, false, false, def, tooltip);
    }

    public static ParameterSpec log(String key, String symbol, String name, String unit,
                                    double min, double max, double def, String tooltip) {
        return new ParameterSpec(key, symbol, name, unit, min, max, true, false, def, tooltip);
    }

    public static ParameterSpec integer(String key, String symbol, String name, String unit,
                                        double min, double max, double def, String tooltip) {
        return new ParameterSpec(key, symbol, name, unit, min, max, false, true, def, tooltip);
    }

    /** Label text, e.g. "ε  privacy budget". */
    public String label() {
        return symbol.isEmpty() ? name : symbol + "  " + name;
    }

    /**
     * Checks a candidate value; returns {@code null} when valid, else a one-line reason naming
     * the parameter.
     */
    public String problemWith(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return symbol + " must be a finite number";
        }
        if (integer && v != Math.rint(v)) {
            return symbol + " must be a whole number";
        }
        if (!contains(min, max, v)) {
            return symbol + " must be between " + NumberText.format(min) + " and "
                    + NumberText.format(max) + " (got " + NumberText.format(v) + ")";
        }
        return null;
    }

    private static boolean contains(double min, double max, double v) {
        return v >= min && v <= max;
    }
}
