package org.unlearning.workbench.engine.run;

import org.unlearning.workbench.engine.io.RunStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The layout of a run directory — every file name and folder of a run is decided here, and every
 * reader (verify, compare-runs, sweeps, audit, the window, the report) goes through these accessors.
 * The release boundary of theory.md §14:
 * <pre>
 * status.json (+ .lock)              the run's state, written first (in-progress) and replaced last
 * release/                           what the certificate covers, and nothing else
 *   certificate.json                 the certificate of the released model (written last)
 *   summary.json                     public summary: the released model on the retain and test data only
 *   unlearned-model/                 the released model (model.zip + model.json)
 *   certificates/request-K.json      with more than one request: each release's certificate
 *   models/request-K/                and its model
 * private/                           diagnostics the certificate does not cover: publishing any voids it
 *   README.txt                       says so
 *   config.json                      the exact configuration (reopenable; holds the seeds)
 *   summary.json                     full summary (forget-set figures, membership inference, savings …)
 *   metrics.csv                      one row per step and evaluation point (pre-noise and noisy iterates)
 *   retrain-metrics.csv              the same for the retrain baseline (when it ran)
 *   requests.csv                     one row per deletion request
 *   noise.json                       the noise generator; for demonstration noise its seeds
 *   forget-sets/request-K.txt        each request's forget set (training indices)
 *   log.txt                          the run's messages
 *   row.json                         in a sweep: the run's row of results.csv (forget-set figures included)
 * </pre>
 * Folders written before the boundary (everything flat at the top) are still read: the release
 * accessors fall back to the top-level names when {@code release/} is absent.
 */
public record RunDirectory(Path root) {
    public static final String RELEASE = "release";
    public static final String PRIVATE = "private";
    /** File name of a sweep's row of the run ({@link #sweepRow()}). */
    public static final String SWEEP_ROW = "row.json";
    /** The first line of {@code private/README.txt}. */
    public static final String PRIVATE_README = "Publishing anything in this folder voids the unlearning guarantee of "
            + "this run's certificate (theory.md §14).";

    /** Creates the directory and its two parts, with the private part's README. */
    public static RunDirectory create(Path root) throws IOException {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new IOException("--out " + root + " exists and is not a directory");
        }
        RunDirectory d = new RunDirectory(root);
        Files.createDirectories(d.releaseDir());
        Files.createDirectories(d.privateDir());
        Files.writeString(d.privateDir().resolve("README.txt"), PRIVATE_README + "\n\n"
                + "It holds what the certificate does not cover: metrics of the original model, of the model before "
                + "noise and of every intermediate noisy iterate; every figure computed on the forget set (accuracy, "
                + "membership inference); the forget sets themselves; the configuration with its seeds, and the noise "
                + "record (in a sweep also the run's row of the results table). Keep it with the data controller. Only the folder release/ may be published.\n");
        return d;
    }

    /** The directory of {@code root} (nothing is created). */
    public static RunDirectory of(Path root) {
        return new RunDirectory(root);
    }

    /** True when the folder has the release/private layout (false for folders written before it). */
    public boolean split() {
        return Files.isDirectory(releaseDir());
    }

    public Path releaseDir() { return root.resolve(RELEASE); }
    public Path privateDir() { return root.resolve(PRIVATE); }

    // ---- release ----
    /** The certificate of the model currently released. */
    public Path certificateFile() { return release("certificate.json"); }
    /** The public summary (released model on retain and test data only). */
    public Path publicSummaryJson() { return release("summary.json"); }
    /** Folder ({@code model.zip} + {@code model.json}, the ModelStore format) of the last release. */
    public Path releasedModelDir() { return release("unlearned-model"); }
    /** Certificate of request {@code k} (multi-request runs). */
    public Path requestCertificate(int k) {
        return (split() || !Files.exists(root.resolve("certificates")) ? releaseDir() : root)
                .resolve("certificates").resolve("request-" + k + ".json");
    }
    /** Released model of request {@code k} (multi-request runs). */
    public Path requestModel(int k) {
        return split() || !Files.exists(root.resolve("releases")) ? releaseDir().resolve("models").resolve("request-" + k)
                : root.resolve("releases").resolve("request-" + k);
    }

    // ---- private ----
    public Path configJson() { return priv("config.json"); }
    public Path metricsCsv() { return priv("metrics.csv"); }
    public Path retrainMetricsCsv() { return priv("retrain-metrics.csv"); }
    public Path requestsCsv() { return priv("requests.csv"); }
    /** The full summary (private diagnostics included); in an old flat folder, its only summary. */
    public Path summaryJson() { return priv("summary.json"); }
    /** The noise record (kind, generator; for demonstration noise the seeds). */
    public Path noiseRecord() { return priv("noise.json"); }
    /** The run's messages. */
    public Path logFile() { return priv("log.txt"); }
    /** Where a sweep writes its row of this run (the results-table row, forget-set figures included: private). */
    public Path sweepRow() { return privateDir().resolve(SWEEP_ROW); }
    /** The sweep row to read: {@link #sweepRow()}, or at the top in folders of sweeps before the move. */
    public Path sweepRowToRead() {
        Path old = root.resolve(SWEEP_ROW);
        return Files.exists(sweepRow()) || !Files.exists(old) ? sweepRow() : old;
    }
    /** Forget-set indices of request {@code k}. */
    public Path requestForgetSet(int k) {
        return split() ? privateDir().resolve("forget-sets").resolve("request-" + k + ".txt")
                : root.resolve("certificates").resolve("request-" + k + "-forget.txt");
    }

    // ---- top level ----
    /** The run's status as a reader should report it; empty when the folder has no status file. */
    public Optional<RunStatus.Reading> status() throws IOException {
        return RunStatus.read(root);
    }

    /** Old names kept for callers: the certificate and the released model. */
    public Path certificateJson() { return certificateFile(); }
    public Path unlearnedModel() { return releasedModelDir(); }

    /** The run-relative name of a path in this directory (for summaries). */
    public String relative(Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    private Path release(String name) {
        return split() || !Files.exists(root.resolve(name)) ? releaseDir().resolve(name) : root.resolve(name);
    }

    private Path priv(String name) {
        return split() || !Files.exists(root.resolve(name)) ? privateDir().resolve(name) : root.resolve(name);
    }
}
