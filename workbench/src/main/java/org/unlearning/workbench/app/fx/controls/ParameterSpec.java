package org.unlearning.workbench.app.fx.controls;

/**
 * Describes one user-facing parameter: its symbol, plain-language role (the tooltip is used in
 * teaching), unit, valid range, the slider's range (the typical values; the field accepts every
 * valid value) and whether the slider moves on a log scale (ε, δ).
 *
 * @param key          stable identifier used in settings files (e.g. {@code "epsilon"})
 * @param symbol       the symbol a reader of the papers knows (e.g. {@code "ε"})
 * @param name         short descriptive name (e.g. {@code "privacy budget"})
 * @param unit         unit shown after the field, or empty
 * @param min          smallest valid value
 * @param minInclusive whether {@code min} itself is valid
 * @param max          largest valid value
 * @param maxInclusive whether {@code max} itself is valid
 * @param sliderMin    left end of the slider
 * @param sliderMax    right end of the slider
 * @param logScale     slider moves on log10 of the value (requires {@code sliderMin > 0})
 * @param integer      only whole numbers are valid
 * @param defaultValue value used when nothing else is known
 * @param tooltip      plain-language explanation of the parameter's role
 */
public record ParameterSpec(String key, String symbol, String name, String unit, double min, boolean minInclusive,
                            double max, boolean maxInclusive, double sliderMin, double sliderMax, boolean logScale,
                            boolean integer, double defaultValue, String tooltip) {

    public ParameterSpec {
        if (!(min <= max) || !(sliderMin < sliderMax)) {
            throw new IllegalArgumentException("parameter " + key + ": empty range");
        }
        if (logScale && !(sliderMin > 0)) {
            throw new IllegalArgumentException("parameter " + key + ": log scale needs a positive slider minimum");
        }
    }

    private static ParameterSpec simple(String key, String symbol, String name, String unit, double min, double max,
                                        boolean log, boolean integer, double def, String tooltip) {
        return new ParameterSpec(key, symbol, name, unit, min, true, max, true, min, max, log, integer, def, tooltip);
    }

    public static ParameterSpec linear(String key, String symbol, String name, String unit,
                                       double min, double max, double def, String tooltip) {
        return simple(key, symbol, name, unit, min, max, false, false, def, tooltip);
    }

    public static ParameterSpec log(String key, String symbol, String name, String unit,
                                    double min, double max, double def, String tooltip) {
        return simple(key, symbol, name, unit, min, max, true, false, def, tooltip);
    }

    public static ParameterSpec integer(String key, String symbol, String name, String unit,
                                        double min, double max, double def, String tooltip) {
        return simple(key, symbol, name, unit, min, max, false, true, def, tooltip);
    }

    /** Label text, e.g. "ε  privacy budget". */
    public String label() {
        return symbol.isEmpty() ? name : symbol + "  " + name;
    }

    /** Valid range in words, e.g. "(0, 1)". */
    public String rangeText() {
        return (minInclusive ? "[" : "(") + NumberText.format(min) + ", " + NumberText.format(max)
                + (maxInclusive ? "]" : ")");
    }

    /**
     * Checks a candidate value; returns {@code null} when valid, else a one-line reason naming
     * the parameter.
     */
    public String problemWith(double v) {
        String who = symbol.isEmpty() ? name : symbol;
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return who + " must be a finite number";
        }
        if (integer && v != Math.rint(v)) {
            return who + " must be a whole number";
        }
        boolean okMin = minInclusive ? v >= min : v > min;
        boolean okMax = maxInclusive ? v <= max : v < max;
        if (!okMin || !okMax) {
            return who + " must be in " + rangeText() + " (got " + NumberText.format(v) + ")";
        }
        return null;
    }
}
