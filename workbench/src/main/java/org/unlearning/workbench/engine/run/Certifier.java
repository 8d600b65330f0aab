package org.unlearning.workbench.engine.run;

import org.unlearning.workbench.accounting.method.Guarantee;
import org.unlearning.workbench.accounting.method.Ledger;
import org.unlearning.workbench.accounting.method.MethodAccountant;
import org.unlearning.workbench.engine.data.ForgetSet;
import org.unlearning.workbench.engine.unlearn.Calibration;
import org.unlearning.workbench.engine.unlearn.RequestOutcome;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides a release's status and writes its {@link Certificate} — the one place: a release is
 * certified only when the run did not fail or stop, the method released a model with none of its own
 * checks failing, and the method's running ledger certifies exactly what ran (the noisy phase as
 * calibrated). The achieved (ε, δ) are the ledger's.
 */
public final class Certifier {
    private Certifier() {}

    /**
     * The facts of one request.
     *
     * @param request      1-based request number
     * @param method       the method's accountant (statement wording)
     * @param target       the parameters' target ε and δ (null when the method has none)
     * @param plan         the plan the request ran
     * @param ledger       its running ledger (null when the run failed before the request started)
     * @param outcome      what the method reported (null when it failed or was cancelled)
     * @param failure      why the run stopped during this request, or null
     * @param stoppedAt    step at which it stopped, or null
     * @param earlyStop    fine-tuning stopped at its target accuracy
     * @param forget       this request's forget set
     * @param unlearnedSha SHA-256 of the saved model's parameters (null when nothing was released)
     * @param noise        where the noise came from
     */
    public record Facts(int request, MethodAccountant<?> method, double[] target, Calibration plan, Ledger ledger,
                        RequestOutcome outcome, String failure, Integer stoppedAt, boolean earlyStop, ForgetSet forget,
                        String unlearnedSha, NoiseProvenance noise) {}

    /**
     * The status of a whole run: certified only when every planned request was released certified
     * and the last certificate written (which may record a later stop) is certified too.
     */
    public static CertificateStatus runStatus(List<Release> releases, int planned, Certificate last) {
        boolean all = releases.size() == planned && releases.stream().allMatch(r -> r.certificate().certified());
        return all && (last == null || last.certified()) ? CertificateStatus.CERTIFIED : CertificateStatus.NOT_CERTIFIED;
    }

    /** The certificate of one release. */
    public static Certificate certify(Facts f, Provenance provenance, Instant startedAt) {
        List<String> problems = new ArrayList<>();
        if (f.failure() != null) {
            problems.add(f.failure());
        }
        Guarantee g = f.ledger() == null ? Guarantee.none("nothing ran") : f.ledger().guarantee();
        if (f.outcome() != null && !f.outcome().released()) {
            problems.addAll(f.outcome().problems());
        } else {
            if (!g.certified()) {
                problems.add(g.problem());
            }
            if (f.outcome() != null) {
                problems.addAll(f.outcome().problems());
            }
        }
        boolean certified = problems.isEmpty() && f.outcome() != null;
        if (!certified && problems.isEmpty()) {
            problems.add("the method reported nothing");
        }
        Double eps = certified ? g.epsilon() : null;
        Double delta = certified ? g.delta() : null;
        String reason = certified
                ? f.outcome().verified() + (f.earlyStop() ? "; fine-tuning stopped at its target accuracy" : "")
                : String.join("; ", problems);
        Calibration plan = f.plan();
        Map<String, Object> inputs = new LinkedHashMap<>(plan.accountantInputs());
        Map<String, Object> outputs = new LinkedHashMap<>(plan.accountantOutputs());
        List<String> assumptions = new ArrayList<>(plan.plan().assumptions());
        if (f.outcome() != null) {
            inputs.putAll(f.outcome().inputs());
            outputs.putAll(f.outcome().outputs());
            assumptions.addAll(f.outcome().assumptions());
        }
        if (f.ledger() != null) {
            f.ledger().outputs().forEach((k, v) -> outputs.put("ledger_" + k, v));
            outputs.put("ledger_steps", f.ledger().steps());
        }
        assumptions.add(noiseAssumption(f.noise()));
        assumptions.add("the forget set is the stated list of training indices; its hash identifies it. The guarantee "
                + "holds for every training example outside the retain set (also a validation split the original was "
                + "trained on)");
        int executed = f.ledger() == null ? 0 : f.ledger().steps();
        double[] sigmas = plan.sigmas();
        String statement = certified ? f.method().certificateStatement(eps, delta, f.forget().size())
                : "No unlearning guarantee is stated for this model: " + reason + ".";
        return new Certificate(certified ? CertificateStatus.CERTIFIED : CertificateStatus.NOT_CERTIFIED, f.request(),
                reason, plan.method().key(), f.target() == null ? 0 : f.target()[0], f.target() == null ? 0 : f.target()[1],
                eps, delta, executed, sigmas.length, plan.constantSigma(), sigmas.length == 0 ? null : plan.sigmaFirst(),
                sigmas.length == 0 ? null : plan.sigmaLast(), plan.schedule(), plan.accountant(), inputs, outputs,
                provenance.datasetSha256(), f.forget().sha256(), provenance.originalSha256(), f.unlearnedSha(),
                f.noise(), provenance.software(), startedAt.toString(), Instant.now().toString(), f.stoppedAt(),
                assumptions, statement);
    }

    private static String noiseAssumption(NoiseProvenance noise) {
        return "secure".equals(noise.kind())
                ? "noise is Gaussian, from a SecureRandom-seeded generator whose seed is not recorded"
                : "noise is Gaussian, from a generator seeded with " + noise.seed() + " (recorded for reproducibility): "
                + "anyone who knows the seed can regenerate and subtract the noise; use secure noise for a release "
                + "that leaves your hands";
    }
}
