package org.unlearning.workbench.accounting.registry;

import org.unlearning.workbench.accounting.dpsgd.DpSgdMethod;
import org.unlearning.workbench.accounting.gradclip.GradientClippingMethod;
import org.unlearning.workbench.accounting.method.Calculation;
import org.unlearning.workbench.accounting.method.MethodAccountant;
import org.unlearning.workbench.accounting.method.VectorKind;
import org.unlearning.workbench.accounting.modelclip.ModelClippingMethod;
import org.unlearning.workbench.accounting.newton.NewtonMethod;
import org.unlearning.workbench.accounting.outputpert.OutputPerturbationMethod;
import org.unlearning.workbench.accounting.retrain.RetrainMethod;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The list of unlearning methods (theory.md §13), in display order: the one place a method is
 * added. The calculator, {@code accountant calc/check}, the CLI, configuration files and the
 * window's forms find methods here by key or by parameter record.
 */
public final class MethodRegistry {
    private static final List<MethodAccountant<?>> METHODS = List.of(
            new GradientClippingMethod(),
            new ModelClippingMethod(),
            new OutputPerturbationMethod(),
            new RetrainMethod(),
            new DpSgdMethod(),
            new NewtonMethod());
    private static final Map<Class<?>, MethodAccountant<?>> BY_PARAMS = new LinkedHashMap<>();

    static {
        for (MethodAccountant<?> m : METHODS) {
            BY_PARAMS.put(m.schema().type(), m);
        }
    }

    private MethodRegistry() {}

    /** Every method in display order. */
    public static List<MethodAccountant<?>> all() {
        return METHODS;
    }

    /** Method keys in display order. */
    public static List<String> keys() {
        return METHODS.stream().map(MethodAccountant::key).toList();
    }

    /** The method with this key (case-insensitive, '-' or '_'). */
    public static MethodAccountant<?> get(String key) {
        String k = key == null ? "" : key.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (MethodAccountant<?> m : METHODS) {
            if (m.key().equals(k)) {
                return m;
            }
        }
        throw new IllegalArgumentException("method must be one of " + String.join(", ", keys()) + " (got '" + key + "')");
    }

    /** The method whose parameter record this is. */
    @SuppressWarnings("unchecked")
    public static <P extends Record> MethodAccountant<P> of(P params) {
        MethodAccountant<?> m = BY_PARAMS.get(params.getClass());
        if (m == null) {
            throw new IllegalArgumentException(params.getClass().getSimpleName() + " is not a method's parameter record");
        }
        return (MethodAccountant<P>) m;
    }

    /** Plans these parameters with their method (the calculator's one call). */
    public static Calculation calculate(Record params) {
        if (params == null) {
            throw new IllegalArgumentException("params must not be null");
        }
        return planWith(of(params), params);
    }

    /** Parses {@code key=value} text with the method's schema and plans it. */
    public static Calculation calculate(String method, Map<String, String> text) {
        return calculate(get(method).schema().parse(text));
    }

    @SuppressWarnings("unchecked")
    private static <P extends Record> Calculation planWith(MethodAccountant<P> m, Record params) {
        return m.plan((P) params);
    }

    /** Every method's test-vector kinds by name. */
    public static Map<String, VectorKind> vectorKinds() {
        Map<String, VectorKind> all = new LinkedHashMap<>();
        for (MethodAccountant<?> m : METHODS) {
            m.vectorKinds().forEach((k, v) -> {
                if (all.put(k, v) != null) {
                    throw new IllegalStateException("vector kind " + k + " is answered by two methods");
                }
            });
        }
        return all;
    }
}
