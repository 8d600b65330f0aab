package org.unlearning.workbench.accounting.method;

import java.util.List;

/**
 * One parameter of a method as the calculator, the window, {@code --list} and the certificate see it,
 * derived by {@link ParameterSchema} from the record component's {@link Param} annotation and type.
 *
 * @param key           key in {@code --param key=value} and in calculator JSON
 * @param yamlKey       key in YAML/JSON run configurations
 * @param aliases       other accepted spellings
 * @param name          human name
 * @param symbol        symbol as in theory.md
 * @param unit          unit / role
 * @param type          value type
 * @param min           smallest allowed value (numbers)
 * @param minInclusive  whether min itself is allowed
 * @param max           largest allowed value (numbers; finite)
 * @param maxInclusive  whether max itself is allowed
 * @param defaultValue  numeric default (null: none, or not a number)
 * @param defaultChoice default of a choice or boolean as text (null for numbers)
 * @param logScale      log-scale slider
 * @param slider        typical slider range {lo, hi}, or null
 * @param optional      may be left unset (null = "not fixed by the user")
 * @param choices       allowed values of a choice / boolean (empty for numbers)
 * @param tooltip       plain words
 * @param use           who reads it (accountant, run or both)
 * @param control       how the window offers it
 */
public record ParameterDescription(String key, String yamlKey, List<String> aliases, String name, String symbol,
                                   String unit, Type type, double min, boolean minInclusive, double max,
                                   boolean maxInclusive, Double defaultValue, String defaultChoice, boolean logScale,
                                   double[] slider, boolean optional, List<String> choices, String tooltip,
                                   Param.Use use, Param.Control control) {
    /** Value type of a parameter. */
    public enum Type { NUMBER, INTEGER, BOOLEAN, CHOICE, TEXT }

    public ParameterDescription {
        aliases = List.copyOf(aliases);
        choices = List.copyOf(choices);
        slider = slider == null ? null : slider.clone();
    }

    @Override
    public double[] slider() {
        return slider == null ? null : slider.clone();
    }

    /** Whole numbers only. */
    public boolean integer() {
        return type == Type.INTEGER;
    }

    /** A number (integer or not). */
    public boolean numeric() {
        return type == Type.NUMBER || type == Type.INTEGER;
    }

    /** Read by the accountant (in the calculator form). */
    public boolean accountantInput() {
        return use != Param.Use.RUN;
    }

    /** Read by the engine (in the run configuration). */
    public boolean runInput() {
        return use != Param.Use.CALCULATOR;
    }

    /** Allowed range in words, e.g. "(0, 1)" or "one of constant, decreasing". */
    public String range() {
        if (!choices.isEmpty()) {
            return "one of " + String.join(", ", choices);
        }
        return (minInclusive ? "[" : "(") + GuaranteeText.fmt(min) + ", " + GuaranteeText.fmt(max)
                + (maxInclusive ? "]" : ")");
    }
}
