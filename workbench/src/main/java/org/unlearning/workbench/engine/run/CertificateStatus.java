package org.unlearning.workbench.engine.run;

import com.fasterxml.jackson.annotation.JsonValue;

/** {@code certified} only when the noisy phase ran exactly as calibrated. */
public enum CertificateStatus {
    CERTIFIED("certified"),
    NOT_CERTIFIED("not_certified");

    private final String id;

    CertificateStatus(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }
}
