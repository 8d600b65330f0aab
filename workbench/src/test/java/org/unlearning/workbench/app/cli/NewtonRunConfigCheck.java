package org.unlearning.workbench.app.cli;

import org.unlearning.workbench.engine.unlearn.newton.NewtonRunConfig;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Run-file parsing checks shared by the CLI tests. */
final class NewtonRunConfigCheck {
    private NewtonRunConfigCheck() {}

    static void partialFileTakesPresetDefaults(Path tmp) throws Exception {
        NewtonRunConfig base = NewtonRunConfig.preset("mnist-newton");
        NewtonRunConfig c = NewtonRunConfig.parse("model: elsewhere\nrequests: 3\nepsilon: 0.5\n", "f.yaml", base);
        assertEquals("elsewhere", c.model());
        assertEquals(3, c.requests());
        assertEquals(0.5, c.epsilon());
        assertEquals(base.lambda(), c.lambda());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NewtonRunConfig.parse("model: m\n", "g.yaml", null));
        assertTrue(e.getMessage().contains("is missing"), e.getMessage());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> NewtonRunConfig.parse("requests: 0\n", "h.yaml", base));
        assertTrue(f.getMessage().contains("requests must be >= 1"), f.getMessage());
        assertEquals(5, NewtonRunConfig.preset("mnist-newton-sequential").requests());
        assertEquals(0.01, NewtonRunConfig.preset("mnist-newton-sequential").forgetFraction());
    }
}
