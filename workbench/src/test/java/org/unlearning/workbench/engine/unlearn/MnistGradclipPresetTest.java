package org.unlearning.workbench.engine.unlearn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearning.workbench.accounting.method.Calculation;
import org.unlearning.workbench.accounting.gradclip.GradientClippingParams;
import org.unlearning.workbench.engine.run.CancelToken;
import org.unlearning.workbench.engine.run.RunListener;
import org.unlearning.workbench.engine.run.RunResult;
import org.unlearning.workbench.engine.run.UnlearningPipeline;
import org.unlearning.workbench.accounting.registry.MethodRegistry;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The "done" run: the mnist-gradclip preset (without its retrain baseline, to stay lean). */
class MnistGradclipPresetTest {
    @TempDir
    Path tmp;

    @Test
    void presetIsCertifiedWithTheCalculatorsTAndSigmaAndReachesEightyPercent() throws Exception {
        UnlearningConfig c = Presets.load("mnist-gradclip", null).with("retrainBaseline", false);
        RunResult r = UnlearningPipeline.execute(c, tmp.resolve("run"), RunListener.NONE, CancelToken.none());
        GradientClippingParams m = c.method().paramsAs(GradientClippingParams.class);
        // `accountant calc` with the same inputs, from the record's own values
        Calculation calc = MethodRegistry.calculate(GradientClippingParams.of(m.epsilon(), m.delta(),
                m.c0(), m.c1(), m.eta(), m.lambda()));
        assertTrue(r.certified(), r.certificate().reason());
        assertEquals(calc.steps(), (long) r.certificate().noisySteps());
        assertEquals(calc.sigma(), r.certificate().sigma());
        assertEquals(calc.epsilon(), r.certificate().epsilon(), 1e-12);
        assertTrue(r.summary().testAccuracy() >= 0.80, "test accuracy " + r.summary().testAccuracy());
    }
}
