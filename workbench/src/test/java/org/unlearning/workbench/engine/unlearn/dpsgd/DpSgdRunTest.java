package org.unlearning.workbench.engine.unlearn.dpsgd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearning.workbench.accounting.dpsgd.DpSgdParams;
import org.unlearning.workbench.accounting.dpsgd.GroupPrivacySplit;
import org.unlearning.workbench.accounting.method.Calculation;
import org.unlearning.workbench.accounting.registry.MethodRegistry;
import org.unlearning.workbench.engine.run.CancelToken;
import org.unlearning.workbench.engine.run.CertificateStatus;
import org.unlearning.workbench.engine.run.RunListener;
import org.unlearning.workbench.engine.run.RunPhase;
import org.unlearning.workbench.engine.run.RunResult;
import org.unlearning.workbench.engine.run.StepMetrics;
import org.unlearning.workbench.engine.run.UnlearningPipeline;
import org.unlearning.workbench.engine.unlearn.DataConfig;
import org.unlearning.workbench.engine.unlearn.FineTuneConfig;
import org.unlearning.workbench.engine.unlearn.MethodConfig;
import org.unlearning.workbench.engine.unlearn.ModelConfig;
import org.unlearning.workbench.engine.unlearn.UnlearningConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DP-SGD through the one pipeline: trains its own original, certifies exactly what the calculator says. */
class DpSgdRunTest {
    @TempDir
    Path tmp;

    static UnlearningConfig config(String modelPath) {
        return config(modelPath, "secure");
    }

    static UnlearningConfig config(String modelPath, String noise) {
        DpSgdParams p = new DpSgdParams(20, 1e-5, 2, 1, 64, 1, 0.5, GroupPrivacySplit.Rule.STANDARD, null, 0.25);
        return new UnlearningConfig("dpsgd-test", new DataConfig("bundled", 0.1, 0.01, null, 0L, 300),
                new ModelConfig(modelPath, "mlp-5", 1, 0L), MethodConfig.of(p),
                new FineTuneConfig(1, 0.1, "one_cycle", 5e-4, 128, null), false, null, null, 5L, noise, 1);
    }

    @Test
    void seededNoiseTrainsTheOriginalReproduciblyAsADemonstration() throws Exception {
        // the original's DP-SGD training draws demonstration noise from its own recorded seed (it was null: the run failed)
        RunResult a = UnlearningPipeline.execute(config(null, "seeded"), tmp.resolve("a"), RunListener.NONE,
                CancelToken.none());
        RunResult b = UnlearningPipeline.execute(config(null, "seeded"), tmp.resolve("b"), RunListener.NONE,
                CancelToken.none());
        assertEquals(CertificateStatus.DEMONSTRATION, a.certificate().status(), a.certificate().reason());
        assertEquals(a.summary().testAccuracy(), b.summary().testAccuracy(), "same seed, same rows");
        assertTrue(a.summary().testAccuracy() > 0.3, "fine-tuned model beats chance: " + a.summary().testAccuracy());
        JsonNode noise = new ObjectMapper().readTree(org.unlearning.workbench.engine.run.RunDirectory.of(tmp.resolve("a"))
                .noiseRecord().toFile());
        assertEquals(~5L, noise.get("seed_original_training").asLong());
    }

    @Test
    void theRunTrainsWithTheCalculatorsNoiseMultiplierAndIsCertifiedAtTheGroupGuarantee() throws Exception {
        List<StepMetrics> noisy = new ArrayList<>();
        RunListener rec = new RunListener() {
            @Override
            public void stepCompleted(StepMetrics s) {
                if (s.phase() == RunPhase.NOISY) {
                    noisy.add(s);
                }
            }
        };
        RunResult r = UnlearningPipeline.execute(config(null), tmp.resolve("run"), rec, CancelToken.none());
        assertTrue(r.certified(), r.certificate().reason());

        JsonNode inputs = new ObjectMapper().readTree(org.unlearning.workbench.engine.run.RunDirectory.of(tmp.resolve("run")).certificateFile().toFile()).get("accountant_inputs");
        long n = inputs.get("n_train").asLong();
        long k = inputs.get("k").asLong();
        assertEquals(7200, n, "bundled MNIST: 8,000 training images minus 10 % validation");
        assertEquals(72, k, "1 % forget set");
        // `accountant calc --method dp_sgd` with the run's n and k
        Calculation calc = MethodRegistry.calculate(DpSgdParams.of(20, 1e-5, n, k, 64, 1, 0.5));
        double nm = calc.figure("noise_multiplier").orElseThrow().value();
        assertEquals(calc.steps(), noisy.size(), "one noisy step per expected batch, S = ceil(n / B)");
        assertEquals(calc.steps(), r.certificate().noisySteps());
        assertEquals(calc.epsilon(), r.certificate().epsilon(), 1e-12);
        assertEquals(calc.delta(), r.certificate().delta(), 1e-18);
        assertTrue(r.certificate().epsilon() <= 20 + 1e-9);
        for (StepMetrics s : noisy) {
            assertEquals(0.5 * nm, s.sigma(), 1e-12, "noise std C·σ at step " + s.step());
        }
        assertTrue(r.summary().testAccuracy() > 0.3, "fine-tuned model beats chance: " + r.summary().testAccuracy());
    }

    @Test
    void aGivenOriginalModelIsRefusedBecauseDpSgdTrainsItsOwn() {
        Exception e = assertThrows(IllegalArgumentException.class, () -> UnlearningPipeline.execute(
                config("/does/not/matter.zip"), tmp.resolve("refused"), RunListener.NONE, CancelToken.none()));
        assertTrue(e.getMessage().contains("model.path"), e.getMessage());
    }
}
