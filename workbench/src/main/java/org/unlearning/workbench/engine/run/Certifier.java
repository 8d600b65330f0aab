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
 * Decides a release's status and writes its {@link Certificate} — the one place. A release is
 * {@code certified} only when the run did not fail or stop, the method released a model with none of
 * its own checks failing, the method's running ledger certifies exactly what ran (the noisy phase as
 * calibrated), the released parameters are finite, the noise was cryptographically secure and the
 * achieved (ε, δ) — the ledger's — meet the requested target. Seeded noise makes it a
 * {@code demonstration} (theory.md §14), a missed target (user-fixed σ/T) a
 * {@code certified_weaker_guarantee}; anything else is {@code not_certified} with the reason.
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
     * @param finite       false when the released parameters hold NaN or infinities
     * @param utilityWarning a warning about the released model's usefulness (e.g. at chance accuracy), or null
     * @param data         the data record of the certificate
     */
    public record Facts(int request, MethodAccountant<?> method, double[] target, Calibration plan, Ledger ledger,
                        RequestOutcome outcome, String failure, Integer stoppedAt, boolean earlyStop, ForgetSet forget,
                        String unlearnedSha, NoiseProvenance noise, boolean finite, String utilityWarning,
                        Certificate.DataRecord data) {}

    /** Slack on the target comparison (the calibration search rounds). */
    private static final double TARGET_SLACK = 1e-9;

    /**
     * The status of a whole run and its line: the worst status of its releases and of the last
     * certificate written (which may record a later stop); not certified when fewer requests than
     * planned were released.
     */
    public static RunVerdict runStatus(List<Release> releases, int planned, Certificate last) {
        Certificate worst = last;
        for (Release r : releases) {
            if (worst == null || r.certificate().status().ordinal() > worst.status().ordinal()) {
                worst = r.certificate();
            }
        }
        if (worst == null) {
            return new RunVerdict(CertificateStatus.NOT_CERTIFIED, CertificateStatus.NOT_CERTIFIED.line(null, 0,
                    "nothing was released"));
        }
        if (releases.size() < planned && worst.status() != CertificateStatus.NOT_CERTIFIED) {
            return new RunVerdict(CertificateStatus.NOT_CERTIFIED, CertificateStatus.NOT_CERTIFIED.line(null, 0,
                    "only " + releases.size() + " of " + planned + " deletion requests were released"));
        }
        return new RunVerdict(worst.status(), worst.statusLine());
    }

    /** A run's status and its line. */
    public record RunVerdict(CertificateStatus status, String line) {}

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
        if (f.outcome() != null && f.outcome().released() && f.unlearnedSha() != null && !f.finite()) {
            problems.add("the released parameters are not finite (NaN or infinite weights)");
        }
        boolean guaranteed = problems.isEmpty() && f.outcome() != null;
        if (!guaranteed && problems.isEmpty()) {
            problems.add("the method reported nothing");
        }
        CertificateStatus status;
        if (!guaranteed) {
            status = CertificateStatus.NOT_CERTIFIED;
        } else if (!f.noise().secure()) {
            status = CertificateStatus.DEMONSTRATION;
        } else if (f.target() != null && g.epsilon() != null && g.delta() != null
                && (g.epsilon() > f.target()[0] * (1 + TARGET_SLACK) || g.delta() > f.target()[1] * (1 + TARGET_SLACK))) {
            status = CertificateStatus.CERTIFIED_WEAKER;
        } else {
            status = CertificateStatus.CERTIFIED;
        }
        boolean stated = status == CertificateStatus.CERTIFIED || status == CertificateStatus.CERTIFIED_WEAKER;
        Double eps = stated ? g.epsilon() : null;
        Double delta = stated ? g.delta() : null;
        String reason = switch (status) {
            case CERTIFIED -> f.outcome().verified() + (f.earlyStop() ? "; fine-tuning stopped at its target accuracy" : "");
            case CERTIFIED_WEAKER -> "the noisy phase ran as planned (" + f.ledger().steps() + " steps) with user-fixed "
                    + "σ/T, which give " + weaker(g, f.target());
            case DEMONSTRATION -> "the noise was drawn from a recorded seed: anyone holding it can regenerate and "
                    + "subtract the noise (theory.md §14); the accountant would give (ε, δ) = (" + fmt(g.epsilon())
                    + ", " + fmt(g.delta()) + ") for unpredictable noise";
            case NOT_CERTIFIED -> String.join("; ", problems);
        };
        String line = status.line(eps, f.target() == null ? 0 : f.target()[0], reason);
        if (status == CertificateStatus.CERTIFIED_WEAKER && delta != null && delta > f.target()[1] * (1 + TARGET_SLACK)) {
            line = "certified at a weaker guarantee (ε = " + fmt(eps) + ", δ = " + fmt(delta) + "; target ("
                    + fmt(f.target()[0]) + ", " + fmt(f.target()[1]) + ") not met)";
        }
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
        String statement = switch (status) {
            case CERTIFIED -> f.method().certificateStatement(eps, delta, f.forget().size());
            case CERTIFIED_WEAKER -> f.method().certificateStatement(eps, delta, f.forget().size())
                    + " This is weaker than the requested target: " + line + ".";
            case DEMONSTRATION -> "No unlearning guarantee is stated for this model: it is a " + line + ".";
            case NOT_CERTIFIED -> "No unlearning guarantee is stated for this model: " + reason + ".";
        };
        return new Certificate(status, line, f.utilityWarning(), f.request(),
                reason, plan.method().key(), f.target() == null ? 0 : f.target()[0], f.target() == null ? 0 : f.target()[1],
                eps, delta, executed, sigmas.length, plan.constantSigma(), sigmas.length == 0 ? null : plan.sigmaFirst(),
                sigmas.length == 0 ? null : plan.sigmaLast(), plan.schedule(), plan.accountant(), inputs, outputs,
                provenance.datasetSha256(), f.forget().sha256(), provenance.originalSha256(), f.unlearnedSha(),
                f.noise(), provenance.software(), startedAt.toString(), Instant.now().toString(), f.stoppedAt(),
                assumptions, statement, f.data(), plan.method().values());
    }

    private static String weaker(Guarantee g, double[] target) {
        return "(ε, δ) = (" + fmt(g.epsilon()) + ", " + fmt(g.delta()) + "), weaker than the target (" + fmt(target[0])
                + ", " + fmt(target[1]) + ")";
    }

    private static String fmt(Double v) {
        return v == null ? "-" : org.unlearning.workbench.accounting.method.GuaranteeText.fmt(v);
    }

    private static String noiseAssumption(NoiseProvenance noise) {
        return noise.secure()
                ? "noise is Gaussian from a cryptographically secure generator (" + noise.generator() + "); no key or "
                + "seed is recorded anywhere"
                : "noise is Gaussian from a seeded generator (" + noise.generator() + "); the seed is kept in the run's "
                + "private part: anyone who knows it can regenerate and subtract the noise, so this is a demonstration, "
                + "not a guarantee";
    }
}
