package org.unlearning.workbench.engine.unlearn.newton;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.unlearning.workbench.accounting.GaussianMechanism;
import org.unlearning.workbench.accounting.method.Calculation;
import org.unlearning.workbench.accounting.method.Figure;
import org.unlearning.workbench.accounting.newton.NewtonParams;
import org.unlearning.workbench.accounting.registry.MethodRegistry;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The path the Newton engine takes from (C, M, λ, λ_min, Δ_LiSSA, ε, δ) to σ — the calculator's
 * Newton entry — reproduces the {@code newton_error_bound} and {@code gaussian_mechanism_sigma}
 * vectors (theory.md §9.3, §11).
 */
class NewtonCalibrationVectorsTest {

    static double figure(Calculation c, String key) {
        return c.figures().stream().filter(f -> f.key().equals(key)).mapToDouble(Figure::value).findFirst()
                .orElseThrow(() -> new AssertionError("no figure " + key));
    }

    @Test
    void errorBoundVectors() throws IOException {
        for (JsonNode v : LissaSolverTest.vectors("newton_error_bound")) {
            JsonNode in = v.get("inputs");
            Calculation c = MethodRegistry.calculate(NewtonParams.theorem34(1.0, 1e-5, in.get("C").asDouble(),
                    in.get("M").asDouble(), in.get("lam").asDouble(), in.get("lam_min").asDouble(), 0.0));
            boolean valid = v.get("expected").get("valid").asBoolean();
            assertEquals(valid, c.feasible(), v.get("id").asText());
            if (valid) {
                double exp = v.get("expected").get("Delta").asDouble();
                assertEquals(exp, figure(c, "Delta_N"), v.get("tolerance_rel").asDouble() * exp);
                // σ is the exact calibration of Δ: it meets δ and no smaller σ does
                assertTrue(GaussianMechanism.exactDelta(exp, c.sigma(), 1.0) <= 1e-5 * (1 + 1e-9));
                assertTrue(GaussianMechanism.exactDelta(exp, c.sigma() * (1 - 1e-6), 1.0) > 1e-5);
            } else {
                assertTrue(c.reason().contains("lambda"), c.reason());
            }
        }
    }

    @Test
    void gaussianMechanismVector() throws IOException {
        JsonNode v = LissaSolverTest.vectors("gaussian_mechanism_sigma").get(0);
        JsonNode in = v.get("inputs");
        double bound = in.get("Delta").asDouble();
        Calculation c = MethodRegistry.calculate(NewtonParams.withErrorBound(in.get("eps").asDouble(),
                in.get("delta").asDouble(), bound));
        double classical = v.get("expected").get("sigma").asDouble();
        assertEquals(classical, figure(c, "sigma_classical"), 1e-9 * classical);
        assertTrue(c.sigma() <= classical, "exact calibration is never looser than the classical one");
        assertFalse(c.sigma() <= 0);
    }
}
