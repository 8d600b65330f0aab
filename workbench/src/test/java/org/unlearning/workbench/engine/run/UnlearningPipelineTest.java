package org.unlearning.workbench.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearning.workbench.accounting.gradclip.GradientClippingAccountant;
import org.unlearning.workbench.accounting.modelclip.ModelClippingAccountant;
import org.unlearning.workbench.accounting.modelclip.ModelClippingVariant;
import org.unlearning.workbench.accounting.RenyiConversion;
import org.unlearning.workbench.accounting.method.Calculation;
import org.unlearning.workbench.accounting.gradclip.GradientClippingParams;
import org.unlearning.workbench.accounting.modelclip.ModelClippingParams;
import org.unlearning.workbench.accounting.gradclip.NoiseSchedule;
import org.unlearning.workbench.accounting.gradclip.SigmaFormula;
import org.unlearning.workbench.accounting.registry.MethodRegistry;
import org.unlearning.workbench.engine.unlearn.Calibration;
import org.unlearning.workbench.engine.unlearn.Calibrator;
import org.unlearning.workbench.engine.unlearn.DataConfig;
import org.unlearning.workbench.engine.unlearn.FineTuneConfig;
import org.unlearning.workbench.engine.unlearn.MethodConfig;
import org.unlearning.workbench.engine.unlearn.ModelConfig;
import org.unlearning.workbench.engine.unlearn.UnlearningConfig;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End-to-end runs on the bundled MNIST with tiny budgets (1-epoch original, 1-epoch fine-tune). */
class UnlearningPipelineTest {
    @TempDir
    Path tmp;

    /** Records every step and evaluation. */
    static class Recorder implements RunListener {
        final List<StepMetrics> steps = new ArrayList<>();
        final List<EvaluationMetrics> evals = new ArrayList<>();

        @Override public void stepCompleted(StepMetrics s) { steps.add(s); }
        @Override public void evaluated(EvaluationMetrics e) { evals.add(e); }

        List<StepMetrics> noisy() {
            return steps.stream().filter(s -> s.phase() == RunPhase.NOISY).toList();
        }
    }

    static UnlearningConfig small(MethodConfig method, int fineTuneEpochs) {
        return new UnlearningConfig("test", new DataConfig("bundled", 0.1, 0.1, null, 0L, 300),
                new ModelConfig(null, "mlp-5", 1, 0L), method,
                new FineTuneConfig(fineTuneEpochs, 0.1, "one_cycle", 5e-4, 128, null), false, null, null, 3L, "secure", 1);
    }

    static MethodConfig gradientClipping(Double sigma, Integer steps) {
        return MethodConfig.of(new GradientClippingParams(1.0, 1e-5, 0.01, 10.0, 1e-4, 750.0, NoiseSchedule.CONSTANT,
                null, SigmaFormula.CONSISTENT, steps, sigma, 128));
    }

    @Test
    void gradientClippingRunsExactlyTCalibratedStepsWithinItsRadiiAndCertifiesTheAccountantsNumbers() throws Exception {
        Recorder rec = new Recorder();
        RunResult r = UnlearningPipeline.execute(small(gradientClipping(null, null), 1), tmp.resolve("gc"), rec,
                CancelToken.none());

        // `accountant calc --method gradient_clipping` for the same inputs
        Calculation calc = MethodRegistry.calculate(GradientClippingParams.of(1.0, 1e-5, 0.01, 10.0, 1e-4, 750.0));
        long t = calc.steps();
        double sigma = calc.sigma();
        double eps = calc.epsilon();
        assertEquals(GradientClippingAccountant.steps(0.01, 10.0, 1e-4, 750.0).steps(), t);

        assertTrue(r.certified(), r.certificate().reason());
        assertEquals(t, rec.noisy().size(), "exactly T noisy steps");
        assertEquals(t, r.certificate().noisySteps());
        assertEquals(sigma, r.certificate().sigma());
        assertEquals(eps, r.certificate().epsilon(), 1e-12);
        assertTrue(r.certificate().epsilon() <= 1.0 + 1e-12);
        assertEquals(1e-5, r.certificate().delta());
        for (StepMetrics s : rec.noisy()) {
            assertEquals(sigma, s.sigma());
            assertTrue(s.gradientNorm() * s.clipFactor() <= 10.0, "clipped gradient within C1 at step " + s.step());
            assertNotNull(s.privacyState());
        }
        // the ledger's running ρ_R after the last step is the accountant's ρ_R for T steps
        assertEquals(GradientClippingAccountant.rhoConstant(sigma, 0.01, 10.0, 1e-4, 750.0, t),
                rec.noisy().get(rec.noisy().size() - 1).privacyState(), 1e-12);
        // evaluation points: initial, at least every 10 % of the noisy phase, every fine-tune epoch
        assertEquals(RunPhase.INITIAL, rec.evals.get(0).phase());
        assertTrue(rec.evals.stream().filter(e -> e.phase() == RunPhase.NOISY).count() >= Math.min(10, t));
        assertTrue(rec.evals.stream().anyMatch(e -> e.phase() == RunPhase.FINE_TUNE));

        JsonNode cert = new ObjectMapper().readTree(RunDirectory.of(tmp.resolve("gc")).certificateFile().toFile());
        for (String key : List.of("status", "reason", "method", "target_epsilon", "target_delta", "epsilon", "delta",
                "noisy_steps", "sigma", "sigma_first", "sigma_last", "accountant_inputs", "dataset_sha256",
                "forget_set_sha256", "original_model_sha256", "unlearned_model_sha256", "noise", "software",
                "started_at", "finished_at", "statement")) {
            assertTrue(cert.has(key), "certificate.json has " + key);
        }
        assertEquals("certified", cert.get("status").asText());
        assertEquals("secure", cert.get("noise").get("kind").asText());
        assertFalse(cert.get("noise").has("seed"), "no seed in a certificate");
        assertFalse(cert.toString().contains("\"seed\""), "no seed in a certificate");
        assertEquals(64, cert.get("unlearned_model_sha256").asText().length());
        JsonNode sum = new ObjectMapper().readTree(RunDirectory.of(tmp.resolve("gc")).summaryJson().toFile());
        for (String key : List.of("test_accuracy", "retain_accuracy", "forget_accuracy", "examples_processed",
                "wall_seconds")) {
            assertTrue(sum.has(key) && !sum.get(key).isNull(), "summary.json has " + key);
        }
        assertEquals(r.summary().examplesProcessed(), sum.get("examples_processed").asLong());
        // membership inference: original and unlearned measured, no retrain baseline in this run
        for (String model : List.of("original", "unlearned")) {
            double auc = sum.get("forget_mia_auc").get(model).asDouble(-1);
            assertTrue(auc >= 0 && auc <= 1, model + " MIA AUC " + auc);
            double bal = sum.get("forget_mia_balanced_accuracy").get(model).asDouble(-1);
            assertTrue(bal >= 0.5 && bal <= 1, model + " MIA balanced accuracy " + bal);
        }
        assertTrue(sum.get("forget_mia_auc").get("retrain").isNull());
        assertTrue(sum.get("mia_auc_gap_to_retrain").isNull());
        assertTrue(sum.get("mia_note").asText().contains("retrained"));
        try (Reader in = Files.newBufferedReader(RunDirectory.of(tmp.resolve("gc")).metricsCsv())) {
            List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                    .parse(in).getRecords();
            assertEquals(rec.steps.size() + rec.evals.size(), rows.size());
            assertFalse(rows.stream().anyMatch(row -> row.toString().contains("NaN")), "no NaN in metrics.csv");
        }
        assertTrue(Files.isRegularFile(RunDirectory.of(tmp.resolve("gc")).releasedModelDir().resolve("model.zip")));
    }

    @Test
    void modelClippingBeforeProjectionStopsWhenTheLedgerReachesDeltaAndKeepsTheModelInB_C2() throws Exception {
        MethodConfig m = MethodConfig.of(new ModelClippingParams(1.0, 1e-5, 0.5, 0.5,
                ModelClippingVariant.BEFORE_PROJECTION, 0.01, 1.0, 5.0, 0, null, true, null, 0.0, 64));
        Recorder rec = new Recorder();
        RunResult r = UnlearningPipeline.execute(small(m, 0), tmp.resolve("mc"), rec, CancelToken.none());

        var setting = new ModelClippingAccountant.Setting(1.0, 1e-5, 0.5, 0.5, ModelClippingVariant.BEFORE_PROJECTION,
                1.0, 0.01, 5.0, 0.0, ModelClippingAccountant.DEFAULT_MAX_STEPS, true);
        var expected = ModelClippingAccountant.run(setting);
        Calculation calc = MethodRegistry.calculate(new ModelClippingParams(1.0, 1e-5, 0.5, 0.5,
                ModelClippingVariant.BEFORE_PROJECTION, 0.01, 1.0, 5.0, 0.0, null, true, null, 0.0, 64));
        assertEquals(expected.steps(), calc.steps());
        assertTrue(r.certified(), r.certificate().reason());
        assertEquals(expected.steps(), (long) rec.noisy().size());
        assertEquals(expected.deltaT(), r.certificate().delta(), 1e-12 * expected.deltaT());
        assertEquals(calc.delta(), r.certificate().delta(), 1e-12 * expected.deltaT());
        assertTrue(r.certificate().delta() <= 1e-5);
        for (StepMetrics s : rec.noisy()) {
            assertTrue(s.modelNorm() <= 0.5, "model within C2 after step " + s.step() + ": " + s.modelNorm());
            assertTrue(s.gradientNorm() * s.clipFactor() <= 1.0, "clipped update within C1");
            assertNotNull(s.privacyState());
        }
    }

    @Test
    void aCancelledRunKeepsItsMetricsAndIsNotCertified() throws Exception {
        CancelToken cancel = new CancelToken();
        Recorder rec = new Recorder() {
            @Override
            public void stepCompleted(StepMetrics s) {
                super.stepCompleted(s);
                if (s.step() == 2) {
                    cancel.cancel();
                }
            }
        };
        RunResult r = UnlearningPipeline.execute(small(gradientClipping(null, null), 1), tmp.resolve("cancel"), rec, cancel);
        assertEquals(CertificateStatus.NOT_CERTIFIED, r.certificate().status());
        assertEquals(3, r.certificate().stoppedAtStep());
        assertEquals(3, r.certificate().noisySteps());
        assertNull(r.certificate().epsilon());
        assertTrue(r.certificate().reason().contains("cancelled at step 3"), r.certificate().reason());
        assertEquals(3, rec.steps.size());
        JsonNode cert = new ObjectMapper().readTree(RunDirectory.of(tmp.resolve("cancel")).certificateFile().toFile());
        assertEquals("not_certified", cert.get("status").asText());
        assertTrue(Files.size(RunDirectory.of(tmp.resolve("cancel")).metricsCsv()) > 0);
        assertTrue(Files.isRegularFile(RunDirectory.of(tmp.resolve("cancel")).summaryJson()));
    }

    @Test
    void fixingSigmaRecomputesTheAchievedGuarantee() throws Exception {
        RunResult r = UnlearningPipeline.execute(small(gradientClipping(0.2, 4), 0), tmp.resolve("fixed"), RunListener.NONE,
                CancelToken.none());
        double rho = GradientClippingAccountant.rhoConstant(0.2, 0.01, 10.0, 1e-4, 750.0, 4);
        assertTrue(r.certified(), r.certificate().reason());
        assertEquals(4, r.certificate().noisySteps());
        assertEquals(RenyiConversion.improved(rho, 1e-5).epsilon(), r.certificate().epsilon(), 1e-9);
        assertTrue(r.certificate().epsilon() < 1.0, "more noise than calibrated: smaller ε");
    }

    @Test
    void secureNoiseIsRecordedWithoutASeedAndADecreasingScheduleRunsItsCalibratedSigmas() throws Exception {
        MethodConfig dec = MethodConfig.of(new GradientClippingParams(1.0, 1e-5, 0.01, 10.0, 1e-4, 750.0,
                NoiseSchedule.DECREASING, null, SigmaFormula.CONSISTENT, null, null, 128));
        Calibration cal = Calibrator.calibrate(dec);
        assertTrue(cal.sigmaFirst() > cal.sigmaLast(), "decreasing schedule");
        Recorder rec = new Recorder();
        RunResult r = UnlearningPipeline.execute(small(dec, 0).with("noise", "secure"), tmp.resolve("secure"), rec,
                CancelToken.none());
        assertTrue(r.certified(), r.certificate().reason());
        assertEquals("secure", r.certificate().noise().kind());
        assertTrue(r.certificate().noise().secure());
        assertTrue(r.certificate().noise().generator().contains("AES-256-CTR"), r.certificate().noise().generator());
        assertTrue(r.certificate().noise().generator().contains("DRBG"), r.certificate().noise().generator());
        assertEquals("decreasing", r.certificate().noiseSchedule());
        for (int t = 0; t < cal.noisySteps(); t++) {
            assertEquals(cal.sigma(t), rec.noisy().get(t).sigma());
        }
        assertEquals(cal.epsilon(), r.certificate().epsilon(), 1e-9);
    }

    @Test
    void infeasibleSettingsAreRefusedBeforeAnythingIsWritten() {
        MethodConfig bad = MethodConfig.of(GradientClippingParams.of(1.0, 1e-5, 0.01, 10.0, 0.01, 200.0));
        Path out = tmp.resolve("refused");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UnlearningPipeline.execute(small(bad, 1), out, RunListener.NONE, CancelToken.none()));
        assertTrue(e.getMessage().contains("eta * lambda must be < 1"), e.getMessage());
        assertFalse(Files.exists(out));

        MethodConfig mc = MethodConfig.of(new ModelClippingParams(1.0, 1e-5, 0.01, 20.0,
                ModelClippingVariant.AFTER_PROJECTION, 0.01, null, 1.0, 0, null, true, null, 0.0, 128));
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> UnlearningPipeline.execute(small(mc, 1), out, RunListener.NONE, CancelToken.none()));
        assertTrue(e2.getMessage().contains("model clipping is infeasible"), e2.getMessage());
    }
}
