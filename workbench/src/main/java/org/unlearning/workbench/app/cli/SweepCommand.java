package org.unlearning.workbench.app.cli;

import org.unlearning.workbench.app.sweep.SweepReport;
import org.unlearning.workbench.engine.run.CancelToken;
import org.unlearning.workbench.engine.sweep.LocalSweepRunner;
import org.unlearning.workbench.engine.sweep.ResultRow;
import org.unlearning.workbench.engine.sweep.SparkSweepProcess;
import org.unlearning.workbench.engine.sweep.SweepFolder;
import org.unlearning.workbench.engine.sweep.SweepListener;
import org.unlearning.workbench.engine.sweep.SweepPlan;
import org.unlearning.workbench.engine.sweep.SweepPlanner;
import org.unlearning.workbench.engine.sweep.SweepProgress;
import org.unlearning.workbench.engine.sweep.SweepSpec;
import org.unlearning.workbench.engine.sweep.SweepTask;
import org.unlearning.workbench.engine.sweep.UnlearningTaskExecutor;
import org.unlearning.workbench.engine.model.ComputeThreads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code sweep (--preset NAME | --spec FILE) --out DIR [--engine local|spark] [--master URL]
 * [--workers N] [--dry-run]}: plans a sweep (points refused with reasons before anything runs),
 * runs or resumes it, streams {@code results.csv} and writes the report (figures, summary).
 * Subcommands {@code report DIR} and {@code list}. Exit 0 when every run completed, 1 when some
 * run was refused at run time or failed, 2 on bad input, 130/143 when interrupted (finished runs
 * kept: run the same command again to resume).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run many unlearning runs — a grid over ε, C0, T, λ, the method… × seeds — and summarise the "
                + "privacy–utility frontier with confidence intervals (docs/sweeps.md).",
                "Rerunning into the same --out resumes: finished runs are not recomputed."},
        subcommands = {SweepCommand.Report.class, SweepCommand.ListSweeps.class})
public final class SweepCommand implements Callable<Integer> {
    @Option(names = "--preset", paramLabel = "NAME", description = "a shipped sweep (see 'sweep list')")
    String preset;

    @Option(names = "--spec", paramLabel = "FILE", description = "a sweep specification (YAML; docs/sweeps.md)")
    Path spec;

    @Option(names = "--out", paramLabel = "DIR", description = "the sweep folder (results.csv, runs/, figures)")
    Path out;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "local",
            description = "local (a worker pool in this process, default) or spark (a Spark job in a child JVM)")
    String engine;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[2]",
            description = "with --engine spark: local[N], local[*] or spark://host:7077 (default ${DEFAULT-VALUE})")
    String master;

    @Option(names = "--workers", paramLabel = "N",
            description = "runs at once with --engine local (default: one per core; each run then gets cores/N threads)")
    Integer workers;

    @Option(names = "--dry-run", description = "print the plan (runs, refused points, estimated time) and stop")
    boolean dryRun;

    @Option(names = "--no-report", description = "do not write the figures and summary at the end")
    boolean noReport;

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if ((preset == null) == (spec == null)) {
            throw new IllegalArgumentException("give --preset NAME or --spec FILE (see 'sweep list')");
        }
        String engineName = engine.toLowerCase(Locale.ROOT);
        if (!engineName.equals("local") && !engineName.equals("spark")) {
            throw new IllegalArgumentException("--engine must be local or spark, got '" + engine + "'");
        }
        if (workers != null && workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
        }
        if (workers != null && engineName.equals("spark")) {
            throw new IllegalArgumentException("--workers is for --engine local; Spark takes its parallelism from --master");
        }
        if (out == null && !dryRun) {
            throw new IllegalArgumentException("--out DIR is missing: the folder of the sweep's results");
        }
        String text = preset != null ? SweepSpec.presetText(preset) : Files.readString(spec);
        SweepSpec s = preset != null ? SweepSpec.preset(preset) : SweepSpec.load(spec);
        Path base = Path.of("").toAbsolutePath();
        Path outDir = out == null ? base.resolve("sweep-dry-run") : base.resolve(out).normalize();
        Path specDir = spec == null ? base : base.resolve(spec).toAbsolutePath().getParent();
        ComputeThreads.configureDefault(1);
        SweepPlan plan = SweepPlanner.plan(s, specDir, SweepFolder.runsDir(outDir), base);
        LocalSweepRunner runner = LocalSweepRunner.forCores(workers);
        System.out.print(SweepFolder.planText(plan));
        System.out.printf(Locale.ROOT, "estimated time: about %s on %d worker%s (rough; the live ETA follows)%n",
                SweepProgress.clock(plan.estimatedSeconds(runner.workers())), runner.workers(),
                runner.workers() == 1 ? "" : "s");
        if (dryRun) {
            return CliSupport.EXIT_OK;
        }
        if (plan.tasks().isEmpty()) {
            throw new IllegalArgumentException("every point of the sweep was refused: nothing to run");
        }
        CancelToken cancel = new CancelToken();
        List<ResultRow> rows;
        boolean cancelled;
        try (SweepFolder folder = SweepFolder.open(outDir, text, plan);
             CancelOnSignal signals = CancelOnSignal.install(cancel::cancel, CancelOnSignal.DEFAULT_GRACE, System.err)) {
            if (engineName.equals("local")) {
                System.out.printf("local engine: %d worker%s × %d thread%s per run; results stream to %s%n",
                        runner.workers(), runner.workers() == 1 ? "" : "s", runner.threadsPerRun(),
                        runner.threadsPerRun() == 1 ? "" : "s", folder.resultsCsv());
                LocalSweepRunner.Outcome o = folder.runLocal(plan.tasks(), runner, new UnlearningTaskExecutor(base),
                        printer(), cancel);
                rows = o.finishedRows();
                cancelled = o.cancelled();
            } else {
                Path runnerDir = SparkSweepProcess.runnerDir();
                System.out.println("Spark engine (" + master + ") in a child JVM from " + runnerDir);
                int code = SparkSweepProcess.run(SparkSweepProcess.command(runnerDir, master, outDir, base, "3g"),
                        line -> System.out.println("  spark: " + line), cancel);
                cancelled = code == -1;
                if (code == 2) {
                    throw new IllegalStateException("the Spark driver refused the sweep (exit 2; see its output above)");
                }
                rows = Files.exists(folder.resultsCsv()) ? readRows(plan.tasks(), new UnlearningTaskExecutor(base)) : List.of();
            }
            signals.finished();
            if (cancelled) {
                System.out.println("cancelled: " + rows.size() + " of " + plan.tasks().size()
                        + " runs kept; run the same command again to resume");
                return signals.signalled() ? signals.exitCode() : CliSupport.EXIT_CHECK_FAILED;
            }
        }
        Map<String, Integer> byStatus = new TreeMap<>();
        rows.forEach(r -> byStatus.merge(String.valueOf(r.get(ResultRow.STATUS)), 1, Integer::sum));
        System.out.println("results: " + outDir.resolve("results.csv") + " " + byStatus);
        if (!noReport) {
            for (Path p : SweepReport.write(outDir)) {
                System.out.println("wrote " + p);
            }
        }
        return rows.stream().allMatch(ResultRow::completed) ? CliSupport.EXIT_OK : CliSupport.EXIT_CHECK_FAILED;
    }

    /** The rows the runs' folders hold (the Spark driver wrote them there), in task order. */
    private static List<ResultRow> readRows(List<SweepTask> tasks, UnlearningTaskExecutor executor) {
        return tasks.stream().map(t -> LocalSweepRunner.finishedRow(executor, t)).filter(r -> r != null).toList();
    }

    private static SweepListener printer() {
        return new SweepListener() {
            @Override
            public void finished(SweepTask task, ResultRow row, boolean resumed, SweepProgress p) {
                System.out.printf(Locale.ROOT, "%s %s %s%s — %s%n", resumed ? "resumed" : "finished", task.id(),
                        SweepPlan.describe(task.labels()), row.get("seed") == null ? "" : ", seed=" + row.get("seed"),
                        row.get(ResultRow.STATUS) + " · " + p.line());
            }
        };
    }

    /** {@code sweep report DIR}. */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Write a sweep folder's figures (frontier.png/.svg/.pdf and the others) and summary.md/.csv "
                    + "from its results.csv: per point the mean and 95 %% t-interval over seeds (bootstrap for "
                    + "savings) and the Pareto sets.")
    static final class Report implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "a sweep folder (holds results.csv)")
        Path dir;

        @Option(names = "--verbose", description = "print stack traces on errors")
        boolean verbose;

        @Override
        public Integer call() throws IOException {
            for (Path p : SweepReport.write(dir)) {
                System.out.println("wrote " + p);
            }
            return CliSupport.EXIT_OK;
        }
    }

    /** {@code sweep list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the shipped sweeps.")
    static final class ListSweeps implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            for (String name : SweepSpec.presets()) {
                System.out.printf("%-26s %s%n", name, SweepSpec.presetSummary(name));
            }
            return CliSupport.EXIT_OK;
        }
    }
}
