package org.unlearning.workbench.accounting.calculator;

import java.util.List;

/**
 * One row of the parameter table the window uses for sliders and tooltips.
 *
 * @param key           key in {@code --param key=value} (same spelling as theory.md where possible)
 * @param name          human name
 * @param symbol        symbol as in theory.md
 * @param unit          unit / role
 * @param min           smallest allowed value (numeric parameters)
 * @param minInclusive  whether min itself is allowed
 * @param max           largest allowed value (finite; a slider bound where the maths has none)
 * @param maxInclusive  whether max itself is allowed
 * @param defaultValue  numeric default (null = none: optional "not fixed", or a choice parameter)
 * @param logScale      slider should be logarithmic
 * @param optional      may be left empty
 * @param integer       whole numbers only
 * @param choices       allowed values of a choice parameter (empty for numbers)
 * @param defaultChoice default of a choice parameter (null for numbers)
 * @param tooltip       plain words
 */
public record ParameterDescription(String key, String name, String symbol, String unit, double min,
                                   boolean minInclusive, double max, boolean maxInclusive, Double defaultValue,
                                   boolean logScale, boolean optional, boolean integer, List<String> choices,
                                   String defaultChoice, String tooltip) {
    public ParameterDescription {
        choices = List.copyOf(choices);
    }

    /** Allowed range in words, e.g. "(0, 1)" or "one of constant, decreasing". */
    public String range() {
        if (!choices.isEmpty()) {
            return "one of " + String.join(", ", choices);
        }
        return (minInclusive ? "[" : "(") + UnlearningCalculator.fmt(min) + ", " + UnlearningCalculator.fmt(max)
                + (maxInclusive ? "]" : ")");
    }
}
