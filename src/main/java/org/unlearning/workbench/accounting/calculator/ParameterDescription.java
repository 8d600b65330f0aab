package org.unlearning.workbench.accounting.calculator;

/**
 * One row of the parameter table the window uses for sliders and tooltips.
 *
 * @param key          key in {@code --param key=value} and in the params record
 * @param name         human name
 * @param symbol       symbol as in theory.md
 * @param unit         unit / role
 * @param min          smallest allowed value
 * @param minInclusive whether min itself is allowed
 * @param max          largest allowed value (finite; a slider bound where the maths has none)
 * @param maxInclusive whether max itself is allowed
 * @param defaultValue default (null = required without default, or "not fixed")
 * @param logScale     slider should be logarithmic
 * @param optional     may be left empty
 * @param tooltip      plain words
 */
public record ParameterDescription(String key, String name, String symbol, String unit, double min,
                                   boolean minInclusive, double max, boolean maxInclusive, Double defaultValue,
                                   boolean logScale, boolean optional, String tooltip) {}
