package org.unlearning.workbench.accounting.retrain;

import org.unlearning.workbench.accounting.method.Calculation;
import org.unlearning.workbench.accounting.method.Ledger;
import org.unlearning.workbench.accounting.method.MethodAccountant;
import org.unlearning.workbench.accounting.method.ParameterSchema;

import java.util.List;

/** Retraining from scratch on the retained data (theory.md §7): exact unlearning, ε = δ = 0. */
public final class RetrainMethod implements MethodAccountant<RetrainParams> {
    private static final ParameterSchema<RetrainParams> SCHEMA = ParameterSchema.of(RetrainParams.class, "retrain");

    @Override
    public String key() {
        return "retrain";
    }

    @Override
    public String title() {
        return "Retrain from scratch on the retained data (exact unlearning)";
    }

    @Override
    public String summary() {
        return "Train a fresh model on the retained data: exact unlearning, highest cost.";
    }

    @Override
    public ParameterSchema<RetrainParams> schema() {
        return SCHEMA;
    }

    @Override
    public Calculation plan(RetrainParams params) {
        return new Calculation(key(), true, null, null, null, null, null, 0.0, 0.0, null, null,
                "retraining never sees the forgotten data", List.of(), null, List.of(),
                "Retraining from scratch on the retained data is exact unlearning: an observer of the released "
                        + "model cannot tell at all whether your data was deleted (epsilon = 0, delta = 0).",
                List.of("The model is re-initialised at random and trained only on the retained data."),
                List.of(), "exact unlearning: retraining from a fresh initialisation on the retain set (theory.md §7)");
    }

    @Override
    public Ledger ledger(RetrainParams params, Calculation plan) {
        return Ledger.exact();
    }

    @Override
    public String certificateStatement(double epsilon, double delta, int forgotten) {
        return "Exact unlearning: the model was retrained from scratch without the " + forgotten
                + " forgotten examples, so it carries no information about them beyond what the remaining data "
                + "and the seed determine (ε = 0, δ = 0).";
    }
}
