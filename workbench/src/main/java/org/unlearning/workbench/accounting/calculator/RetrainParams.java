package org.unlearning.workbench.accounting.calculator;

/** Retraining from scratch (§7): exact unlearning, nothing to calibrate. */
public record RetrainParams() implements MethodParams {
    @Override
    public Method method() {
        return Method.RETRAIN;
    }
}
