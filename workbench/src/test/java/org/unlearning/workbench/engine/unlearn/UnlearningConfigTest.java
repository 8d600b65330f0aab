package org.unlearning.workbench.engine.unlearn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
            if (c.method().type() != MethodKind.RETRAIN) {
                assertEquals(1.0, c.method().epsilon());
                assertEquals(1e-5, c.method().delta());
            }
            assertEquals(0.1, c.data().forgetFraction());
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
    void badConfigsNameTheProblem() throws IOException {
        Path f = tmp.resolve("bad.yaml");
        Files.writeString(f, "method:\n  type: gradient_clipping\n  epsilom: 1\n");
        IOException e = assertThrows(IOException.class, () -> UnlearningConfig.load(f));
        assertTrue(e.getMessage().contains("epsilom"), e.getMessage());

        Files.writeString(f, "method:\n  type: magic\n");
        Exception e2 = assertThrows(Exception.class, () -> UnlearningConfig.load(f));
        assertTrue(e2.getMessage().contains("magic"), e2.getMessage());

        Files.writeString(f, "data:\n  forget_fraction: 1.5\nmethod:\n  type: retrain\n");
        Exception e3 = assertThrows(IllegalArgumentException.class, () -> UnlearningConfig.load(f));
        assertTrue(e3.getMessage().contains("forget_fraction"), e3.getMessage());

        assertThrows(java.nio.file.NoSuchFileException.class, () -> UnlearningConfig.load(tmp.resolve("none.yaml")));
    }

    @Test
    void decreasingScheduleThatIsInfeasibleIsRefusedWithTheReason() {
        // C0=20, C1=10, η=0.01, λ=50: the PABI shift allocation fails (theory.md A-7)
        MethodConfig m = new MethodConfig(MethodKind.GRADIENT_CLIPPING, 1.0, 1e-5, 128, 0.01, 50.0, 20.0, 10.0, null,
                null, null, null, "decreasing", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Calibrator.calibrate(m));
        assertTrue(e.getMessage().contains("A-7"), e.getMessage());
    }
}
