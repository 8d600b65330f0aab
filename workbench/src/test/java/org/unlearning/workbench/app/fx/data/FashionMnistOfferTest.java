package org.unlearning.workbench.app.fx.data;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unlearning.workbench.engine.data.DatasetLoader;
import org.unlearning.workbench.engine.unlearn.ModelConfig;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The data pane offers Fashion-MNIST with one click (the data and its sample cnn-small) and says
 * how to install it when the Debian package is absent (a stand-in check plays "absent").
 */
@ExtendWith(ApplicationExtension.class)
class FashionMnistOfferTest {
    private DataViewModel installed;
    private DataViewModel absent;
    private DataPane installedPane;
    private DataPane absentPane;

    @Start
    void start(Stage stage) {
        installed = new DataViewModel();
        absent = new DataViewModel(() -> false);
        Path mlp5 = DataViewModel.sampleModel("mlp-5");
        installed.modelPathProperty().set(mlp5 == null ? "" : mlp5.toString()); // the window's first start
        installedPane = new DataPane(installed);
        absentPane = new DataPane(absent);
        stage.setScene(new Scene(new HBox(installedPane, absentPane), 1000, 800));
        stage.show();
    }

    @Test
    void oneClickGivesFashionMnistAndItsSampleCnn(FxRobot robot) throws Exception {
        assertTrue(DatasetLoader.fashionMnistAvailable(),
                "Fashion-MNIST not installed: apt-get install dataset-fashion-mnist (.ci/run installs it)");
        Button use = robot.from(installedPane).lookup("#use-fashion-mnist").queryButton();
        assertTrue(use.isVisible());
        assertFalse(robot.from(installedPane).lookup("#fashion-absent").query().isVisible());
        robot.clickOn(use);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> installed.loaded()
                && installed.dataSizesProperty().get().contains("test 10,000"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(DataViewModel.FASHION_MNIST, installed.sourceProperty().get());
        assertTrue(installed.dataSizesProperty().get().contains("train 54,000 · validation 6,000 · test 10,000"),
                installed.dataSizesProperty().get());
        Path model = Path.of(installed.modelPathProperty().get());
        assertTrue(model.endsWith(Path.of("fashion-cnn-small", "model.zip")), model.toString());
        assertEquals("cnn-small", DataViewModel.architectureOf(model, "mlp-5"), "architecture read from model.json");
        assertEquals("cnn-small", installed.modelConfig(new ModelConfig(null, "mlp-5", 10, 0L), false).architecture());
        assertFalse(use.isVisible(), "offered only while another dataset is chosen");
        assertEquals("Sample cnn-small", robot.from(installedPane).lookup("#sample-model").queryButton().getText());
        ComboBox<?> box = robot.from(installedPane).lookup("#dataset").queryComboBox();
        assertTrue(String.valueOf(box.getValue()).startsWith("Fashion-MNIST"), String.valueOf(box.getValue()));

        // back to the bundled digits: the sample original follows the data
        robot.interact(() -> installed.chooseSource(DatasetLoader.BUNDLED));
        assertTrue(installed.modelPathProperty().get().endsWith(Path.of("mlp-5", "model.zip").toString()));
        assertTrue(use.isVisible());
        // a model of the user's own is kept
        robot.interact(() -> {
            installed.modelPathProperty().set("/elsewhere/mine/model.zip");
            installed.chooseSource(DataViewModel.FASHION_MNIST);
        });
        assertEquals("/elsewhere/mine/model.zip", installed.modelPathProperty().get());
    }

    @Test
    void saysHowToInstallWhenAbsent(FxRobot robot) {
        assertTrue(robot.from(absentPane).lookup("#fashion-absent").query().isVisible());
        Node install = robot.from(absentPane).lookup("#fashion-install").query();
        assertTrue(((Label) install).getText().contains("sudo apt-get install dataset-fashion-mnist"),
                ((Label) install).getText());
        assertFalse(robot.from(absentPane).lookup("#use-fashion-mnist").query().isVisible());
        assertTrue(robot.from(absentPane).lookup("#fashion-recheck").query().isVisible());
        robot.interact(() -> assertFalse(absent.useFashionMnist()));
        assertEquals(DatasetLoader.BUNDLED, absent.sourceProperty().get(), "nothing changes");
    }
}
