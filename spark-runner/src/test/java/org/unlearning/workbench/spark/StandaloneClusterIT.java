package org.unlearning.workbench.spark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearning.workbench.engine.sweep.ResultRow;
import org.unlearning.workbench.engine.sweep.SweepFiles;
import org.unlearning.workbench.engine.sweep.SweepTask;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sweep submitted to a real standalone cluster on 127.0.0.1: master and worker in their own JVMs
 * from the Spark jars Maven assembled in {@code target/spark-home}, the driver started like
 * {@code spark-submit} does ({@code org.apache.spark.deploy.SparkSubmit} with the packaged jar and
 * {@code --jars} from {@code target/spark-jars.txt}), executors started by the worker. The rows in
 * the driver's {@code results.csv} equal those of the same tasks run in this JVM.
 */
class StandaloneClusterIT {
    private static final Path TARGET = Path.of(System.getProperty("uw.spark.target", "spark-runner/target"));

    @Test
    void aSweepSubmittedToAStandaloneClusterGivesTheRowsOfTheSameRunsInProcess(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path out = dir.resolve("sweep");
        List<SweepTask> tasks = TinySweep.tasks(out.resolve("runs"));
        Path tasksFile = dir.resolve("tasks.json");
        SweepFiles.writeTasks(tasksFile, tasks);
        Path logs = TARGET.resolve("standalone-cluster");
        deleteRecursively(logs);
        List<String> javaOptions = Arrays.asList(System.getProperty("uw.spark.java.options", "").trim().split("\\s+"));

        List<ProcessHandle> started;
        try (StandaloneCluster cluster = new StandaloneCluster(TARGET.resolve("spark-home"), logs, javaOptions)) {
            cluster.start(2, "1536m");
            List<String> submit = cluster.submitCommand(TARGET, cluster.masterUrl(), 2,
                    "--tasks", tasksFile.toString(), "--out", out.toString());
            Path driverLog = logs.resolve("driver.log");
            Process driver = cluster.spawn(submit, driverLog);
            assertTrue(driver.waitFor(5, TimeUnit.MINUTES), "driver still running:\n" + StandaloneCluster.tail(driverLog));
            String driverOutput = Files.readString(driverLog);
            assertEquals(1, driver.exitValue(), "exit 1: one point is refused\n" + driverOutput);
            assertTrue(driverOutput.contains("results: " + out.resolve("results.csv") + " {demonstration=4, refused=1}"),
                    driverOutput);
            assertTrue(executorLogs(logs.resolve("work")).contains("Running task"),
                    "the runs ran in executors the worker started");
            started = cluster.alive();
        }
        for (ProcessHandle h : started) {
            assertFalse(h.isAlive(), "process " + h.pid() + " outlived the cluster");
        }
        deleteJars(logs.resolve("work")); // the executor's copies of lib/ (~150 MB); its logs stay

        List<ResultRow> expected = TinySweep.inProcess(TinySweep.tasks(dir.resolve("direct")));
        SweepFiles.writeCsv(dir.resolve("direct.csv"), expected);
        assertEquals(TinySweep.stableCsv(dir.resolve("direct.csv")), TinySweep.stableCsv(out.resolve("results.csv")));
        for (int i = 0; i < TinySweep.RUNS; i++) {
            Path folder = Path.of(tasks.get(i).outputDir());
            assertEquals(expected.get(i).stable(), SweepFiles.readRow(org.unlearning.workbench.engine.run.RunDirectory.of(folder).sweepRow()).stable());
        }
    }

    /**
     * No class is both in Spark's jars and in ours (so none is loaded from a version we did not
     * test), apart from two known leftovers of ND4J's shaded jars: the JSR-305 annotations in
     * org.nd4j:guava and Guava's public-suffix tables in org.nd4j:protobuf.
     */
    @Test
    void theApplicationJarsAndSparksJarsShareNoClass() throws IOException {
        Set<String> spark = classes(TARGET.resolve("spark-home/jars"));
        Set<String> ours = classes(TARGET.resolve("lib"));
        assertTrue(spark.contains("org/apache/spark/SparkContext.class"), "Spark home has Spark");
        assertTrue(ours.contains("org/unlearning/workbench/engine/sweep/SweepTask.class"), "lib has the workbench");
        Set<String> both = spark.stream().filter(ours::contains)
                .filter(c -> !c.startsWith("javax/annotation/") && !c.startsWith("com/google/thirdparty/publicsuffix/"))
                .collect(Collectors.toSet());
        assertEquals(Set.of(), both);
    }

    private static Set<String> classes(Path dir) throws IOException {
        Set<String> classes = new HashSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    zip.stream().map(ZipEntry::getName)
                            .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class"))
                            .forEach(classes::add);
                }
            }
        }
        return classes;
    }

    private static String executorLogs(Path work) throws IOException {
        if (!Files.isDirectory(work)) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.walk(work)) {
            for (Path p : files.filter(f -> f.getFileName().toString().equals("stderr")).toList()) {
                sb.append(Files.readString(p));
            }
        }
        return sb.toString();
    }

    private static void deleteJars(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(files.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                Files.delete(p);
            }
        }
    }
}
