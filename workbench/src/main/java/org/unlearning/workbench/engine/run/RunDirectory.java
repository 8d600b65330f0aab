package org.unlearning.workbench.engine.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The layout of a run directory — every file name and folder of a run is decided here:
 * <pre>
 * config.json                     the exact configuration (reopenable)
 * metrics.csv                     one row per step and per evaluation point
 * retrain-metrics.csv             the same for the retrain baseline (when it ran)
 * requests.csv                    one row per deletion request
 * summary.json                    accuracies, compute, savings, membership inference, per-request figures
 * certificate.json                the certificate of the last released model
 * unlearned-model/                the last released model (model.zip + model.json)
 * certificates/request-K.json     with more than one request: each release's certificate,
 * certificates/request-K-forget.txt  its forget set (indices),
 * releases/request-K/             and its model
 * </pre>
 */
public record RunDirectory(Path root) {
    public static RunDirectory create(Path root) throws IOException {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new IOException("--out " + root + " exists and is not a directory");
        }
        Files.createDirectories(root);
        return new RunDirectory(root);
    }

    /** The directory of {@code root} (nothing is created). */
    public static RunDirectory of(Path root) {
        return new RunDirectory(root);
    }

    /** The certificate of the model currently released (same accessor as the release/ layout). */
    public Path certificateFile() { return certificateJson(); }

    /** Folder of the released model (same accessor as the release/ layout). */
    public Path releasedModelDir() { return unlearnedModel(); }

    /** The run's status as a reader should report it; empty when the folder has no status file. */
    public java.util.Optional<org.unlearning.workbench.engine.io.RunStatus.Reading> status() throws IOException {
        return org.unlearning.workbench.engine.io.RunStatus.read(root);
    }

    public Path configJson() { return root.resolve("config.json"); }
    public Path metricsCsv() { return root.resolve("metrics.csv"); }
    public Path retrainMetricsCsv() { return root.resolve("retrain-metrics.csv"); }
    public Path requestsCsv() { return root.resolve("requests.csv"); }
    public Path summaryJson() { return root.resolve("summary.json"); }
    public Path certificateJson() { return root.resolve("certificate.json"); }
    /** Model folder ({@code model.zip} + {@code model.json}, the ModelStore format) of the last release. */
    public Path unlearnedModel() { return root.resolve("unlearned-model"); }

    /** The noise record (kind, generator; for demonstration noise the seeds): private. */
    public Path noiseRecord() { return root.resolve("noise.json"); }

    /** Certificate of request {@code k} (multi-request runs). */
    public Path requestCertificate(int k) { return root.resolve("certificates").resolve("request-" + k + ".json"); }

    /** Forget-set indices of request {@code k} (multi-request runs). */
    public Path requestForgetSet(int k) { return root.resolve("certificates").resolve("request-" + k + "-forget.txt"); }

    /** Released model of request {@code k} (multi-request runs). */
    public Path requestModel(int k) { return root.resolve("releases").resolve("request-" + k); }

    /** The run-relative name of a path in this directory (for summaries). */
    public String relative(Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }
}
