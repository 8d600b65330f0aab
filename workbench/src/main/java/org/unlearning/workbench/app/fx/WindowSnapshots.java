package org.unlearning.workbench.app.fx;

import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Screenshots of the window ({@code Scene.snapshot}), also one taken after the first run (README screenshots). */
final class WindowSnapshots {
    private Path pending;
    private boolean exitAfter;

    /** Snapshot of the whole scene as PNG. */
    static void save(Scene scene, Path file) throws IOException {
        WritableImage img = scene.snapshot(null);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", file.toFile());
    }

    /** Saves a screenshot once the first run ends (optionally quitting afterwards). */
    void afterFirstRun(Path file, boolean exit) {
        pending = file;
        exitAfter = exit;
    }

    /** A run ended: takes the pending screenshot, if any, two seconds later (charts settle). */
    void runEnded(Scene scene) {
        if (pending == null) {
            return;
        }
        Path file = pending;
        boolean exit = exitAfter;
        pending = null;
        javafx.animation.PauseTransition wait = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(2));
        wait.setOnFinished(ev -> {
            try {
                save(scene, file);
            } catch (IOException e) {
                System.err.println("screenshot failed: " + e.getMessage());
            }
            if (exit) {
                Platform.exit();
            }
        });
        wait.play();
    }
}
