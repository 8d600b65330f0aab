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
 * @param status             certified / not_certified
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
 */
public record Certificate(CertificateStatus status, int request, String reason, String method,
                          double targetEpsilon, double targetDelta, Double epsilon, Double delta,
                          int noisySteps, int plannedNoisySteps, Double sigma, Double sigmaFirst,
                          Double sigmaLast, String noiseSchedule, String accountant,
                          Map<String, Object> accountantInputs, Map<String, Object> accountantOutputs,
                          String datasetSha256, String forgetSetSha256, String originalModelSha256,
                          String unlearnedModelSha256, NoiseProvenance noise, Map<String, String> software,
                          String startedAt, String finishedAt, Integer stoppedAtStep,
                          List<String> assumptions, String statement) {
    public Certificate {
        accountantInputs = Collections.unmodifiableMap(new LinkedHashMap<>(accountantInputs));
        accountantOutputs = Collections.unmodifiableMap(new LinkedHashMap<>(accountantOutputs));
        software = Collections.unmodifiableMap(new LinkedHashMap<>(software));
        assumptions = List.copyOf(assumptions);
    }

    public boolean certified() {
        return status == CertificateStatus.CERTIFIED;
    }
}
