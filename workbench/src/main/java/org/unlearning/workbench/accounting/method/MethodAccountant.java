package org.unlearning.workbench.accounting.method;

import java.util.Map;

/**
 * The accounting side of one unlearning method (theory.md §13) — the plug the calculator, the CLI,
 * the window's forms and the engine's certificates are driven by. Each method lives in its own
 * package ({@code accounting.<method>}) and is listed once in the registry.
 *
 * @param <P> the method's parameter record: it is the configuration (see {@link Param})
 */
public interface MethodAccountant<P extends Record> {
    /** Stable key used on the command line, in YAML ({@code method.type}) and in certificates. */
    String key();

    /** Title shown in the window's method list. */
    String title();

    /** One plain-words sentence about what the method does. */
    String summary();

    /** Its parameters, declared once on the record. */
    ParameterSchema<P> schema();

    /**
     * Plans a setting: T, the σ schedule, the achieved (ε, δ), binding constraint, warnings, statement
     * and curves. Invalid parameters raise {@link IllegalArgumentException} naming the parameter;
     * valid but infeasible settings return {@code feasible = false} with the reason.
     */
    Calculation plan(P params);

    /**
     * The running ledger of a run planned as {@code plan} (the engine side records into the method's
     * concrete ledger; the run reads this view).
     */
    Ledger ledger(P params, Calculation plan);

    /** Label of the ledger's running privacy state in charts (e.g. "δₜ"). */
    default String privacyStateLabel() {
        return "privacy state";
    }

    /**
     * The parameters of a run on real data: fills in what the data decides (e.g. the training-set size n and the group size k)
     * before the run is planned. Default: unchanged.
     */
    default P forData(P params, DataFacts facts) {
        return params;
    }

    /** The certificate's plain-language statement of what was certified. */
    default String certificateStatement(double epsilon, double delta, int forgotten) {
        return GuaranteeText.certificateStatement(epsilon, delta, forgotten);
    }

    /** The accountant test-vector kinds (theory.md §11) this method answers. */
    default Map<String, VectorKind> vectorKinds() {
        return Map.of();
    }

    /**
     * Sizes of the data a run works on.
     *
     * @param trainSize  n, training examples the original may have seen
     * @param forgetSize k = |D_f|
     */
    record DataFacts(long trainSize, long forgetSize) {}
}
