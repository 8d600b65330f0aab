package org.unlearning.workbench.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearning.workbench.engine.sweep.LocalSweepRunner;
import org.unlearning.workbench.engine.sweep.ResultRow;
import org.unlearning.workbench.engine.sweep.ResultsCsv;
import org.unlearning.workbench.engine.sweep.SweepPlanner;
import org.unlearning.workbench.engine.sweep.SweepSpec;
import org.unlearning.workbench.engine.sweep.SweepFiles;
import org.unlearning.workbench.engine.sweep.SweepTask;
import org.unlearning.workbench.engine.sweep.UnlearningTaskExecutor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Embedded Spark ({@code local[2]}: two task threads in this JVM) runs a sweep like the in-process loop. */
class SparkLocalModeTest {
    @Test
    void localModeGivesTheRowsOfTheSameRunsInProcess(@TempDir Path dir) throws IOException {
        List<SweepTask> direct = TinySweep.tasks(dir.resolve("direct"));
        List<SweepTask> spark = TinySweep.tasks(dir.resolve("spark"));
        List<ResultRow> expected = TinySweep.inProcess(direct);

        List<Integer> progress = new CopyOnWriteArrayList<>();
        List<ResultRow> rows;
        try (JavaSparkContext sc = new JavaSparkContext(conf("local[2]"))) {
            rows = SparkSweep.run(sc, spark, new UnlearningTaskExecutor(Path.of("")), progress::add);
        }

        TinySweep.assertSameRows(spark, expected, rows);
        assertEquals(spark.size(), progress.size(), "one progress call per finished task: " + progress);
        SweepFiles.writeCsv(dir.resolve("direct.csv"), expected);
        SweepFiles.writeCsv(dir.resolve("spark.csv"), rows);
        assertEquals(TinySweep.stableCsv(dir.resolve("direct.csv")), TinySweep.stableCsv(dir.resolve("spark.csv")));
    }

    /**
     * A planned sweep (the planner's tasks: 2 methods × seeds 0 and 1) gives the same rows on the
     * local worker pool (2 workers, streaming results.csv) as in {@code local[2]}.
     */
    @Test
    void aPlannedSweepGivesTheSameRowsOnTheLocalPoolAndInLocalMode(@TempDir Path dir) throws IOException {
        SweepSpec spec = SweepSpec.parse("""
                base:
                  preset: mnist-gradclip
                  set: {fine_tune.epochs: 1, retrain_baseline: false, evaluations_per_epoch: 1, noise: demonstration}
                axes:
                  epsilon: [0.3]
                  method: [gradient_clipping, output_perturbation]
                seeds: [0, 1]
                """, "tiny sweep");
        Path base = Path.of("").toAbsolutePath();
        List<SweepTask> local = SweepPlanner.plan(spec, dir, dir.resolve("local"), base).tasks();
        List<SweepTask> spark = SweepPlanner.plan(spec, dir, dir.resolve("spark"), base).tasks();
        assertEquals(4, local.size());
        UnlearningTaskExecutor executor = new UnlearningTaskExecutor(base);
        LocalSweepRunner.Outcome pool = new LocalSweepRunner(2, 1).run(local, executor,
                new ResultsCsv(dir.resolve("local.csv"), local.size()), null, null);
        List<ResultRow> rows;
        try (JavaSparkContext sc = new JavaSparkContext(conf("local[2]"))) {
            rows = SparkSweep.run(sc, spark, executor, null);
        }
        for (int i = 0; i < local.size(); i++) {
            assertEquals("demonstration", rows.get(i).get(ResultRow.STATUS), String.valueOf(rows.get(i).get("reason")));
            assertEquals(pool.rows().get(i).stable(), rows.get(i).stable(), "row " + i);
        }
        SweepFiles.writeCsv(dir.resolve("spark.csv"), rows);
        assertEquals(TinySweep.stableCsv(dir.resolve("local.csv")), TinySweep.stableCsv(dir.resolve("spark.csv")));
    }

    /**
     * Cancelling the job group stops a running run at its next step: its folder then holds a
     * not-certified certificate that says so, long before the run would have finished, and no row.json.
     */
    @Test
    void cancellingTheJobStopsTheRunningRun(@TempDir Path dir) throws Exception {
        SweepTask task = UnlearningTaskExecutor.tasks(TinySweep.CONFIGS.resolve("bench-gradclip-30s.yaml"), null,
                dir.resolve("runs")).get(0);
        Path folder = Path.of(task.outputDir());
        try (JavaSparkContext sc = new JavaSparkContext(conf("local[1]"))) {
            ExecutorService driver = Executors.newSingleThreadExecutor();
            Future<List<ResultRow>> job = driver.submit(
                    () -> SparkSweep.run(sc, List.of(task), new UnlearningTaskExecutor(Path.of("")), null));
            awaitFile(org.unlearning.workbench.engine.run.RunDirectory.of(folder).configJson()); // the run has started its steps
            long t0 = System.nanoTime();
            sc.cancelJobGroup(SparkSweep.JOB_GROUP);
            ExecutionException e = assertThrows(ExecutionException.class, job::get);
            assertTrue(e.getCause() instanceof SparkException, e.toString());
            driver.shutdown();
            JsonNode certificate = awaitJson(org.unlearning.workbench.engine.run.RunDirectory.of(folder).certificateFile());
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals("not_certified", certificate.get("status").asText(), certificate.toString());
            assertTrue(certificate.get("reason").asText().startsWith("cancelled at step"), certificate.toString());
            assertTrue(seconds < 20, "the run took " + seconds + " s to stop");
            assertFalse(Files.exists(org.unlearning.workbench.engine.run.RunDirectory.of(folder).sweepRow()));
        }
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!Files.exists(file)) {
            assertTrue(System.nanoTime() < deadline, "no " + file);
            Thread.sleep(50);
        }
    }

    /** The file's JSON once it is completely written (the run writes it while we look). */
    private static JsonNode awaitJson(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            try {
                JsonNode node = new ObjectMapper().readTree(Files.readString(file));
                if (node != null && node.has("status")) {
                    return node;
                }
            } catch (IOException notYet) {
                // missing or half-written
            }
            assertTrue(System.nanoTime() < deadline, "no complete " + file);
            Thread.sleep(50);
        }
    }

    private static SparkConf conf(String master) {
        return new SparkConf().setMaster(master).setAppName("local-mode-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
    }

    @Test
    void theDriverRefusesBadInputWithExitCode2(@TempDir Path dir) {
        assertEquals(2, run("--tasks", dir.resolve("missing.json").toString(), "--out", dir.toString(),
                "--master", "local[1]"));
        assertEquals(2, run("--config", "spark-runner/src/test/resources/sweeps/tiny-gradclip.yaml",
                "--out", dir.toString()), "no master");
        assertEquals(2, run("--tasks", "x.json", "--seeds", "1", "--out", dir.toString(), "--master", "local[1]"));
        assertEquals(2, run("--config", "spark-runner/src/test/resources/sweeps/tiny-gradclip.yaml", "--seeds", "1,1",
                "--out", dir.toString(), "--master", "local[1]"), "the same run twice");
    }

    private static int run(String... args) {
        return SparkSweepMain.commandLine().execute(args);
    }

    /** Ids are hashes of the configuration: equal configurations (any formatting), equal ids. */
    @Test
    void taskIdsFollowTheConfiguration(@TempDir Path dir) throws IOException {
        List<SweepTask> a = TinySweep.tasks(dir.resolve("a"));
        List<SweepTask> b = TinySweep.tasks(dir.resolve("b"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).id(), b.get(i).id());
            ids.add(a.get(i).id());
        }
        assertEquals(ids.size(), ids.stream().distinct().count(), "distinct configurations, distinct ids: " + ids);
        assertTrue(ids.stream().allMatch(id -> id.matches("[0-9a-f]{16}")), ids.toString());
    }
}
