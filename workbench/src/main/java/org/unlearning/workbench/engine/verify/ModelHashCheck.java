package org.unlearning.workbench.engine.verify;

import org.unlearning.workbench.engine.model.ModelStore;

/**
 * The released model is the one certified: the SHA-256 of its parameters, recomputed from the
 * released file, equals {@code unlearned_model_sha256} of the certificate (replacing the model, e.g.
 * by the original, changes it).
 */
public final class ModelHashCheck implements ReleaseCheck {
    @Override
    public String name() {
        return "model-hash";
    }

    @Override
    public CheckResult check(ReleaseUnderCheck r) {
        String expected = r.text("unlearned_model_sha256");
        if (expected == null) {
            return CheckResult.fail(name(), "the certificate records no unlearned_model_sha256: nothing identifies "
                    + "the released model");
        }
        var model = r.releasedModel();
        if (model.isEmpty()) {
            return CheckResult.fail(name(), r.modelProblem());
        }
        String actual = ModelStore.paramsSha256(model.get().model());
        String where = r.directory().relative(r.directory().releasedModelDir());
        if (!actual.equals(expected)) {
            return CheckResult.fail(name(), "SHA-256 of the parameters in " + where + " is " + actual
                    + ", the certificate says " + expected + ": the released model is not the certified one");
        }
        return CheckResult.pass(name(), "SHA-256 of the parameters in " + where + " = " + actual
                + " (as the certificate says)");
    }
}
