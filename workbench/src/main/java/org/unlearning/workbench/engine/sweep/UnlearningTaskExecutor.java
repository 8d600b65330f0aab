package org.unlearning.workbench.engine.sweep;

import org.unlearning.workbench.engine.run.CancelToken;
import org.unlearning.workbench.engine.run.Certificate;
import org.unlearning.workbench.engine.run.ComputeSavings;
import org.unlearning.workbench.engine.run.EvaluationMetrics;
import org.unlearning.workbench.engine.io.RunStatus;
import org.unlearning.workbench.engine.run.RunDirectory;
import org.unlearning.workbench.engine.run.RunStatusLine;
import org.unlearning.workbench.engine.run.RunListener;
import org.unlearning.workbench.engine.run.RunResult;
import org.unlearning.workbench.engine.run.RunSummary;
import org.unlearning.workbench.engine.run.UnlearningPipeline;
import org.unlearning.workbench.engine.unlearn.DataConfig;
import org.unlearning.workbench.engine.unlearn.ModelConfig;
import org.unlearning.workbench.engine.unlearn.Records;
import org.unlearning.workbench.engine.unlearn.UnlearningConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The adapter between sweeps and the run pipeline ({@link UnlearningPipeline#execute}): the only
 * class of this package that knows the configuration and result types. A task's configuration is
 * an {@link UnlearningConfig} as JSON; its row is the run's certificate and summary figures.
 * <p>
 * Relative paths in a configuration (data source, forget file, model) and a relative output
 * folder are resolved against {@code baseDir} — the driver's working directory for a Spark job,
 * whose executors run elsewhere — so every engine reads the same files.
 */
public final class UnlearningTaskExecutor implements SweepExecutor {
    private static final long serialVersionUID = 1L;

    private final String baseDir;

    public UnlearningTaskExecutor(Path baseDir) {
        this.baseDir = baseDir.toAbsolutePath().normalize().toString();
    }

    /** The task of one run: id = hash of its configuration, folder {@code runsDir/<id>}. */
    public static SweepTask task(UnlearningConfig config, Path runsDir, Map<String, String> labels) {
        String json = config.toJson();
        String id = SweepTask.idOf(json);
        return new SweepTask(id, json, runsDir.resolve(id).toString(), labels);
    }

    /**
     * The tasks of one configuration file run once per seed ({@code seeds} null or empty: its own
     * seed), in {@code runsDir}.
     */
    public static List<SweepTask> tasks(Path configFile, List<Long> seeds, Path runsDir) throws IOException {
        UnlearningConfig config = UnlearningConfig.load(configFile);
        if (seeds == null || seeds.isEmpty()) {
            return List.of(task(config, runsDir, Map.of()));
        }
        return seeds.stream().map(s -> task(config.with("seed", s), runsDir, Map.<String, String>of())).toList();
    }

    @Override
    public Path folder(SweepTask task) {
        return resolve(task.outputDir());
    }

    @Override
    public ResultRow execute(SweepTask task, CancelToken cancel) {
        Path out = folder(task);
        long t0 = System.nanoTime();
        UnlearningConfig config = null;
        RunResult result = null;
        String status;
        String reason;
        try {
            config = UnlearningConfig.parse(task.config(), true, "task " + task.id());
            result = UnlearningPipeline.execute(withResolvedPaths(config), out, RunListener.NONE, cancel);
            Certificate c = result.certificate();
            status = result.failure() == null ? c.status().id()
                    : cancel.isCancelled() ? ResultRow.CANCELLED : ResultRow.FAILED;
            reason = c.reason();
        } catch (IllegalArgumentException e) {
            status = ResultRow.REFUSED;
            reason = message(e);
        } catch (IOException | RuntimeException e) {
            status = ResultRow.FAILED;
            reason = message(e);
        }
        ResultRow row = row(task, config, result, status, reason, (System.nanoTime() - t0) / 1e9, out);
        if (result != null) {
            try {
                if (result.failure() == null) {
                    SweepFiles.writeRow(RunDirectory.of(out).sweepRow(), row);
                }
                // last, as unlearn does: the run's state in the one vocabulary (verify's run-status check)
                RunStatus.finish(out, RunStatusLine.state(result, cancel.isCancelled()), RunStatusLine.detail(result));
            } catch (IOException e) {
                return row(task, config, result, ResultRow.FAILED, "row.json or status.json not written: " + message(e),
                        (System.nanoTime() - t0) / 1e9, out);
            }
        }
        return row;
    }

    /** The row: the task's labels, then the same run columns for every outcome (null when unknown). */
    private static ResultRow row(SweepTask task, UnlearningConfig config, RunResult r, String status, String reason,
                                 double wallSeconds, Path out) {
        Map<String, Object> m = new LinkedHashMap<>(task.labels());
        Certificate c = r == null ? null : r.certificate();
        RunSummary s = r == null ? null : r.summary();
        ComputeSavings sav = s == null ? null : s.computeSavings();
        m.put("task_id", task.id());
        m.put("method", config == null ? null : config.method().key());
        m.put("seed", config == null ? null : config.seed());
        m.put("noise", config == null ? null : config.noise());
        m.put(ResultRow.STATUS, status);
        m.put("reason", reason);
        m.put("target_epsilon", c == null ? null : c.targetEpsilon());
        m.put("target_delta", c == null ? null : c.targetDelta());
        m.put("achieved_epsilon", c == null ? null : c.epsilon());
        m.put("achieved_delta", c == null ? null : c.delta());
        m.put("noisy_steps", c == null ? null : c.noisySteps());
        m.put("sigma_first", c == null ? null : c.sigmaFirst());
        m.put("sigma_last", c == null ? null : c.sigmaLast());
        m.put("test_accuracy", s == null ? null : s.testAccuracy());
        m.put("retain_accuracy", s == null ? null : s.retainAccuracy());
        m.put("forget_accuracy", s == null ? null : s.forgetAccuracy());
        m.put("examples_processed", s == null ? null : s.examplesProcessed());
        m.put("target_accuracy", sav == null ? null : sav.targetAccuracy());
        m.put("examples_to_target", sav == null ? null : sav.unlearnExamples());
        m.put("retrain_examples_to_target", sav == null ? null : sav.retrainExamples());
        m.put("compute_savings", sav == null ? null : sav.savings());
        m.put("mia_auc_unlearned", s == null || s.forgetMiaAuc() == null ? null : s.forgetMiaAuc().unlearned());
        m.put("mia_auc_gap_to_retrain", s == null ? null : s.miaAucGapToRetrain());
        m.put(ResultRow.WALL_SECONDS_TO_TARGET, sav == null ? null : wallToTarget(sav, r.evaluations()));
        m.put(ResultRow.WALL_SECONDS, wallSeconds);
        m.put(ResultRow.RUN_FOLDER, out.toString());
        return new ResultRow(m);
    }

    private static Double wallToTarget(ComputeSavings sav, List<EvaluationMetrics> points) {
        for (EvaluationMetrics e : points) {
            if (e.releasable() && e.testAccuracy() >= sav.targetAccuracy()) {
                return e.wallSeconds();
            }
        }
        return null;
    }

    private UnlearningConfig withResolvedPaths(UnlearningConfig c) {
        DataConfig d = c.data();
        String source = switch (d.source().toLowerCase(Locale.ROOT)) {
            case "bundled", "mnist", "fashion-mnist" -> d.source();
            default -> resolveIfPresent(d.source());
        };
        ModelConfig m = c.model();
        DataConfig data = source.equals(d.source()) ? d : d.withSource(source);
        if (d.forgetFile() != null) {
            data = Records.with(data, "forgetFile", resolveIfPresent(d.forgetFile()));
        }
        return c.with("data", data)
                .with("model", m.path() == null ? m : Records.with(m, "path", resolveIfPresent(m.path())));
    }

    /** {@code path} against the base directory when it is relative and exists there, else unchanged. */
    private String resolveIfPresent(String path) {
        Path p = Path.of(path);
        Path r = resolve(path);
        return !p.isAbsolute() && Files.exists(r) ? r.toString() : path;
    }

    private Path resolve(String path) {
        return Path.of(baseDir).resolve(path).normalize();
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
