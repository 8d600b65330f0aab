package org.unlearning.workbench.app.fx;

import javafx.application.Application;
import javafx.scene.control.DialogPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.unlearning.workbench.app.fx.settings.SettingsFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window starts from a session.json that is null, corrupt or invalid: moved aside, said so, defaults used (issue #12, defect 7). */
class SessionRestoreTest {
    @Test
    void anUnusableSessionIsMovedAsideAndTheWindowStartsWithDefaults(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve("session.json"), "null");
        System.setProperty(SettingsFiles.HOME_PROPERTY, home.toString());
        Application app = null;
        try {
            FxToolkit.registerPrimaryStage();
            app = FxToolkit.setupApplication(WorkbenchApp.class);
            FxRobot robot = new FxRobot();
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#session-problem").tryQuery().isPresent());
            DialogPane pane = robot.lookup("#session-problem").queryAs(DialogPane.class);
            assertTrue(pane.getContentText().startsWith("The last session could not be restored: " + home.resolve("session.json")
                    + ": empty or null (expected mapping). It was moved to session.json.bad-"), pane.getContentText());
            assertTrue(pane.getContentText().endsWith("The window starts with default settings."), pane.getContentText());
            try (Stream<Path> s = Files.list(home)) {
                Path aside = s.filter(p -> p.getFileName().toString().startsWith("session.json.bad-")).findFirst().orElseThrow();
                assertEquals("null", Files.readString(aside), "the user's file is kept as it was");
            }
        } finally {
            if (app != null) {
                FxToolkit.cleanupApplication(app);   // saves a fresh session into the temporary home
            }
            FxToolkit.cleanupStages();
            System.clearProperty(SettingsFiles.HOME_PROPERTY);
        }
        assertTrue(new SettingsFiles(home).loadSession().restored(), "the next start restores the new session");
    }
}
