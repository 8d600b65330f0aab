package org.unlearning.workbench.app.fx.data;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever the background dataset loader throws reaches the window as a message, never an eternal "loading…" (issue #12, defect 7). */
class DataViewModelErrorsTest {
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            oom     | Dataset bundled MNIST: out of memory: this needs more than the window's
            linkage | Dataset bundled MNIST: internal error: UnsatisfiedLinkError: no jnind4jcpu in java.library.path
            runtime | Dataset bundled MNIST: broken
            """)
    void loaderFailuresBecomeTheProblemLine(String kind, String problem) throws Exception {
        DataViewModel m = WaitForAsyncUtils.asyncFx(() -> new DataViewModel(() -> false, src -> {
            switch (kind) {
                case "oom" -> throw new OutOfMemoryError("Java heap space");
                case "linkage" -> throw new UnsatisfiedLinkError("no jnind4jcpu in java.library.path");
                default -> throw new IllegalStateException("broken");
            }
        })).get();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> m.problemProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(m.problemProperty().get().startsWith(problem), m.problemProperty().get());
        assertEquals("not loaded", m.dataSizesProperty().get());
    }
}
