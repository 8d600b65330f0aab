package org.unlearning.workbench.engine.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.unlearning.workbench.engine.data.DatasetLoader;
import org.unlearning.workbench.engine.data.DatasetSplit;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed sample models load, fit their data, and score what their metadata says: on the
 * bundled digits, and on the real Fashion-MNIST test set (10,000 images, one forward pass each).
 */
class SampleModelsTest {
    private static DatasetSplit fashion;

    @ParameterizedTest
    @CsvSource({"mlp-5, 0.84, false", "cnn-small, 0.80, true"})
    void sampleModelMatchesItsMetadata(String name, double minAccuracy, boolean standardised) throws Exception {
        Path dir = Path.of(System.getProperty("uw.sampleModels", "sample-models"), name);
        ModelStore.SavedModel s = ModelStore.load(dir);
        assertEquals(name, s.metadata().spec().architecture().cliName());
        DatasetSplit data = DatasetLoader.bundled();
        if (standardised) {
            data = data.standardized();
        }
        assertEquals(data.sha256(), s.metadata().datasetSha256(), "trained on the bundled split");
        Evaluation test = s.model().evaluate(data.test(), 1000);
        assertEquals(s.metadata().metrics().get("test_accuracy"), test.accuracy(), 1e-9);
        assertTrue(test.accuracy() >= minAccuracy, name + " test accuracy " + test.accuracy());
    }

    @ParameterizedTest
    @CsvSource({"fashion-cnn-small, cnn-small, 0.85, true", "fashion-mlp-32x32, mlp-32x32, 0.84, false"})
    void fashionSampleModelMatchesItsMetadataOnTheRealTestSet(String name, String architecture, double minAccuracy,
                                                              boolean standardised) throws Exception {
        assertTrue(DatasetLoader.fashionMnistAvailable(),
                "Fashion-MNIST not installed: apt-get install dataset-fashion-mnist (.ci/run installs it)");
        ModelStore.SavedModel s = ModelStore.load(Path.of(System.getProperty("uw.sampleModels", "sample-models"), name));
        assertEquals(architecture, s.metadata().spec().architecture().cliName());
        DatasetSplit data = fashion();
        if (standardised) {
            data = data.standardized();
        }
        assertEquals(data.sha256(), s.metadata().datasetSha256(), "trained on Fashion-MNIST as installed");
        assertEquals(10_000, data.test().size());
        Evaluation test = s.model().evaluate(data.test(), 1000);
        // recorded at the end of training; another machine may sum float32 in another order (other
        // thread counts split the batch differently), which can flip an example on the boundary
        assertEquals(s.metadata().metrics().get("test_accuracy"), test.accuracy(), 3e-4);
        assertTrue(test.accuracy() >= minAccuracy, name + " test accuracy " + test.accuracy());
    }

    private static synchronized DatasetSplit fashion() throws java.io.IOException {
        if (fashion == null) {
            fashion = DatasetLoader.load("fashion-mnist");
        }
        return fashion;
    }
}
