package org.unlearning.workbench.engine.unlearn;

import org.unlearning.workbench.accounting.gradclip.GradientClippingParams;
import org.unlearning.workbench.accounting.gradclip.NoiseSchedule;
import org.unlearning.workbench.accounting.gradclip.SigmaFormula;
import org.unlearning.workbench.accounting.modelclip.ModelClippingParams;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnlearningConfigTest {
    @TempDir
    Path tmp;

    @Test
    void everyPresetLoadsAndCalibratesAtOneAndTenToTheMinusFive() throws IOException {
        for (String name : Presets.NAMES) {
            UnlearningConfig c = Presets.load(name, Presets.requiresData(name) ? "/some/cifar" : null);
            assertEquals(name, c.name());
            Map<String, Object> v = c.method().values();
            if (v.containsKey("epsilon") && !name.contains("newton") && !name.contains("dpsgd")) {
                assertEquals(1.0, v.get("epsilon"), name);
                assertEquals(1e-5, v.get("delta"), name);
                assertEquals(0.1, c.data().forgetFraction(), name);   // §10.1
            }
            Calibration cal = Calibrator.calibrate(c.method());
            assertTrue(cal.noisySteps() >= 0);
        }
        assertEquals(6, Calibrator.calibrate(Presets.load("mnist-gradclip", null).method()).noisySteps()); // §10.2
        assertEquals(1, Calibrator.calibrate(Presets.load("mnist-modelclip", null).method()).noisySteps());
        assertEquals(11, Calibrator.calibrate(Presets.load("cifar10-gradclip", "x").method()).noisySteps());
        assertEquals(6, Calibrator.calibrate(Presets.load("cifar10-modelclip", "x").method()).noisySteps());
    }

    @Test
    void cifarPresetsNeedAData() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Presets.load("cifar10-gradclip", null));
        assertTrue(e.getMessage().contains("--data"));
        assertThrows(IllegalArgumentException.class, () -> Presets.load("no-such-preset", null));
    }

    @Test
    void jsonRoundTripAndYamlAreEquivalent() throws IOException {
        UnlearningConfig c = Presets.load("mnist-gradclip", null);
        Path json = tmp.resolve("c.json");
        Files.writeString(json, c.toJson());
        assertEquals(c, UnlearningConfig.load(json));
        Path yaml = tmp.resolve("c.yaml");
        Files.writeString(yaml, Presets.text("mnist-gradclip"));
        assertEquals(c, UnlearningConfig.load(yaml));
    }

    @Test
    void everyPresetsConfigJsonReadsBack() throws IOException {
        // config.json leaves out calculator inputs (DP-SGD's n and k, Newton's λ_min …), which a run refuses
        for (String name : Presets.NAMES) {
            UnlearningConfig c = Presets.load(name, Presets.requiresData(name) ? "/some/cifar" : null);
            Path json = tmp.resolve(name + ".json");
            Files.writeString(json, c.toJson());
            assertEquals(c, UnlearningConfig.load(json), name);
        }
    }

    @Test
    void badConfigsNameTheProblem() throws IOException {
        Path f = tmp.resolve("bad.yaml");
        Files.writeString(f, "method:\n  type: gradient_clipping\n  epsilom: 1\n");
        Exception e = assertThrows(Exception.class, () -> UnlearningConfig.load(f));
        assertTrue(e.getMessage().contains("unknown parameter 'epsilom'"), e.getMessage());

        Files.writeString(f, "method:\n  type: magic\n");
        Exception e2 = assertThrows(Exception.class, () -> UnlearningConfig.load(f));
        assertTrue(e2.getMessage().contains("magic"), e2.getMessage());

        Files.writeString(f, "data:\n  forget_fraction: 1.5\nmethod:\n  type: retrain\n");
        Exception e3 = assertThrows(IllegalArgumentException.class, () -> UnlearningConfig.load(f));
        assertTrue(e3.getMessage().contains("forget_fraction"), e3.getMessage());

        assertThrows(java.nio.file.NoSuchFileException.class, () -> UnlearningConfig.load(tmp.resolve("none.yaml")));
    }

    @Test
    void methodSectionIsTheTypedParameterRecordReadThroughItsSchema() throws IOException {
        UnlearningConfig c = Presets.load("mnist-gradclip", null);
        GradientClippingParams p = c.method().paramsAs(GradientClippingParams.class);
        assertEquals(0.01, p.c0(), "init_clip is the YAML key of C0");
        assertEquals(10.0, p.c1(), "grad_clip is the YAML key of C1");
        assertEquals(128, p.batchSize());
        assertEquals("init_clip", c.method().method().schema().parameter("c0").orElseThrow().yamlKey());
        // generic immutable updates: by component (configuration records) and by parameter (the method record)
        UnlearningConfig d = c.with("seed", 7L).with("method", c.method().with("c0", 0.5));
        assertEquals(7L, d.seed());
        assertEquals(0.5, d.method().paramsAs(GradientClippingParams.class).c0());
        assertEquals(0.01, c.method().paramsAs(GradientClippingParams.class).c0(), "the original is unchanged");
        assertThrows(IllegalArgumentException.class, () -> c.with("sead", 7L));
        assertThrows(IllegalArgumentException.class, () -> c.with("seed", "7"));
        // booleans accept only true/false, an empty value is an error, integers must be whole
        Path f = tmp.resolve("b.yaml");
        for (String bad : new String[] {"strict_first_step: yes", "strict_first_step: \"\"", "batch_size: 2.5",
                "sigma: \"\""}) {
            Files.writeString(f, "method:\n  type: model_clipping\n  " + bad + "\n");
            Exception e = assertThrows(Exception.class, () -> UnlearningConfig.load(f), bad);
            assertTrue(e.getMessage().contains(bad.split(":")[0]), e.getMessage());
        }
        Files.writeString(f, "method:\n  type: model_clipping\n  strict_first_step: false\n");
        assertEquals(false, UnlearningConfig.load(f).method().paramsAs(ModelClippingParams.class).strictFirstStep());
    }

    @Test
    void decreasingScheduleThatIsInfeasibleIsRefusedWithTheReason() {
        // C0=20, C1=10, η=0.01, λ=50: the PABI shift allocation fails (theory.md A-7)
        MethodConfig m = MethodConfig.of(new GradientClippingParams(1.0, 1e-5, 20.0, 10.0, 0.01, 50.0,
                NoiseSchedule.DECREASING, null, SigmaFormula.CONSISTENT, null, null, 128));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Calibrator.calibrate(m));
        assertTrue(e.getMessage().contains("A-7"), e.getMessage());
    }
}
