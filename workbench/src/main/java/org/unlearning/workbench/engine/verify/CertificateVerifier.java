package org.unlearning.workbench.engine.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every check of a release ({@code verify RUN_DIR [--data PATH]}): the run's status file, the
 * released model's hash and finiteness, the guarantee recomputed by the accountant, the status
 * vocabulary, and with data the dataset and forget-set hashes. The release passes only when every
 * check passes.
 */
public final class CertificateVerifier {
    private CertificateVerifier() {}

    /** The checks that need only the run folder, in the order they are printed. */
    public static List<ReleaseCheck> releaseChecks() {
        return List.of(new RunStatusCheck(), new ModelHashCheck(), new FiniteParametersCheck(), new GuaranteeCheck(),
                new StatusCheck());
    }

    /** The checks that need the data ({@code --data}). */
    public static List<ReleaseCheck> dataChecks() {
        return List.of(new DatasetHashCheck(), new ForgetSetHashCheck());
    }

    /**
     * Verifies the release in {@code runDir}; {@code data} (may be null) adds the data checks.
     * Throws (one line) only when nothing can be verified: no such folder, not a run folder, a
     * certificate that is not one.
     */
    public static Verification verify(Path runDir, String data) throws IOException {
        ReleaseUnderCheck r = ReleaseUnderCheck.open(runDir, data);
        List<ReleaseCheck> checks = new ArrayList<>(releaseChecks());
        if (data != null) {
            checks.addAll(dataChecks());
        }
        return run(r, checks);
    }

    /** Runs {@code checks} on {@code r}; a check that throws fails with the exception's message. */
    public static Verification run(ReleaseUnderCheck r, List<ReleaseCheck> checks) {
        List<CheckResult> out = new ArrayList<>();
        for (ReleaseCheck c : checks) {
            try {
                out.add(c.check(r));
            } catch (RuntimeException e) {
                out.add(CheckResult.fail(c.name(), "could not be checked: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
            }
        }
        return new Verification(out);
    }

    /** The outcome of every check. */
    public record Verification(List<CheckResult> results) {
        public Verification {
            results = List.copyOf(results);
        }

        public boolean passed() {
            return results.stream().allMatch(CheckResult::passed);
        }

        /** One line per check. */
        public List<String> lines() {
            return results.stream().map(CheckResult::line).toList();
        }

        /** The names of the failed checks. */
        public List<String> failed() {
            return results.stream().filter(c -> !c.passed()).map(CheckResult::name).toList();
        }
    }
}
