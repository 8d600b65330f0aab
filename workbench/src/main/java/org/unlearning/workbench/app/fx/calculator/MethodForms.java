package org.unlearning.workbench.app.fx.calculator;

import org.unlearning.workbench.accounting.method.MethodAccountant;
import org.unlearning.workbench.accounting.method.Param;
import org.unlearning.workbench.accounting.method.ParameterDescription;
import org.unlearning.workbench.accounting.registry.MethodRegistry;
import org.unlearning.workbench.app.fx.controls.ParameterSpec;

import java.util.List;
import java.util.Map;

/**
 * Turns a method's parameter schema into the window's controls: every numeric parameter with a
 * default becomes a slider + field (valid range, typical slider range and tooltip from its
 * declaration) — the accountant's inputs in the calculator form, the engine-only ones under "Run
 * settings" — every choice or boolean a combo box, every optional {@link Param.Control#FIXABLE} value
 * an expert "fix it yourself" knob; {@link Param.Control#HIDDEN} parameters stay in configuration
 * files and {@code --param}.
 */
public final class MethodForms {
    private static final Map<String, String> SYMBOLS = Map.of("C0", "C₀", "C1", "C₁", "C2", "C₂", "σ_t", "σₜ",
            "λ_min", "λₘᵢₙ", "σ0", "σ₀", "Δ_LiSSA", "Δ_LiSSA");

    private MethodForms() {}

    /** Methods offered in the window, in display order (the registry's). */
    public static List<MethodAccountant<?>> methods() {
        return MethodRegistry.all();
    }

    /** Every slider of a method (calculator and run settings). */
    public static List<ParameterDescription> sliders(MethodAccountant<?> m) {
        return m.schema().parameters().stream()
                .filter(p -> p.numeric() && p.control() == Param.Control.AUTO && p.defaultValue() != null)
                .toList();
    }

    /** Sliders of the calculator form (accountant inputs). */
    public static List<ParameterDescription> calculatorSliders(MethodAccountant<?> m) {
        return sliders(m).stream().filter(ParameterDescription::accountantInput).toList();
    }

    /** Sliders of the run settings (engine-only parameters, e.g. batch size, LiSSA depth). */
    public static List<ParameterDescription> runSliders(MethodAccountant<?> m) {
        return sliders(m).stream().filter(p -> !p.accountantInput()).toList();
    }

    public static List<ParameterDescription> choices(MethodAccountant<?> m) {
        return m.schema().parameters().stream()
                .filter(p -> !p.choices().isEmpty() && p.defaultChoice() != null && p.control() == Param.Control.AUTO)
                .toList();
    }

    /**
     * Optional user-fixed knobs (issue 4): when fixed, the accountant recomputes the achieved
     * guarantee for that value and the run uses it.
     */
    public static List<ParameterDescription> fixedKnobs(MethodAccountant<?> m) {
        return m.schema().parameters().stream()
                .filter(p -> p.numeric() && p.control() == Param.Control.FIXABLE)
                .toList();
    }

    public static String symbol(ParameterDescription d) {
        return SYMBOLS.getOrDefault(d.symbol(), d.symbol());
    }

    /**
     * The control of a parameter: valid range from its declaration, slider between its typical values
     * (or around its default), log scale where it spans decades.
     */
    public static ParameterSpec spec(ParameterDescription d) {
        double[] s = d.slider();
        double lo;
        double hi;
        if (s != null) {
            lo = s[0];
            hi = s[1];
        } else if (d.logScale() && d.defaultValue() != null) {
            double def = d.defaultValue();
            lo = Math.max(d.min() > 0 ? d.min() : def / 1000, Math.min(def / 1000, 1));
            hi = Math.min(d.max(), Math.max(def * 100, lo * 10));
        } else {
            lo = d.min();
            hi = d.max();
        }
        double def = d.defaultValue() != null ? d.defaultValue()
                : lo > 0 && d.logScale() ? Math.sqrt(lo * hi) : (lo + hi) / 2;
        if (d.integer()) {
            def = Math.rint(def);
        }
        lo = Math.min(lo, def);
        hi = Math.max(hi, def);
        boolean log = d.logScale() && lo > 0;
        String unit = d.unit() == null || d.unit().length() > 8 ? "" : d.unit();
        String tip = d.tooltip() + (d.unit() == null || d.unit().isEmpty() ? "" : "\nUnit / role: " + d.unit() + ".");
        return new ParameterSpec(d.key(), symbol(d), d.name(), unit, d.min(), d.minInclusive(), d.max(),
                d.maxInclusive(), lo, hi, log, d.integer(), def, tip);
    }
}
