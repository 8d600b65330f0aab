package org.unlearning.workbench.engine.run;

import com.fasterxml.jackson.annotation.JsonValue;
import org.unlearning.workbench.accounting.method.GuaranteeText;

/**
 * The one status vocabulary of a release (CLI line and exit code, certificate, summary, the
 * window's run list, the report), worst last:
 * <ul>
 *   <li>{@code certified} — the achieved guarantee meets the requested target, the noisy phase ran
 *       exactly as planned, the noise was cryptographically secure and the released parameters are
 *       finite (exit 0);</li>
 *   <li>{@code certified_weaker_guarantee} — all of that, but user-fixed σ/T give a weaker (ε, δ)
 *       than the target;</li>
 *   <li>{@code demonstration} — seeded noise: reproducible, not a guarantee (theory.md §14);</li>
 *   <li>{@code not_certified} — anything else, with the reason.</li>
 * </ul>
 */
public enum CertificateStatus {
    CERTIFIED("certified"),
    CERTIFIED_WEAKER("certified_weaker_guarantee"),
    DEMONSTRATION("demonstration"),
    NOT_CERTIFIED("not_certified");

    /** The status line of a demonstration. */
    public static final String DEMONSTRATION_LINE = "reproducible demonstration: not a guarantee (the seed is recorded)";

    private final String id;

    CertificateStatus(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** The status with this id. */
    public static CertificateStatus of(String id) {
        for (CertificateStatus s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown certificate status '" + id + "'");
    }

    /** The worse of two statuses. */
    public CertificateStatus worse(CertificateStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** Exit code of a command that produced a release with this status: 0 only for {@code certified}. */
    public int exitCode() {
        return this == CERTIFIED ? 0 : 1;
    }

    /**
     * The status line (one line, the same everywhere).
     *
     * @param epsilon       achieved ε (weaker guarantee)
     * @param targetEpsilon the target ε (weaker guarantee)
     * @param reason        why not certified
     */
    public String line(Double epsilon, double targetEpsilon, String reason) {
        return switch (this) {
            case CERTIFIED -> "certified";
            case CERTIFIED_WEAKER -> "certified at a weaker guarantee (ε = " + GuaranteeText.fmt(epsilon) + "; target "
                    + GuaranteeText.fmt(targetEpsilon) + " not met)";
            case DEMONSTRATION -> DEMONSTRATION_LINE;
            case NOT_CERTIFIED -> "not certified — " + reason;
        };
    }
}
