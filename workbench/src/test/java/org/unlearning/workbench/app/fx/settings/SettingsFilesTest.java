package org.unlearning.workbench.app.fx.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsFilesTest {
    static ExperimentSettings sample() {
        return new ExperimentSettings("model_clipping", Map.of("variant", "after_projection"), "mnist-modelclip",
                Map.of("epsilon", 1.0, "delta", 1e-5, "C2", 0.001, "sigma", 0.01),
                "mnist", null, "classes", null, List.of(3, 7), null, "sample:mnist-tiny", 7L, true);
    }

    @Test
    void settingsRoundTripExactly(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("sub/experiment.json");
        SettingsFiles.write(sample(), f);
        assertEquals(sample(), SettingsFiles.read(f));
    }

    @Test
    void sessionRoundTripsAndLivesUnderTheConfiguredHome(@TempDir Path dir) throws IOException {
        SettingsFiles files = new SettingsFiles(dir);
        WindowLayout layout = new WindowLayout(10, 20, 1200, 800, false, List.of(0.3, 0.7), "Run");
        files.saveSession(new Session(1, sample(), layout));
        assertTrue(Files.isRegularFile(dir.resolve("session.json")));
        Session back = files.loadSession().orElseThrow();
        assertEquals(sample(), back.settings());
        assertEquals(layout, back.layout());
    }

    @Test
    void corruptSessionIsSetAsideNotFatal(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("session.json"), "{ not json");
        SettingsFiles files = new SettingsFiles(dir);
        assertTrue(files.loadSession().isEmpty());
        assertTrue(Files.exists(dir.resolve("session.json.bad")), "the user's file is kept");
    }

    @Test
    void badFilesGiveOneLineMessagesNamingTheFile(@TempDir Path dir) throws IOException {
        IOException missing = assertThrows(IOException.class, () -> SettingsFiles.read(dir.resolve("nope.json")));
        assertTrue(missing.getMessage().contains("nope.json"));
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "[1,2");
        IOException e = assertThrows(IOException.class, () -> SettingsFiles.read(bad));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("not a valid settings file"),
                e.getMessage());
    }
}
