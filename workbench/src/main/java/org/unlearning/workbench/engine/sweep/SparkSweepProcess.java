package org.unlearning.workbench.engine.sweep;

import org.unlearning.workbench.engine.run.CancelToken;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Spark engine of {@code sweep --engine spark}: the sweep's {@code tasks.json} handed to the
 * spark-runner module's driver ({@code org.unlearning.workbench.spark.SparkSweepMain}) in a child
 * JVM, so that Spark never joins the desktop application's class path. The child runs with the
 * runner's jar and a Spark home's {@code jars/} ({@code spark-runner/target}, built by
 * {@code mvn package}; docs/spark.md), skips runs already finished, and writes {@code results.csv}
 * when the job ends. Cancel stops the child (finished runs keep their {@code row.json}).
 */
public final class SparkSweepProcess {
    /** System property / environment variable naming the spark-runner build folder. */
    public static final String RUNNER_PROPERTY = "uw.spark.runner";
    public static final String RUNNER_ENV = "UW_SPARK_RUNNER";
    static final String MAIN = "org.unlearning.workbench.spark.SparkSweepMain";
    static final String JAR = "unlearning-spark-runner.jar";

    private SparkSweepProcess() {}

    /**
     * The spark-runner build folder ({@code …/spark-runner/target}): the property, the environment
     * variable, else {@code spark-runner/target} under the working directory or beside the
     * workbench's own build folder.
     */
    public static Path runnerDir() {
        List<Path> candidates = new ArrayList<>();
        String given = System.getProperty(RUNNER_PROPERTY, System.getenv(RUNNER_ENV));
        if (given != null && !given.isBlank()) {
            candidates.add(Path.of(given));
        } else {
            candidates.add(Path.of("spark-runner", "target"));
            try {
                Path self = Path.of(SparkSweepProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                // workbench/target/classes or workbench/target/unlearning-workbench.jar → repo/spark-runner/target
                for (Path p = self.getParent(); p != null; p = p.getParent()) {
                    candidates.add(p.resolve("spark-runner").resolve("target"));
                }
            } catch (java.net.URISyntaxException | RuntimeException ignored) {
                // no code source: the working directory only
            }
        }
        for (Path c : candidates) {
            if (Files.isRegularFile(c.resolve(JAR)) && Files.isDirectory(c.resolve("spark-home").resolve("jars"))) {
                return c.toAbsolutePath().normalize();
            }
        }
        throw new IllegalArgumentException("the Spark engine needs the spark-runner build (" + JAR + " and spark-home/jars"
                + " in spark-runner/target): run 'mvn -B package -DskipTests' in the repository, or name the folder "
                + "with -D" + RUNNER_PROPERTY + "=DIR");
    }

    /** The child's command line. */
    public static List<String> command(Path runner, String master, Path sweepDir, Path baseDir, String heap) {
        Path options = runner.getParent().resolve("spark-java.options");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Files.isRegularFile(options)) {
            cmd.add("@" + options);
        }
        cmd.add("-Xmx" + heap);
        cmd.add("-cp");
        cmd.add(runner.resolve(JAR) + java.io.File.pathSeparator + runner.resolve("spark-home").resolve("jars") + "/*");
        cmd.add(MAIN);
        cmd.addAll(List.of("--master", master, "--tasks", sweepDir.resolve(SweepFolder.TASKS).toString(),
                "--out", sweepDir.toString(), "--base-dir", baseDir.toString()));
        return cmd;
    }

    /**
     * Runs the child and relays its output lines; returns its exit status (0: every run completed,
     * 1: some did not, 2: bad input), or -1 when cancelled.
     */
    public static int run(List<String> command, Consumer<String> lines, CancelToken cancel)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putIfAbsent("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        Thread relay = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    lines.accept(l);
                }
            } catch (IOException ignored) {
                // the child ended
            }
        }, "spark-sweep-output");
        relay.setDaemon(true);
        relay.start();
        try {
            while (!p.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (cancel.isCancelled()) {
                    p.destroy(); // SIGTERM: Spark's shutdown hook stops the job; finished runs keep row.json
                    if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                    relay.join(2000);
                    return -1;
                }
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            throw e;
        }
        relay.join(2000);
        return p.exitValue();
    }
}
