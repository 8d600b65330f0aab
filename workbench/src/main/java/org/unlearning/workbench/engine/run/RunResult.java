package org.unlearning.workbench.engine.run;

import java.nio.file.Path;
import java.util.List;

/**
 * Outcome of a run of the pipeline: the certificate of the last release, the summary, every
 * evaluation point (and those of the retrain baseline, if it ran), each request's release and the
 * run directory.
 *
 * @param failure  one-line reason when the run failed or was cancelled, else null
 */
public record RunResult(Certificate certificate, RunSummary summary, List<EvaluationMetrics> evaluations,
                        List<EvaluationMetrics> retrainEvaluations, List<Release> releases, Path directory,
                        String failure) {
    public RunResult {
        evaluations = List.copyOf(evaluations);
        retrainEvaluations = List.copyOf(retrainEvaluations);
        releases = List.copyOf(releases);
    }

    /** Certified only when every planned request was released with a certificate. */
    public boolean certified() {
        return failure == null && releases.size() == summary.requestsPlanned()
                && releases.stream().allMatch(r -> r.certificate().certified());
    }
}
