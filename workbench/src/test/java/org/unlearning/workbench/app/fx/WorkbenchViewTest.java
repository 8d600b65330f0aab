package org.unlearning.workbench.app.fx;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unlearning.workbench.accounting.method.MethodAccountant;
import org.unlearning.workbench.accounting.registry.MethodRegistry;
import org.unlearning.workbench.app.fx.settings.ExperimentSettings;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class WorkbenchViewTest {
    static final MethodAccountant<?> MC = MethodRegistry.get("model_clipping");
    @TempDir
    static Path dir;
    private WorkbenchView view;

    @Start
    void start(Stage stage) {
        view = new WorkbenchView(() -> "ND4J CPU (test)", null, dir.resolve("runs"));
        stage.setScene(new Scene(view, 1200, 780));
        stage.show();
    }

    @Test
    void settingsSavedAndLoadedGiveTheSameParameters(FxRobot robot) throws Exception {
        Path file = dir.resolve("experiment.json");
        robot.interact(() -> {
            view.calculator().methodProperty().set(MC);
            view.parametersPane().control(MC, "epsilon").setValue(2.5);
            view.parametersPane().control(MC, "sigma").setValue(0.02);
            view.parametersPane().picker(MC, "variant").setValue("after_projection");
            view.dataModel().forgetModeProperty().set("classes");
            view.dataModel().forgetClassesProperty().set("3,7");
            view.dataModel().fineTuneEpochsProperty().set(4);
        });
        Map<String, Object> before = view.calculator().values();
        robot.interact(() -> {
            try {
                view.saveSettings(file);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        robot.interact(() -> {
            view.applySettings(ExperimentSettings.defaults());
            view.dataModel().forgetModeProperty().set("fraction");
            view.dataModel().fineTuneEpochsProperty().set(10);
        });
        assertNotEquals(before, view.calculator().values());
        robot.interact(() -> {
            try {
                view.openSettings(file);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(MC, view.calculator().methodProperty().get());
        assertEquals(before, view.calculator().values());
        assertEquals("2.5", view.parametersPane().control(MC, "epsilon").field().getText());
        assertEquals("classes", view.dataModel().forgetModeProperty().get());
        assertEquals("3,7", view.dataModel().forgetClassesProperty().get());
        assertEquals(4.0, view.dataModel().fineTuneEpochsProperty().get());
    }

    @Test
    void firstStartUsesThePaperPresetAndShowsSizesAndBackend(FxRobot robot) throws Exception {
        assertEquals(MethodRegistry.get("gradient_clipping"), view.calculator().methodProperty().get());
        assertEquals(0.01, view.calculator().numericValues().get("c0"), "mnist-gradclip preset");
        assertEquals(6L, view.calculator().calculationProperty().get().steps(), "theory.md §10.2: MNIST T = 6");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.dataModel().loaded());
        WaitForAsyncUtils.waitForFxEvents();
        String sizes = robot.lookup("#data-sizes").queryAs(Label.class).getText();
        assertTrue(sizes.contains("train 7,200") && sizes.contains("test 2,000"), sizes);
        String forget = robot.lookup("#forget-sizes").queryAs(Label.class).getText();
        assertTrue(forget.startsWith("forget 720 · retain 6,480"), forget);
        robot.interact(() -> view.dataModel().forgetClassesProperty().set("12"));
        robot.interact(() -> view.dataModel().forgetModeProperty().set("classes"));
        assertTrue(view.runButton().isDisabled());
        assertTrue(view.dataModel().problemProperty().get().contains("class 12 does not exist"),
                view.dataModel().problemProperty().get());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> "ND4J CPU (test)".equals(robot.lookup("#status-backend").queryAs(Label.class).getText()));
    }

    @Test
    void trainOriginalRunsInTheBackgroundAndBecomesTheOriginal(FxRobot robot) throws Exception {
        robot.interact(() -> {
            view.dataModel().trainEpochsProperty().set(1);
            view.dataModel().modelPathProperty().set("");
            view.dataModel().trainOriginal();
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !view.dataModel().modelPathProperty().get().isEmpty());
        Path zip = Path.of(view.dataModel().modelPathProperty().get());
        assertTrue(java.nio.file.Files.isRegularFile(zip), zip.toString());
        assertTrue(java.nio.file.Files.isRegularFile(zip.resolveSibling("model.json")));
        assertTrue(zip.startsWith(dir.resolve("models")), "saved under the workbench home");

        // cancel: nothing is saved, the choice stays as it was
        robot.interact(() -> {
            view.dataModel().trainEpochsProperty().set(50);
            view.dataModel().modelPathProperty().set("");
            view.dataModel().trainOriginal();
        });
        Thread.sleep(300);
        robot.interact(() -> view.dataModel().cancelTraining());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> !view.dataModel().trainer().isRunning()).get());
        Thread.sleep(500);
        assertEquals("", view.dataModel().modelPathProperty().get());
    }

    @Test
    void errorDialogsShowAReadableMessageWithExpandableDetails(FxRobot robot) throws Exception {
        var e = new java.io.IOException("wrapper", new IllegalArgumentException("data path /nope not found"));
        javafx.scene.control.Alert a = WaitForAsyncUtils.asyncFx(() -> ErrorDialogs.create(null, "Run not started",
                ErrorDialogs.messageOf(e), e)).get();
        assertEquals("wrapper", a.getContentText());
        assertEquals("data path /nope not found", ErrorDialogs.messageOf(new RuntimeException(null,
                new IllegalArgumentException("data path /nope not found"))));
        assertTrue(a.getDialogPane().getExpandableContent() != null, "details are expandable");
    }

    @Test
    void menusCarryTheShortcuts(FxRobot robot) {
        MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
        Set<String> acc = bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                .map(MenuItem::getAccelerator).filter(a -> a != null).map(Object::toString).collect(Collectors.toSet());
        assertTrue(acc.containsAll(Set.of("Shortcut+R", "Esc", "Shortcut+O", "Shortcut+S", "Shortcut+E")), acc.toString());
    }
}
