package org.unlearning.workbench.engine.verify;

/**
 * The data given with {@code --data} is the data the run used: the SHA-256 of its contents (before
 * any split or preprocessing) equals the certificate's {@code dataset_sha256}.
 */
public final class DatasetHashCheck implements ReleaseCheck {
    @Override
    public String name() {
        return "dataset-hash";
    }

    @Override
    public CheckResult check(ReleaseUnderCheck r) {
        String expected = recorded(r);
        if (expected == null) {
            return CheckResult.fail(name(), "the certificate records no dataset_sha256");
        }
        var split = r.dataset();
        if (split.isEmpty()) {
            return CheckResult.fail(name(), r.dataProblem());
        }
        String actual = split.get().sha256();
        if (!actual.equals(expected)) {
            return CheckResult.fail(name(), split.get().name() + " has SHA-256 " + actual + ", the certificate says "
                    + expected + ": not the data of this run");
        }
        return CheckResult.pass(name(), split.get().name() + ": SHA-256 " + actual + " (as the certificate says)");
    }

    /** {@code data.dataset_sha256}, else the top-level {@code dataset_sha256}. */
    static String recorded(ReleaseUnderCheck r) {
        String s = ReleaseUnderCheck.text(r.certificate().path("data"), "dataset_sha256");
        return s != null ? s : r.text("dataset_sha256");
    }
}
