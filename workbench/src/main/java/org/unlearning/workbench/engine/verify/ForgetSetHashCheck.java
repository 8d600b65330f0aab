package org.unlearning.workbench.engine.verify;

import org.unlearning.workbench.engine.data.DatasetSplit;
import org.unlearning.workbench.engine.data.ForgetSet;
import org.unlearning.workbench.engine.run.DeletionRequests;
import org.unlearning.workbench.engine.unlearn.DataConfig;

import java.util.List;

/**
 * The forget set is the one certified: rebuilt from the data given with {@code --data} and the
 * recorded rule (split seed, validation fraction, forget fraction, request k of m), the SHA-256 of
 * its sorted indices equals the certificate's {@code forget_set_sha256}.
 */
public final class ForgetSetHashCheck implements ReleaseCheck {
    @Override
    public String name() {
        return "forget-set-hash";
    }

    @Override
    public CheckResult check(ReleaseUnderCheck r) {
        String expected = ReleaseUnderCheck.text(r.certificate().path("data"), "forget_set_sha256");
        if (expected == null) {
            expected = r.text("forget_set_sha256");
        }
        if (expected == null) {
            return CheckResult.fail(name(), "the certificate records no forget_set_sha256");
        }
        ForgetRule rule;
        try {
            rule = ForgetRule.of(r.certificate());
        } catch (IllegalArgumentException e) {
            return CheckResult.fail(name(), e.getMessage());
        }
        var loaded = r.dataset();
        if (loaded.isEmpty()) {
            return CheckResult.fail(name(), r.dataProblem());
        }
        ForgetSet forget;
        try {
            DatasetSplit split = loaded.get();
            if (rule.validationFraction() > 0) {
                split = split.withValidation(rule.validationFraction(), rule.splitSeed());
            }
            DataConfig d = new DataConfig("verify", rule.validationFraction(), rule.forgetFraction(), null,
                    rule.splitSeed(), null).withRequests(rule.forgetFraction(), rule.requests());
            List<ForgetSet> sets = DeletionRequests.of(d, split.train());
            if (rule.request() < 1 || rule.request() > sets.size()) {
                return CheckResult.fail(name(), "request " + rule.request() + " of " + sets.size() + " does not exist");
            }
            forget = sets.get(rule.request() - 1);
            if (!forget.sha256().equals(expected) && rule.request() == 1
                    && (rule.requests() == null || rule.requests() == 1)) {
                // a single request is drawn either as a plain forget_fraction or as "requests: 1"; certificates
                // written before 2026-12-02 record "requests: 1" for both, so the other drawing is tried too
                forget = DeletionRequests.of(rule.requests() == null ? d.withRequests(rule.forgetFraction(), 1)
                        : new DataConfig("verify", rule.validationFraction(), rule.forgetFraction(), null,
                        rule.splitSeed(), null), split.train()).get(0);
            }
        } catch (Exception e) {
            return CheckResult.fail(name(), "the forget set cannot be rebuilt: " + e.getMessage());
        }
        String detail = forget.size() + " indices (forget_fraction " + rule.forgetFraction() + ", split_seed "
                + rule.splitSeed() + ", validation_fraction " + rule.validationFraction()
                + (rule.requests() == null ? "" : ", request " + rule.request() + " of " + rule.requests()) + ")";
        if (!forget.sha256().equals(expected)) {
            return CheckResult.fail(name(), "rebuilt " + detail + " hash to " + forget.sha256()
                    + ", the certificate says " + expected);
        }
        return CheckResult.pass(name(), "rebuilt " + detail + ": SHA-256 " + forget.sha256()
                + " (as the certificate says)");
    }
}
