package org.unlearning.workbench.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.unlearning.workbench.engine.sweep.LocalSweepRunner;
import org.unlearning.workbench.engine.sweep.ResultRow;
import org.unlearning.workbench.engine.sweep.SweepFiles;
import org.unlearning.workbench.engine.sweep.SweepTask;
import org.unlearning.workbench.engine.sweep.UnlearningTaskExecutor;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * The Spark driver: {@code spark-sweep (--tasks FILE | --config FILE [--seeds LIST]) --out DIR
 * [--master URL]}. Runs the tasks as one Spark job ({@link SparkSweep}) and writes
 * {@code DIR/results.csv} (one row per task, in task order) and {@code DIR/tasks.json}. Run it
 * with {@code spark-submit --class} (the master then comes from spark-submit) or with plain
 * {@code java} and {@code --master local[N]} / {@code spark://host:7077} (docs/spark.md).
 * Runs whose folder already holds their {@code row.json} (an earlier pass, local or Spark) are not run
 * again: their rows are reused (resume).
 * Exit 0 when every run completed (certified or not), 1 when some run was refused or failed,
 * 2 on bad input.
 */
@Command(name = "spark-sweep", mixinStandardHelpOptions = true,
        description = "Run unlearning runs as one Apache Spark job and gather their rows into DIR/results.csv.")
public final class SparkSweepMain implements Callable<Integer> {
    static final class Source {
        @Option(names = "--tasks", paramLabel = "FILE", description = "task list (JSON array of tasks, tasks.json)")
        Path tasks;

        @Option(names = "--config", paramLabel = "FILE", description = "one run configuration (YAML or JSON), "
                + "run once per --seeds value")
        Path config;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--seeds", split = ",", paramLabel = "LIST",
            description = "with --config: the seeds to run, e.g. 0,1,2 (default: the config's seed)")
    List<Long> seeds;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "writes results.csv and tasks.json here; --config runs go to DIR/runs/<task id>")
    Path out;

    @Option(names = "--master", paramLabel = "URL",
            description = "local[N], local[*] or spark://host:7077 (default: the one spark-submit sets)")
    String master;

    @Option(names = "--base-dir", paramLabel = "DIR",
            description = "relative paths in configurations and tasks are resolved against DIR on every executor "
                    + "(default: the working directory)")
    Path baseDir;

    @Option(names = "--verbose", description = "Spark's INFO log and stack traces on errors")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new SparkSweepMain())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    boolean bad = e instanceof IllegalArgumentException || e instanceof IOException;
                    cmd.getErr().println("spark-sweep: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                    if (((SparkSweepMain) cmd.getCommand()).verbose) {
                        e.printStackTrace(cmd.getErr());
                    }
                    return bad ? 2 : 1;
                });
    }

    @Override
    public Integer call() throws IOException {
        if (seeds != null && source.config == null) {
            throw new IllegalArgumentException("--seeds goes with --config (a task list fixes its own seeds)");
        }
        Path base = (baseDir != null ? baseDir : Path.of("")).toAbsolutePath().normalize();
        Path outDir = base.resolve(out);
        List<SweepTask> tasks = SweepTask.requireDistinctIds(source.tasks != null
                ? SweepFiles.readTasks(base.resolve(source.tasks))
                : UnlearningTaskExecutor.tasks(base.resolve(source.config), seeds, outDir.resolve("runs")));
        SparkConf conf = SparkJobConf.of(master);
        Files.createDirectories(outDir);
        SweepFiles.writeTasks(outDir.resolve("tasks.json"), tasks);

        UnlearningTaskExecutor executor = new UnlearningTaskExecutor(base);
        // resume: runs whose folder holds their row.json (a finished earlier pass) are not run again
        ResultRow[] rows = new ResultRow[tasks.size()];
        List<SweepTask> toRun = new ArrayList<>();
        List<Integer> toRunIndex = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            rows[i] = LocalSweepRunner.finishedRow(executor, tasks.get(i));
            if (rows[i] == null) {
                toRun.add(tasks.get(i));
                toRunIndex.add(i);
            }
        }
        if (toRun.size() < tasks.size()) {
            System.out.printf("%d of %d runs finished in an earlier pass: not run again%n", tasks.size() - toRun.size(),
                    tasks.size());
        }
        if (!toRun.isEmpty()) {
            try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                if (!verbose) {
                    sc.setLogLevel("WARN");
                }
                System.out.printf("%d runs on %s (base directory %s)%n", toRun.size(), sc.master(), base);
                List<ResultRow> ran = SparkSweep.run(sc, toRun, executor,
                        n -> System.out.printf("finished %d/%d%n", n, toRun.size()));
                for (int k = 0; k < ran.size(); k++) {
                    rows[toRunIndex.get(k)] = ran.get(k);
                }
            }
        }
        Path csv = outDir.resolve("results.csv");
        SweepFiles.writeCsv(csv, List.of(rows));
        Map<String, Integer> byStatus = new TreeMap<>();
        for (ResultRow r : rows) {
            byStatus.merge(String.valueOf(r.get(ResultRow.STATUS)), 1, Integer::sum);
        }
        System.out.println("results: " + csv + " " + byStatus);
        boolean allCompleted = java.util.Arrays.stream(rows).allMatch(ResultRow::completed);
        return allCompleted ? 0 : 1;
    }
}
