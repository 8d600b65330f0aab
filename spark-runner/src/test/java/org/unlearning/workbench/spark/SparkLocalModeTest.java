package org.unlearning.workbench.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearning.workbench.engine.sweep.ResultRow;
import org.unlearning.workbench.engine.sweep.SweepFiles;
import org.unlearning.workbench.engine.sweep.SweepTask;
import org.unlearning.workbench.engine.sweep.UnlearningTaskExecutor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("local-mode-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            rows = SparkSweep.run(sc, spark, new UnlearningTaskExecutor(Path.of("")), progress::add);
        }

        TinySweep.assertSameRows(spark, expected, rows);
        assertEquals(spark.size(), progress.size(), "one progress call per finished task: " + progress);
        SweepFiles.writeCsv(dir.resolve("direct.csv"), expected);
        SweepFiles.writeCsv(dir.resolve("spark.csv"), rows);
        assertEquals(TinySweep.stableCsv(dir.resolve("direct.csv")), TinySweep.stableCsv(dir.resolve("spark.csv")));
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
