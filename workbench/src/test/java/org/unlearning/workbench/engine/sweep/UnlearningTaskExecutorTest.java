package org.unlearning.workbench.engine.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearning.workbench.engine.run.CancelToken;
import org.unlearning.workbench.engine.run.RunDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The adapter's outcomes other than a finished run (those are compared across engines in the
 * spark-runner module): every row has the same columns, a refused or cancelled run says so and
 * leaves no {@code row.json}, relative paths follow the base directory.
 */
class UnlearningTaskExecutorTest {
    private static final String OUTPUT_PERTURBATION = """
            model:
              path: sample-models/mlp-5
            method:
              type: output_perturbation
              epsilon: 1.0
              delta: 1.0e-5
              init_clip: 0.01
            fine_tune:
              epochs: 1
              learning_rate: 0.3
            """;

    @Test
    void refusedAndCancelledRunsGiveRowsWithTheSameColumnsAndNoRowJson(@TempDir Path dir) throws IOException {
        Path ok = dir.resolve("op.yaml");
        Files.writeString(ok, OUTPUT_PERTURBATION);
        Path base = Path.of("").toAbsolutePath();
        SweepTask cancelled = UnlearningTaskExecutor.tasks(ok, List.of(5L), dir.resolve("runs")).get(0);
        // a configuration file with epsilon -1 is refused when read; a task list can still carry one
        String bad = cancelled.config().replace("\"epsilon\" : 1.0", "\"epsilon\" : -1.0");
        assertTrue(bad.contains("-1.0"), bad);
        SweepTask refused = SweepTask.of(bad, dir.resolve("runs/bad").toString(), Map.of());
        UnlearningTaskExecutor executor = new UnlearningTaskExecutor(base);

        CancelToken token = new CancelToken();
        token.cancel();
        ResultRow c = executor.execute(cancelled, token);
        ResultRow r = executor.execute(refused, new CancelToken());

        assertEquals(c.columns(), r.columns());
        assertEquals(ResultRow.CANCELLED, c.get(ResultRow.STATUS));
        assertEquals(5L, c.get("seed"));
        assertEquals("output_perturbation", c.get("method"));
        assertTrue(String.valueOf(c.get("reason")).contains("cancelled"), String.valueOf(c.get("reason")));
        assertFalse(Files.exists(RunDirectory.of(Path.of(cancelled.outputDir())).sweepRow()));
        assertEquals(ResultRow.REFUSED, r.get(ResultRow.STATUS));
        assertNull(r.get("test_accuracy"));
        assertTrue(String.valueOf(r.get("reason")).contains("epsilon"), String.valueOf(r.get("reason")));
        assertFalse(Files.exists(Path.of(refused.outputDir())), "a refused run writes nothing");
    }

    @Test
    void relativeOutputFoldersAreResolvedAgainstTheBaseDirectory(@TempDir Path dir) {
        SweepTask task = SweepTask.of("{\"method\": {\"type\": \"retrain\"}, \"data\": {\"forget_fraction\": 2}}",
                "runs/x", Map.of());
        ResultRow row = new UnlearningTaskExecutor(dir).execute(task, new CancelToken());
        assertEquals(dir.resolve("runs/x").toString(), row.get(ResultRow.RUN_FOLDER));
        assertEquals(ResultRow.REFUSED, row.get(ResultRow.STATUS));
        assertTrue(String.valueOf(row.get("reason")).contains("forget_fraction"), String.valueOf(row.get("reason")));
    }
}
