package org.unlearning.workbench.engine.run;

import java.util.List;

/**
 * {@code release/summary.json}: what may be published beside the certificate (theory.md §14) —
 * figures of the released model on the retain set and the test set only. Nothing computed on the
 * forget set, from the original, before the noise or from an intermediate iterate; no seed; no
 * compute savings (they read the fine-tuning curve). The full summary stays in {@code private/}.
 *
 * @param status         the run's status (the one vocabulary)
 * @param statusLine     its line
 * @param utilityWarning warning beside the status, or null
 * @param testAccuracy   released model on the test set
 * @param testLoss       released model's test loss
 * @param retainAccuracy released model on the retain set
 * @param requests       per release: sizes, status and guarantee, retain/test accuracy
 * @param note           what this file covers
 */
public record PublicSummary(String method, CertificateStatus status, String statusLine, String utilityWarning,
                            int requestsPlanned, Double testAccuracy, Double testLoss, Double retainAccuracy,
                            List<Request> requests, String note) {
    public static final String NOTE = "Computed only from the released model on the retain set and the test set "
            + "(theory.md §14). Diagnostics the certificate does not cover are in private/ and must not be published.";

    public PublicSummary {
        requests = List.copyOf(requests);
    }

    /** One release. */
    public record Request(int request, int forgetSize, int retainSize, CertificateStatus status, String statusLine,
                          Double epsilon, Double delta, Double testAccuracy, Double retainAccuracy) {}

    /** The public part of {@code full}. */
    public static PublicSummary of(RunSummary full) {
        return new PublicSummary(full.method(), full.status(), full.statusLine(), full.utilityWarning(),
                full.requestsPlanned(), full.testAccuracy(), full.testLoss(), full.retainAccuracy(),
                full.requests().stream().map(r -> new Request(r.request(), r.forgetSize(), r.retainSize(), r.status(),
                        r.statusLine(), r.epsilon(), r.delta(), r.testAccuracy(), r.retainAccuracy())).toList(),
                NOTE);
    }
}
