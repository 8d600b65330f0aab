package org.unlearning.workbench.app.fx.calculator;

import org.unlearning.workbench.accounting.calculator.Method;
import org.unlearning.workbench.accounting.calculator.ParameterDescription;
import org.unlearning.workbench.accounting.calculator.ParameterTable;
import org.unlearning.workbench.app.fx.controls.ParameterSpec;

import java.util.List;
import java.util.Map;

/**
 * Turns the accountant's parameter table into the window's controls: every required numeric
 * parameter becomes a slider + field (valid range and tooltip from the table, slider range = the
 * values people actually use), every choice a combo box. The optional user-fixed T and σ become
 * expert "fix it yourself" knobs ({@link #fixedKnobs}); authors'-code calibration stays in the CLI.
 */
public final class MethodForms {
    /** Slider ends (typical values, from the configs of theory.md §10.1); the field accepts any valid value. */
    private static final Map<String, double[]> SLIDER = Map.ofEntries(
            Map.entry("epsilon", new double[] {0.01, 100}),
            Map.entry("delta", new double[] {1e-12, 0.1}),
            Map.entry("c0", new double[] {0.001, 100}),
            Map.entry("c1", new double[] {0.01, 100}),
            Map.entry("c2", new double[] {1e-4, 100}),
            Map.entry("eta", new double[] {1e-5, 1}),
            Map.entry("lambda", new double[] {0.01, 1000}),
            Map.entry("sigma", new double[] {1e-3, 100}),
            // DP-SGD and Newton (calculator only)
            Map.entry("n_train", new double[] {100, 1e7}),
            Map.entry("k", new double[] {1, 1e5}),
            Map.entry("batch_size", new double[] {1, 8192}),
            Map.entry("epochs", new double[] {1, 1000}),
            Map.entry("clip_norm", new double[] {0.01, 100}),
            Map.entry("c", new double[] {0.1, 1000}),
            Map.entry("m", new double[] {0.001, 1000}),
            Map.entry("lambda_min", new double[] {-15, 5}),   // the Newton sample model has about -12
            Map.entry("lissa_error", new double[] {0, 1}));
    private static final Map<String, String> SYMBOLS = Map.of("C0", "C₀", "C1", "C₁", "C2", "C₂", "σ_t", "σₜ",
            "λ_min", "λₘᵢₙ", "σ0", "σ₀");
    private static final Map<String, String> EXTRA_TIP = Map.of(
            "eta", " (Paper A writes it γ.)",
            "c0", "", "epsilon", " Log-scale slider.", "delta", " Log-scale slider.");

    private MethodForms() {}

    /** Methods offered in the window, in display order. */
    public static List<Method> methods() {
        return ParameterTable.all().stream().map(d -> d.method()).toList();
    }

    public static List<ParameterDescription> sliders(Method m) {
        return ParameterTable.describe(m).parameters().stream()
                .filter(p -> p.choices().isEmpty() && p.defaultValue() != null
                        && (!p.optional() || (m == Method.NEWTON && p.key().equals("lissa_error"))))   // Δ_LiSSA is a run budget
                .toList();
    }

    public static List<ParameterDescription> choices(Method m) {
        return ParameterTable.describe(m).parameters().stream()
                .filter(p -> !p.choices().isEmpty() && p.defaultChoice() != null)
                .filter(p -> !(m == Method.GRADIENT_CLIPPING && p.key().equals("formula")))   // only with eps_renyi
                .filter(p -> !p.key().equals("strict_first_step"))
                .toList();
    }

    /**
     * Optional user-fixed knobs the window offers (issue 4): T and σ for gradient clipping, σ for
     * output perturbation. When fixed, the accountant recomputes the achieved guarantee for that
     * value and the run uses it. Model clipping's fixed T is not offered: the engine's calibration
     * always runs the rule-based T, so a window-fixed T would not be what runs.
     */
    public static List<ParameterDescription> fixedKnobs(Method m) {
        if (m != Method.GRADIENT_CLIPPING && m != Method.OUTPUT_PERTURBATION) {
            return List.of();
        }
        return ParameterTable.describe(m).parameters().stream()
                .filter(p -> p.optional() && (p.key().equals("steps") || p.key().equals("sigma")))
                .toList();
    }

    /** Control of a fixed knob: T an integer slider, σ a log slider; valid range from the table. */
    public static ParameterSpec knobSpec(Method m, ParameterDescription d) {
        String recomputed = m == Method.OUTPUT_PERTURBATION ? "the achieved ε is recomputed"
                : d.key().equals("steps") ? "σ is recalibrated so that (ε, δ) still holds"
                : "the achieved ε is recomputed for this σ";
        if (d.key().equals("steps")) {
            return new ParameterSpec("steps", "T", "noisy steps (fixed by you)", "steps", d.min(), true, d.max(),
                    true, 1, 10_000, false, true, 100,
                    "How many noisy steps to run, chosen by you instead of the accountant; " + recomputed
                            + ". The field accepts up to " + (long) d.max() + ".");
        }
        return new ParameterSpec("sigma", "σ", "noise std (fixed by you)", "", d.min(), true, d.max(), true,
                1e-3, 100, true, false, 1.0,
                "How much Gaussian noise to add to every parameter, chosen by you instead of the accountant; "
                        + recomputed + ". More noise = stronger guarantee but a worse model. Log-scale slider.");
    }

    public static String symbol(ParameterDescription d) {
        return SYMBOLS.getOrDefault(d.symbol(), d.symbol());
    }

    public static ParameterSpec spec(ParameterDescription d) {
        double def = d.defaultValue();
        double[] s = SLIDER.get(d.key());
        double lo;
        double hi;
        if (s != null) {
            lo = s[0];
            hi = s[1];
        } else if (d.logScale()) {
            lo = Math.max(d.min() > 0 ? d.min() : def / 1000, Math.min(def / 1000, 1));
            hi = Math.min(d.max(), Math.max(def * 100, lo * 10));
        } else {
            lo = d.min();
            hi = d.max();
        }
        lo = Math.min(lo, def);
        hi = Math.max(hi, def);
        // every parameter spanning decades gets a log slider (λ = 0 stays valid: type it, the slider pins left)
        boolean log = (d.logScale() || s != null) && lo > 0;
        String unit = d.unit() == null || d.unit().length() > 8 ? "" : d.unit();
        String tip = d.tooltip() + EXTRA_TIP.getOrDefault(d.key(), "")
                + (d.unit() == null || d.unit().isEmpty() ? "" : "\nUnit / role: " + d.unit() + ".");
        return new ParameterSpec(d.key(), symbol(d), d.name(), unit, d.min(), d.minInclusive(), d.max(),
                d.maxInclusive(), lo, hi, log, d.integer(), def, tip);
    }
}
