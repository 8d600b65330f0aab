package org.unlearning.workbench.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.unlearning.workbench.engine.run.CancelToken;
import org.unlearning.workbench.engine.sweep.ResultRow;
import org.unlearning.workbench.engine.sweep.SweepFiles;
import org.unlearning.workbench.engine.sweep.SweepTask;
import org.unlearning.workbench.engine.sweep.UnlearningTaskExecutor;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

/**
 * Spark's overhead per run (not a test; scripts/bench-spark.sh runs it). Arguments:
 * {@code CONFIG RUNS ROUNDS [cluster]}.
 * <ul>
 *   <li>Each round, back to back in this JVM: the RUNS tasks (seeds 0..RUNS−1 of CONFIG) on a pool
 *       of 2 threads ("direct") and in embedded Spark {@code local[2]} (context start, job, stop
 *       timed apart), in alternating order. Prints runs/minute both ways, the difference per run,
 *       the JVM's CPU time per run (which a busy machine does not distort as much as wall time)
 *       and whether the rows agree.</li>
 *   <li>{@code cluster}: starts a standalone master and worker (timed), then runs the same tasks
 *       through {@code SparkSubmit} in a new driver JVM, once on the cluster and once with
 *       {@code local[2]} (whole driver process timed).</li>
 * </ul>
 * Last, the CPU an idle {@code local[2]} context uses per second. Output folders go under {@code spark-runner/target/bench}. Run from the repository root.
 */
public final class SparkOverheadBenchmark {
    private static final int WORKERS = 2;
    private static final Path TARGET = Path.of("spark-runner/target");

    private SparkOverheadBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        boolean cluster = args.length > 3 && args[3].equals("cluster");
        Path work = TARGET.resolve("bench").toAbsolutePath();
        List<Long> seeds = LongStream.range(0, runs).boxed().toList();
        UnlearningTaskExecutor executor = new UnlearningTaskExecutor(Path.of(""));

        // warm-up: ND4J start and the first run's class loading are paid once per JVM
        executor.execute(UnlearningTaskExecutor.tasks(config, List.of(99L), work.resolve("warmup")).get(0),
                new CancelToken());
        System.out.printf(Locale.ROOT, "%s: %d runs per round, %d workers, load %s%n", config, runs, WORKERS, load());
        for (int round = 1; round <= rounds; round++) {
            List<SweepTask> direct = UnlearningTaskExecutor.tasks(config, seeds, work.resolve("direct-" + round));
            List<SweepTask> viaSpark = UnlearningTaskExecutor.tasks(config, seeds, work.resolve("spark-" + round));
            boolean directFirst = round % 2 == 1; // alternate the order: neither side always runs warmer
            Timed d = directFirst ? direct(executor, direct) : null;
            Timed s = spark(executor, viaSpark);
            if (!directFirst) {
                d = direct(executor, direct);
            }
            boolean same = d.rows.stream().map(ResultRow::stable).toList()
                    .equals(s.rows.stream().map(ResultRow::stable).toList());
            System.out.printf(Locale.ROOT, "round %d (%s first): direct %.2f s (%.1f runs/min) | local[2] job %.2f s "
                            + "(%.1f runs/min), context start %.2f s, stop %.2f s (%.1f runs/min with both) | "
                            + "difference per run %+.3f s | CPU per run: direct %.3f s, local[2] %.3f s | "
                            + "rows equal: %s | load %s%n",
                    round, directFirst ? "direct" : "Spark", d.seconds, perMinute(runs, d.seconds), s.seconds,
                    perMinute(runs, s.seconds), s.start, s.stop, perMinute(runs, s.seconds + s.start + s.stop),
                    (s.seconds - d.seconds) / runs, d.cpuSeconds / runs, s.cpuSeconds / runs, same, load());
        }
        idleContext();
        if (cluster) {
            cluster(config, seeds, work);
        }
    }

    /** CPU a local[2] context spends doing nothing (heartbeats, event loops, listeners) for 20 s. */
    private static void idleContext() throws InterruptedException {
        try (JavaSparkContext sc = context()) {
            long c0 = cpuNanos();
            Thread.sleep(20_000);
            System.out.printf(Locale.ROOT, "idle local[2] context: %.1f ms CPU per second%n",
                    (cpuNanos() - c0) / 1e6 / 20);
        }
    }

    private static JavaSparkContext context() {
        return new JavaSparkContext(new SparkConf().setMaster("local[" + WORKERS + "]")
                .setAppName("bench").set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1"));
    }

    private static void cluster(Path config, List<Long> seeds, Path work) throws Exception {
        Path tasksFile = work.resolve("cluster-tasks.json");
        Files.createDirectories(work);
        Path logs = work.resolve("cluster-logs");
        try (StandaloneCluster cluster = new StandaloneCluster(TARGET.resolve("spark-home"), logs,
                List.of("@" + Path.of("spark-runner/spark-java.options").toAbsolutePath()))) {
            long t0 = System.nanoTime();
            cluster.start(WORKERS, "1536m");
            double tCluster = seconds(t0);
            for (String master : List.of(cluster.masterUrl(), "local[" + WORKERS + "]")) {
                String name = master.startsWith("local") ? "local" : "cluster";
                SweepFiles.writeTasks(tasksFile, UnlearningTaskExecutor.tasks(config, seeds, work.resolve("driver-" + name)));
                List<String> cmd = cluster.submitCommand(TARGET, master, WORKERS,
                        "--tasks", tasksFile.toString(), "--out", work.resolve("driver-" + name).toString());
                t0 = System.nanoTime();
                Process p = cluster.spawn(cmd, logs.resolve("driver-" + name + ".log"));
                if (!p.waitFor(30, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("driver did not finish");
                }
                double t = seconds(t0);
                System.out.printf(Locale.ROOT, "driver process, %s: %.2f s for %d runs (%.1f runs/min), exit %d, load %s%n",
                        name, t, seeds.size(), perMinute(seeds.size(), t), p.exitValue(), load());
            }
            System.out.printf(Locale.ROOT, "standalone cluster start (master elected + worker registered): %.2f s%n", tCluster);
            t0 = System.nanoTime();
            cluster.close();
            System.out.printf(Locale.ROOT, "standalone cluster stop: %.2f s%n", seconds(t0));
        }
    }

    /** Rows and wall times of one engine's pass (start/stop: Spark context only). */
    private record Timed(List<ResultRow> rows, double seconds, double cpuSeconds, double start, double stop) {}

    private static Timed direct(UnlearningTaskExecutor executor, List<SweepTask> tasks) throws Exception {
        long t0 = System.nanoTime();
        long c0 = cpuNanos();
        List<ResultRow> rows = pool(executor, tasks);
        return new Timed(rows, seconds(t0), (cpuNanos() - c0) / 1e9, 0, 0);
    }

    private static Timed spark(UnlearningTaskExecutor executor, List<SweepTask> tasks) {
        long t0 = System.nanoTime();
        JavaSparkContext sc = context();
        double start = seconds(t0);
        t0 = System.nanoTime();
        long c0 = cpuNanos();
        List<ResultRow> rows = SparkSweep.run(sc, tasks, executor, null);
        double job = seconds(t0);
        double cpu = (cpuNanos() - c0) / 1e9;
        t0 = System.nanoTime();
        sc.close();
        return new Timed(rows, job, cpu, start, seconds(t0));
    }

    private static List<ResultRow> pool(UnlearningTaskExecutor executor, List<SweepTask> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<ResultRow>> futures = new ArrayList<>();
            for (SweepTask t : tasks) {
                futures.add(pool.submit(() -> executor.execute(t, new CancelToken())));
            }
            List<ResultRow> rows = new ArrayList<>();
            for (Future<ResultRow> f : futures) {
                rows.add(f.get());
            }
            return rows;
        } finally {
            pool.shutdown();
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double perMinute(int runs, double seconds) {
        return 60.0 * runs / seconds;
    }

    /** CPU time of this JVM, every thread (Spark's own included). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }
}
