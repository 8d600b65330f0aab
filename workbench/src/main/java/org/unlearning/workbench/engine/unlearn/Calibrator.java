package org.unlearning.workbench.engine.unlearn;

import org.unlearning.workbench.accounting.method.Calculation;
import org.unlearning.workbench.accounting.method.Figure;
import org.unlearning.workbench.accounting.method.MethodAccountant;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans a run's method with its accountant — the code behind {@code accountant calc} and the window's
 * calculator, so T, σ and (ε, δ) are the same numbers — and refuses infeasible settings with an
 * {@link IllegalArgumentException} that says what to change.
 */
public final class Calibrator {
    /** Upper bound on noisy steps the engine agrees to run. */
    public static final int MAX_NOISY_STEPS = 1_000_000;

    private Calibrator() {}

    /** The plan of {@code m} on data of these sizes (the method fills in what the data decides). */
    public static Calibration calibrate(MethodConfig m, MethodAccountant.DataFacts facts) {
        return calibrate(forData(m, facts));
    }

    /** The method's parameters for a run on data of these sizes. */
    public static MethodConfig forData(MethodConfig m, MethodAccountant.DataFacts facts) {
        return new MethodConfig(m.method(), bind(m.method(), m.params(), facts));
    }

    @SuppressWarnings("unchecked")
    private static <P extends Record> Record bind(MethodAccountant<P> a, Record p, MethodAccountant.DataFacts facts) {
        return a.forData((P) p, facts);
    }

    @SuppressWarnings("unchecked")
    private static <P extends Record> Calculation plan(MethodAccountant<P> a, Record p) {
        return a.plan((P) p);
    }

    /** Plans {@code m} as configured. */
    public static Calibration calibrate(MethodConfig m) {
        Calculation calc = plan(m.method(), m.params());
        if (!calc.feasible()) {
            throw new IllegalArgumentException(m.key().replace('_', ' ') + " is infeasible: " + calc.reason());
        }
        long t = calc.steps() == null ? 0 : calc.steps();
        if (t > MAX_NOISY_STEPS) {
            throw new IllegalArgumentException(m.key() + " needs T = " + t + " noisy steps (> " + MAX_NOISY_STEPS
                    + "): " + calc.bindingConstraint() + "; change the parameters to shorten the noisy phase");
        }
        int steps = (int) t;
        double[] sigmas;
        String schedule;
        if (calc.sigmaSchedule() != null) {
            sigmas = calc.sigmaSchedule().clone();
            schedule = "decreasing";
        } else if (steps > 0 && calc.sigma() != null) {
            sigmas = new double[steps];
            Arrays.fill(sigmas, calc.sigma());
            schedule = "constant";
        } else if (calc.sigma() != null) {
            sigmas = new double[] {calc.sigma()};
            schedule = "single_draw";
        } else {
            sigmas = new double[0];
            schedule = "none";
        }
        List<String> notes = new ArrayList<>();
        if (calc.bindingConstraint() != null) {
            notes.add(calc.bindingConstraint());
        }
        notes.addAll(calc.warnings());
        Object epsTarget = m.values().get("epsilon");
        if (epsTarget instanceof Double target && calc.epsilon() != null && calc.epsilon() > target * (1 + 1e-9)) {
            notes.add(String.format("achieved guarantee: (ε, δ) = (%.6g, %.3g) — weaker than the target ε = %s",
                    calc.epsilon(), calc.delta(), target));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("T", steps);
        if (calc.renyiCoefficient() != null) {
            out.put("rho_R", calc.renyiCoefficient());
        }
        if (calc.deltaT() != null) {
            out.put("delta_T", calc.deltaT());
        }
        if (calc.sigma() != null) {
            out.put("sigma", calc.sigma());
        }
        out.put("binding_constraint", calc.bindingConstraint());
        if (calc.legacyEpsilon() != null) { // only inside an object that says what it is not
            Map<String, Object> legacy = new LinkedHashMap<>();
            String label = calc.legacyEpsilon().label();
            legacy.put("label", label.contains("NOT a valid guarantee") ? label : "NOT a valid guarantee: " + label);
            legacy.put(calc.legacyEpsilon().key(), calc.legacyEpsilon().value());
            out.put("not_a_valid_guarantee", legacy);
        }
        for (Figure f : calc.figures()) {
            out.put(f.key(), f.value());
        }
        return new Calibration(m, calc, steps, sigmas, schedule, calc.epsilon(), calc.delta(), calc.accountant(),
                m.values(), out, notes);
    }
}
