package org.unlearning.workbench.engine.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Layout of a run directory: {@code metrics.csv}, {@code summary.json}, {@code certificate.json},
 * {@code config.json} (the exact configuration, reopenable), {@code unlearned-model/} (model.zip +
 * model.json) and {@code retrain-metrics.csv} when the baseline ran.
 */
public record RunDirectory(Path root) {
    public static RunDirectory create(Path root) throws IOException {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new IOException("--out " + root + " exists and is not a directory");
        }
        Files.createDirectories(root);
        return new RunDirectory(root);
    }

    public Path metricsCsv() { return root.resolve("metrics.csv"); }
    public Path retrainMetricsCsv() { return root.resolve("retrain-metrics.csv"); }
    public Path summaryJson() { return root.resolve("summary.json"); }
    public Path certificateJson() { return root.resolve("certificate.json"); }
    public Path configJson() { return root.resolve("config.json"); }
    /** Model folder ({@code model.zip} + {@code model.json}, the foundation's ModelStore format). */
    public Path unlearnedModel() { return root.resolve("unlearned-model"); }
}
