package org.unlearning.workbench.engine.model;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.Nd4jBlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComputeSettingsTest {

    @AfterEach
    void reset() {
        System.clearProperty("uw.threads");
        ComputeSettings.fixThreads(null);
        ComputeSettings.apply(1, "test");
    }

    @Test
    void applySetsNd4jAndOpenBlasThreads() {
        ComputeSettings s = ComputeSettings.apply(2, 2, "test");
        assertEquals(2, s.threads());
        // OpenBLAS keeps its own thread pool; ND4J's op threads are capped by what the process
        // started with (OMP_NUM_THREADS / cores), so only lowering them is observable here.
        assertEquals(2, ((Nd4jBlas) Nd4j.factory().blas()).getMaxThreads());
        ComputeSettings.apply(1, "test");
        assertEquals(1, ((Nd4jBlas) Nd4j.factory().blas()).getMaxThreads());
        assertEquals(1, Nd4j.getEnvironment().maxMasterThreads());
    }

    @Test
    void ruleUsesOneThreadForDenseModelsAndEveryCoreForCnns() {
        assertEquals(1, ComputeSettings.autoThreads(false));
        assertEquals(Runtime.getRuntime().availableProcessors(), ComputeSettings.autoThreads(true));
    }

    @Test
    void userChoiceOverridesTheRuleAndTheCnnKernelKeepsNativeCodeOnOneThread() {
        System.setProperty("uw.threads", "2");
        ComputeSettings s = ComputeSettings.applyFor(true, true, "cnn-small");
        assertEquals(2, s.threads());
        assertEquals(1, s.nativeThreads());
        assertEquals("-Duw.threads", s.reason());
        ComputeSettings d = ComputeSettings.applyFor(true, false, "cnn-small");
        assertEquals(2, d.nativeThreads(), "DL4J's own path uses native threads");
    }

    @Test
    void aCallersFixedCountWinsOverTheRule() {
        ComputeSettings.fixThreads(1);
        ComputeSettings s = ComputeSettings.applyFor(true, true, "cnn-small");
        assertEquals(1, s.threads());
        assertEquals("--threads", s.reason());
        assertThrows(IllegalArgumentException.class, () -> ComputeSettings.fixThreads(0));
    }

    @Test
    void summaryNamesBackendBlasAndThreads() {
        ComputeSettings s = ComputeSettings.apply(1, "auto for mlp-5");
        assertTrue(s.summary().startsWith("ND4J CPU · OpenBLAS · 1 thread"), s.summary());
        assertTrue(s.summary().contains("auto for mlp-5"), s.summary());
        assertEquals(1, s.describe().get("threads"));
        assertTrue(String.valueOf(s.describe().get("jvm")).contains(System.getProperty("java.version")));
    }

    @Test
    void theStatusBarSeesSettingsOnceApplied() {
        ComputeSettings s = ComputeSettings.apply(1, "auto for mlp-5");
        assertEquals(s, ComputeSettings.appliedOrNull());
    }

    @Test
    void rejectsZeroThreads() {
        assertThrows(IllegalArgumentException.class, () -> ComputeSettings.apply(0, "test"));
    }
}
