package org.unlearning.workbench.app.fx.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
        Session back = files.loadSession().session();
        assertEquals(sample(), back.settings());
        assertEquals(layout, back.layout());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            null                                                                  | session.json: empty or null (expected mapping)
            { not json                                                            | :1:3: JSON syntax error
            []                                                                    | is not a mapping (expected mapping)
            {"version": 1, "version": 2}                                          | :1:25: version: duplicate key
            {"version": 1, "settings": {"forgetFraction": -0.5}}                  | settings: forgetFraction: must be in (0, 1), got -0.5
            {"version": 1, "settings": {"forgetFraction": "NaN"}}                 | settings.forgetFraction: "NaN" is not a number (expected number)
            {"version": 1, "settings": {"forgetFraction": ""}}                    | settings.forgetFraction: an empty text is not a number (expected number)
            {"version": 1, "settings": {"parameters": {"epsilon": 1e999}}}        | settings.parameters.epsilon: 1e999 is not a finite number
            {"version": 1, "settings": {"dataset": "path", "datasetPath": "/no/such/data"}} | settings: datasetPath: '/no/such/data' does not exist
            {"version": 1, "settings": {"dataset": "/etc"}}                       | settings: dataset: unknown dataset '/etc'
            {"version": 1, "settings": {"retrainBaseline": "yes"}}                | settings.retrainBaseline: "yes" is not a boolean (expected true or false)
            {"version": 1, "settings": {"retrainBaseline": 1}}                    | settings.retrainBaseline: 1 is not a boolean (expected true or false)
            {"version": 1, "settings": {"seed": 1.5}}                             | settings.seed: 1.5 is not a whole number
            {"version": 1, "layout": {"width": -5, "height": 800}}                | layout: width and height must be positive numbers
            {"version": 1, "layout": {"width": 900, "height": 800, "dividers": [7]}} | layout.dividers: each divider must be in [0, 1]
            """)
    void invalidSessionIsMovedAsideWithAMessage(String content, String problem, @TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("session.json"), content);
        SettingsFiles.SessionLoad load = new SettingsFiles(dir).loadSession();
        assertNull(load.session(), "defaults are used");
        assertTrue(load.problem().contains(problem), load.problem());
        assertTrue(load.problem().startsWith(dir.resolve("session.json").toString()), load.problem());
        assertEquals(1, load.problem().lines().count());
        assertEquals(content, Files.readString(load.movedTo()), "the user's file is kept, unchanged");
        assertTrue(load.movedTo().getFileName().toString().startsWith("session.json.bad-"));
        assertFalse(Files.exists(dir.resolve("session.json")));
    }

    @Test
    void openSettingsChecksValuesLikeTheSession(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("e.json");
        Files.writeString(f, "{\"method\": \"gradient_clipping\", \"forgetFraction\": 1.5}");
        IOException e = assertThrows(IOException.class, () -> SettingsFiles.read(f));
        assertEquals(f + ": forgetFraction: must be in (0, 1), got 1.5", e.getMessage());
    }

    @Test
    void unsetWindowPositionRoundTrips(@TempDir Path dir) throws IOException {
        SettingsFiles files = new SettingsFiles(dir);
        files.saveSession(new Session(1, sample(), WindowLayout.defaults()));
        assertTrue(Double.isNaN(files.loadSession().session().layout().x()));
    }

    @Test
    void badFilesGiveOneLineMessagesNamingTheFile(@TempDir Path dir) throws IOException {
        IOException missing = assertThrows(IOException.class, () -> SettingsFiles.read(dir.resolve("nope.json")));
        assertTrue(missing.getMessage().contains("nope.json"));
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "[1,2");
        IOException e = assertThrows(IOException.class, () -> SettingsFiles.read(bad));
        assertEquals(bad + ":1:1: a list is not a mapping (expected mapping)", e.getMessage());
        Files.writeString(bad, "{\"method\": \"model_clipping\", \"parameters\": {\"epsilon\": 1,");
        IOException cut = assertThrows(IOException.class, () -> SettingsFiles.read(bad));
        assertTrue(cut.getMessage().startsWith(bad + ":1:"), cut.getMessage());
        assertTrue(cut.getMessage().contains("JSON syntax error: Unexpected end-of-input"), cut.getMessage());
    }
}
