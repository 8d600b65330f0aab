package org.unlearning.workbench.engine.run;

import java.nio.file.Path;
import java.util.List;

/**
 * Outcome of {@code UnlearningRun.execute}: the certificate, the summary, every evaluation point of
 * the unlearning run (and of the retrain baseline, if it ran) and the run directory.
 *
 * @param failure  one-line reason when the run failed or was cancelled, else null
 */
public record RunResult(Certificate certificate, RunSummary summary, List<EvaluationMetrics> evaluations,
                        List<EvaluationMetrics> retrainEvaluations, Path directory, String failure) {
    public RunResult {
        evaluations = List.copyOf(evaluations);
        retrainEvaluations = List.copyOf(retrainEvaluations);
    }

    public boolean certified() {
        return certificate.certified();
    }
}
