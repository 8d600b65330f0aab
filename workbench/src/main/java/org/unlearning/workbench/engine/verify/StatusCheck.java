package org.unlearning.workbench.engine.verify;

import com.fasterxml.jackson.databind.JsonNode;
import org.unlearning.workbench.accounting.method.GuaranteeText;

import java.util.ArrayList;
import java.util.List;

/**
 * The certificate's status, in the one vocabulary, agrees with what it records, and is
 * {@code certified}: a certified claim states (ε, δ), meets the requested target and names a
 * cryptographically secure noise generator (theory.md §14). A weaker guarantee, a demonstration or
 * a not-certified release fails this check (it is not a certified release), with its own line.
 */
public final class StatusCheck implements ReleaseCheck {
    /** Slack on the target comparison (the calibration search rounds). */
    private static final double TARGET_SLACK = 1e-9;

    @Override
    public String name() {
        return "status";
    }

    @Override
    public CheckResult check(ReleaseUnderCheck r) {
        String status = r.text("status");
        String line = r.text("status_line");
        String reason = r.text("reason");
        return switch (status) {
            case "certified" -> certified(r);
            case "certified_weaker_guarantee" -> CheckResult.fail(name(), line != null ? line
                    : "certified at a weaker guarantee than the target: not a certified release");
            case "demonstration" -> CheckResult.fail(name(), line != null ? line
                    : "reproducible demonstration: not a guarantee (the seed is recorded)");
            case "not_certified" -> CheckResult.fail(name(), line != null ? line
                    : "not certified — " + (reason == null ? "no reason recorded" : reason));
            default -> CheckResult.fail(name(), "unknown status '" + status + "' (expected certified, "
                    + "certified_weaker_guarantee, demonstration or not_certified)");
        };
    }

    private CheckResult certified(ReleaseUnderCheck r) {
        List<String> wrong = new ArrayList<>();
        Double eps = r.number("epsilon");
        Double delta = r.number("delta");
        Double targetEps = r.number("target_epsilon");
        Double targetDelta = r.number("target_delta");
        if (eps == null || delta == null || !Double.isFinite(eps) || !Double.isFinite(delta)) {
            wrong.add("it states no finite (ε, δ)");
        } else {
            if (targetEps == null || eps > targetEps * (1 + TARGET_SLACK)) {
                wrong.add("ε = " + GuaranteeText.fmt(eps) + " does not meet the target " + show(targetEps));
            }
            if (targetDelta == null || delta > targetDelta * (1 + TARGET_SLACK)) {
                wrong.add("δ = " + GuaranteeText.fmt(delta) + " does not meet the target " + show(targetDelta));
            }
        }
        String generator = secureGenerator(r.certificate().path("noise"));
        if (generator == null) {
            wrong.add("its noise is not from a cryptographically secure generator (" + noise(r.certificate().path("noise"))
                    + ")");
        }
        String line = r.text("status_line");
        if (line != null && !line.equals("certified")) {
            wrong.add("its status line says '" + line + "'");
        }
        if (!wrong.isEmpty()) {
            return CheckResult.fail(name(), "the status says certified but " + String.join("; ", wrong));
        }
        return CheckResult.pass(name(), "certified: ε = " + GuaranteeText.fmt(eps) + " ≤ target "
                + GuaranteeText.fmt(targetEps) + ", δ = " + GuaranteeText.fmt(delta) + " ≤ target "
                + GuaranteeText.fmt(targetDelta) + ", noise from " + generator);
    }

    /** The secure generator's description, or null when the record does not say the noise was secure. */
    static String secureGenerator(JsonNode noise) {
        if (!noise.isObject()) {
            return null;
        }
        JsonNode secure = noise.path("secure");
        boolean isSecure = secure.isBoolean() ? secure.booleanValue() : "secure".equals(noise.path("kind").asText(""))
                && noise.path("seed").isNull();
        if (!isSecure) {
            return null;
        }
        String g = noise.path("generator").asText("");
        return g.isEmpty() ? "a secure generator (" + noise.path("kind").asText("secure") + ")" : g;
    }

    private static String noise(JsonNode noise) {
        return noise.isObject() ? noise.toString() : "no noise record";
    }

    private static String show(Double v) {
        return v == null ? "(none recorded)" : GuaranteeText.fmt(v);
    }
}
