package org.unlearning.workbench.engine.unlearn;

import org.unlearning.workbench.engine.model.WorkbenchModel;
import org.unlearning.workbench.engine.run.RunPhase;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a method's phases did for one deletion request; the pipeline turns it into a release and a
 * certificate (status decided in one place, from the ledger, these problems and the run's state).
 *
 * @param plan          the plan the request ran (a method that re-plans per request returns its own)
 * @param released      false when the method refused (nothing released; later requests stop)
 * @param problems      the method's own reasons not to certify (empty when none)
 * @param verified      what was verified, said in a certified certificate's reason
 * @param fineTunePhase phase name of the noise-free training that follows (fine-tune, or retraining)
 * @param inputs        extra accountant inputs (e.g. measured λ_min) for the certificate
 * @param outputs       extra accountant outputs for the certificate
 * @param assumptions   extra assumptions the guarantee rests on
 * @param diagnostics   the method's per-request figures for requests.csv and charts (not part of the guarantee)
 * @param noiseFree     the method's estimate before noise (for the distance to retraining), or null
 */
public record RequestOutcome(Calibration plan, boolean released, List<String> problems,
                             String verified, RunPhase fineTunePhase, Map<String, Object> inputs,
                             Map<String, Object> outputs, List<String> assumptions, Map<String, Double> diagnostics,
                             WorkbenchModel noiseFree) {
    public RequestOutcome {
        problems = List.copyOf(problems);
        assumptions = List.copyOf(assumptions);
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        diagnostics = Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
    }

    /** A released request of a method without extras. */
    public static RequestOutcome of(Calibration plan, String verified) {
        return new RequestOutcome(plan, true, List.of(), verified, RunPhase.FINE_TUNE, Map.of(), Map.of(),
                List.of(), Map.of(), null);
    }

    /** The same outcome followed by noise-free training of another phase name. */
    public RequestOutcome withFineTunePhase(RunPhase phase) {
        return new RequestOutcome(plan, released, problems, verified, phase, inputs, outputs, assumptions,
                diagnostics, noiseFree);
    }
}
