package org.unlearning.workbench.engine.verify;

import org.nd4j.linalg.api.buffer.DataType;

/** Every released parameter is finite (a model with NaN or infinite weights is never certified). */
public final class FiniteParametersCheck implements ReleaseCheck {
    @Override
    public String name() {
        return "finite-parameters";
    }

    @Override
    public CheckResult check(ReleaseUnderCheck r) {
        var model = r.releasedModel();
        if (model.isEmpty()) {
            return CheckResult.fail(name(), r.modelProblem());
        }
        double[] p = model.get().model().params().castTo(DataType.DOUBLE).toDoubleVector();
        long bad = 0;
        for (double x : p) {
            if (!Double.isFinite(x)) {
                bad++;
            }
        }
        if (bad > 0) {
            return CheckResult.fail(name(), bad + " of " + p.length + " released parameters are NaN or infinite");
        }
        return CheckResult.pass(name(), "all " + p.length + " released parameters are finite");
    }
}
