package org.unlearning.workbench.spark;

import org.unlearning.workbench.engine.run.CancelToken;
import org.unlearning.workbench.engine.sweep.ResultRow;
import org.unlearning.workbench.engine.sweep.SweepExecutor;
import org.unlearning.workbench.engine.sweep.SweepFiles;
import org.unlearning.workbench.engine.sweep.SweepTask;
import org.unlearning.workbench.engine.sweep.UnlearningTaskExecutor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sweep of the Spark tests: two tiny real runs (gradient clipping, output perturbation; bundled
 * MNIST, sample mlp-5, 1 fine-tune epoch, seeded noise) × seeds 0 and 1, and one infeasible point
 * that is refused. Paths are relative to the repository root (the tests' working directory).
 */
final class TinySweep {
    static final Path CONFIGS = Path.of("spark-runner/src/test/resources/sweeps");
    static final int RUNS = 4;

    private TinySweep() {}

    /** The 5 tasks, their folders under {@code runsDir}. */
    static List<SweepTask> tasks(Path runsDir) throws IOException {
        List<SweepTask> tasks = new ArrayList<>();
        tasks.addAll(UnlearningTaskExecutor.tasks(CONFIGS.resolve("tiny-gradclip.yaml"), List.of(0L, 1L), runsDir));
        tasks.addAll(UnlearningTaskExecutor.tasks(CONFIGS.resolve("tiny-output-perturbation.yaml"), List.of(0L, 1L),
                runsDir));
        tasks.addAll(UnlearningTaskExecutor.tasks(CONFIGS.resolve("infeasible-gradclip.yaml"), null, runsDir));
        return tasks;
    }

    /** The same tasks run one after the other in this JVM. */
    static List<ResultRow> inProcess(List<SweepTask> tasks) {
        SweepExecutor executor = new UnlearningTaskExecutor(Path.of(""));
        return tasks.stream().map(t -> executor.execute(t, new CancelToken())).toList();
    }

    /**
     * Checks rows of an engine against the in-process rows of the same tasks: task order, the same
     * columns in the same order, equal values apart from wall times and folders, every real run a
     * demonstration (seeded noise, so that engines agree; never certified) with its folder written,
     * the infeasible point refused with its reason.
     */
    static void assertSameRows(List<SweepTask> tasks, List<ResultRow> expected, List<ResultRow> actual)
            throws IOException {
        assertEquals(tasks.size(), actual.size());
        for (int i = 0; i < tasks.size(); i++) {
            ResultRow row = actual.get(i);
            assertEquals(tasks.get(i).id(), row.get("task_id"), "row " + i + " is not its task's");
            assertEquals(expected.get(i).columns(), row.columns());
            assertEquals(expected.get(i).stable(), row.stable(), "row " + i + " differs from the in-process run");
            assertEquals(Path.of(tasks.get(i).outputDir()).toAbsolutePath().normalize().toString(),
                    row.get(ResultRow.RUN_FOLDER));
        }
        for (int i = 0; i < RUNS; i++) {
            ResultRow row = actual.get(i);
            assertEquals("demonstration", row.get(ResultRow.STATUS), String.valueOf(row.get("reason")));
            Path folder = Path.of((String) row.get(ResultRow.RUN_FOLDER));
            assertTrue(Files.isRegularFile(org.unlearning.workbench.engine.run.RunDirectory.of(folder).certificateFile()),
                    folder + " has no certificate");
            assertEquals(row, SweepFiles.readRow(org.unlearning.workbench.engine.run.RunDirectory.of(folder).sweepRow()));
        }
        ResultRow refused = actual.get(RUNS);
        assertEquals(ResultRow.REFUSED, refused.get(ResultRow.STATUS));
        assertTrue(String.valueOf(refused.get("reason")).contains("ηλ < 1"), String.valueOf(refused.get("reason")));
    }

    /** The rows of a {@code results.csv} without the columns that differ between engines. */
    static List<Map<String, String>> stableCsv(Path csv) throws IOException {
        List<Map<String, String>> rows = SweepFiles.readCsv(csv);
        for (Map<String, String> r : rows) {
            r.keySet().removeAll(ResultRow.VOLATILE_COLUMNS);
        }
        return rows;
    }
}
