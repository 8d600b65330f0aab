package org.unlearning.workbench.engine.unlearn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The unlearning methods of theory.md §13 the engine runs. */
public enum MethodKind {
    /** §4: clip to C0, T noisy clipped-gradient steps, then fine-tune. */
    GRADIENT_CLIPPING("gradient_clipping"),
    /** §5: noisy steps with projection onto B(C2) until δ_t ≤ δ, then fine-tune. */
    MODEL_CLIPPING("model_clipping"),
    /** §6: clip to C0, one Gaussian draw, then fine-tune. */
    OUTPUT_PERTURBATION("output_perturbation"),
    /** §7: fresh initialisation trained on the retain set (exact unlearning, ε = δ = 0). */
    RETRAIN("retrain");

    private final String id;

    MethodKind(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static MethodKind fromId(String s) {
        String k = s == null ? "" : s.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (MethodKind m : values()) {
            if (m.id.equals(k)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + s + "' (expected one of "
                + Arrays.stream(values()).map(MethodKind::id).collect(Collectors.joining(", ")) + ")");
    }
}
