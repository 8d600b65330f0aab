package org.unlearning.workbench.app.cli;

import org.unlearning.workbench.engine.data.DatasetLoader;
import org.unlearning.workbench.engine.data.DatasetSplit;
import picocli.CommandLine.Option;

import java.io.IOException;

/** {@code --data}, {@code --val-fraction}, {@code --split-seed}: where the data comes from and how it is split. */
public final class DataOptions {
    @Option(names = "--data", paramLabel = "PATH",
            description = "Dataset: 'bundled' (default: 8,000/2,000 MNIST digits), 'fashion-mnist', "
                    + "an IDX or CIFAR-10/100 binary folder, or a CSV file (features + label column).")
    String data = DatasetLoader.BUNDLED;

    @Option(names = "--val-fraction", paramLabel = "F",
            description = "Fraction of the training data held out for validation (default: none).")
    Double valFraction;

    @Option(names = "--split-seed", paramLabel = "SEED", description = "Seed of the validation split (default: ${DEFAULT-VALUE}).")
    long splitSeed = 0;

    @Option(names = "--standardize", description = "Standardise features per channel with the training mean and std.")
    boolean standardize;

    /** Loads the data, standardising it when {@code --standardize} is given or {@code force} is true. */
    public DatasetSplit load(boolean force) throws IOException {
        boolean keep = standardize;
        standardize = standardize || force;
        try {
            return load();
        } finally {
            standardize = keep;
        }
    }

    public DatasetSplit load() throws IOException {
        if (data == null || data.isBlank()) {
            // e.g. --data "$DATA" with DATA unset: never fall back to the bundled digits silently
            throw new IllegalArgumentException("--data is empty: name a dataset, or leave the option out for the bundled digits");
        }
        DatasetSplit s = DatasetLoader.load(data);
        if (valFraction != null) {
            s = s.withValidation(valFraction, splitSeed);
        }
        return standardize ? s.standardized() : s;
    }

    /** The split seed when a validation split was made, else null. */
    public Long splitSeedOrNull() {
        return valFraction == null ? null : splitSeed;
    }
}
