package org.unlearning.workbench.engine.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.unlearning.workbench.engine.data.DatasetLoader;
import org.unlearning.workbench.engine.data.DatasetSplit;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed sample models load, fit the bundled data, and score what their metadata says. */
class SampleModelsTest {
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
}
