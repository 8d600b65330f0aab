package org.unlearning.workbench.engine.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The unlearning certificate written to {@code certificate.json} (snake_case keys). The achieved
 * {@code epsilon}/{@code delta} come from the running ledger the engine fed with every noisy step
 * (§4.2 with conversion C2, §5.2, §6); they are the numbers {@code accountant calc} gives for the
 * same inputs.
 *
 * @param status             certified / certified_weaker_guarantee / demonstration / not_certified
 * @param statusLine         the status in words, the same line the CLI, summary, run list and report show
 * @param utilityWarning     a warning beside the status (e.g. test accuracy within 2 points of chance), or null
 * @param request            which deletion request of the run this release answers (1-based)
 * @param reason             why (always filled; for certified runs, what was verified)
 * @param method             method id
 * @param targetEpsilon      ε the user asked for
 * @param targetDelta        δ the user asked for
 * @param epsilon            achieved ε, null when no guarantee can be stated
 * @param delta              achieved δ, null when no guarantee can be stated
 * @param noisySteps         noisy steps actually run
 * @param plannedNoisySteps  noisy steps the calibration asked for
 * @param sigma              σ of a constant schedule (null for a decreasing one / no noise)
 * @param sigmaFirst         first σ of the schedule
 * @param sigmaLast          last σ of the schedule
 * @param noiseSchedule      constant / decreasing / single_draw / none
 * @param accountant         accountant name and conversion
 * @param accountantInputs   every input of the accountant (radii, η, λ, batch size, ...)
 * @param accountantOutputs  its outputs (ρ_R, δ_0, δ_T, ...)
 * @param stoppedAtStep      step at which a cancelled/failed run stopped, else null
 * @param data               dataset, split and forget-set rule, preprocessing (what verify rebuilds)
 * @param methodParameters   the method's parameters as configured (the accountant's independent route)
 * @param noise              the noise generator, named truthfully; never a seed (theory.md §14)
 */
public record Certificate(CertificateStatus status, String statusLine, String utilityWarning, int request, String reason, String method,
                          double targetEpsilon, double targetDelta, Double epsilon, Double delta,
                          int noisySteps, int plannedNoisySteps, Double sigma, Double sigmaFirst,
                          Double sigmaLast, String noiseSchedule, String accountant,
                          Map<String, Object> accountantInputs, Map<String, Object> accountantOutputs,
                          String datasetSha256, String forgetSetSha256, String originalModelSha256,
                          String unlearnedModelSha256, NoiseProvenance noise, Map<String, String> software,
                          String startedAt, String finishedAt, Integer stoppedAtStep,
                          List<String> assumptions, String statement, DataRecord data,
                          Map<String, Object> methodParameters) {
    public Certificate {
        accountantInputs = Collections.unmodifiableMap(new LinkedHashMap<>(accountantInputs));
        accountantOutputs = Collections.unmodifiableMap(new LinkedHashMap<>(accountantOutputs));
        software = Collections.unmodifiableMap(new LinkedHashMap<>(software));
        assumptions = List.copyOf(assumptions);
        methodParameters = Collections.unmodifiableMap(new LinkedHashMap<>(methodParameters));
    }

    /**
     * The data a release was computed from, enough to rebuild its forget set ({@code verify --data}).
     *
     * @param dataset            dataset name
     * @param datasetSha256      SHA-256 of its contents
     * @param splitSeed          seed of the validation split and random forget sets
     * @param validationFraction fraction of the training part held out for validation
     * @param forgetSetRule      how the forget set was chosen (e.g. "random forget_fraction 0.01 …")
     * @param forgetFraction     the random fraction per request, or null (indices from a file, canaries)
     * @param requests           sequential requests of the run, or null for one
     * @param preprocessing      what the released model expects of its inputs, and from which data its
     *                           statistics come (theory.md §14)
     */
    public record DataRecord(String dataset, String datasetSha256, long splitSeed, double validationFraction,
                             String forgetSetRule, Double forgetFraction, Integer requests, String preprocessing) {}

    /** Only {@code certified} is certified (not a weaker guarantee, not a demonstration). */
    public boolean certified() {
        return status == CertificateStatus.CERTIFIED;
    }
}
