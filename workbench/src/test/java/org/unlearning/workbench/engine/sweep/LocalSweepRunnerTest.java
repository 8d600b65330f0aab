package org.unlearning.workbench.engine.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearning.workbench.engine.run.CancelToken;
import org.unlearning.workbench.engine.run.RunDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local pool: rows streamed to results.csv as runs finish, progress per run, resume that
 * recomputes nothing finished and reruns an interrupted run, cancel before anything starts.
 * Four tiny real runs (output perturbation, sample mlp-5, 1 fine-tune epoch, seeds 0–3).
 */
class LocalSweepRunnerTest {
    private static final String CONFIG = """
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
            noise: demonstration   # reproducible, so that a rerun gives the same row (never certified)
            """;

    /** Counts the runs it really executes. */
    private static final class Counting implements SweepExecutor {
        final UnlearningTaskExecutor inner = new UnlearningTaskExecutor(Path.of(""));
        final AtomicInteger runs = new AtomicInteger();

        @Override
        public ResultRow execute(SweepTask task, CancelToken cancel) {
            runs.incrementAndGet();
            return inner.execute(task, cancel);
        }

        @Override
        public Path folder(SweepTask task) {
            return inner.folder(task);
        }
    }

    @Test
    void streamsRowsResumesWithoutRecomputingAndRerunsInterruptedRuns(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("op.yaml");
        Files.writeString(config, CONFIG);
        List<SweepTask> tasks = UnlearningTaskExecutor.tasks(config, List.of(0L, 1L, 2L, 3L), dir.resolve("runs"));
        Path csv = dir.resolve(ResultsCsv.FILE);
        List<SweepProgress> progress = new CopyOnWriteArrayList<>();
        List<Integer> csvLinesSeen = new CopyOnWriteArrayList<>();
        SweepListener listener = new SweepListener() {
            @Override
            public void finished(SweepTask task, ResultRow row, boolean resumed, SweepProgress p) {
                progress.add(p);
                try {
                    csvLinesSeen.add(SweepFiles.readCsv(csv).size()); // written before the listener hears of it
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };

        Counting first = new Counting();
        LocalSweepRunner.Outcome o = new LocalSweepRunner(2, 1).run(tasks, first,
                new ResultsCsv(csv, tasks.size()), listener, new CancelToken());
        assertEquals(4, first.runs.get());
        assertFalse(o.cancelled());
        assertEquals(4, o.finishedRows().size());
        o.rows().forEach(r -> assertEquals("demonstration", r.get(ResultRow.STATUS), String.valueOf(r.get("reason"))));
        for (SweepTask t : tasks) { // each run folder records its state like unlearn's (verify reads it)
            var status = org.unlearning.workbench.engine.io.RunStatus.read(Path.of(t.outputDir())).orElseThrow().status();
            assertEquals(org.unlearning.workbench.engine.io.RunStatus.State.NOT_CERTIFIED, status.state());
            assertTrue(status.detail().startsWith("reproducible demonstration"), status.detail());
        }
        assertEquals(List.of(1, 2, 3, 4), csvLinesSeen, "results.csv grows by one row per finished run");
        assertEquals(4, progress.get(3).done());
        assertEquals(0, progress.get(3).failures());
        assertTrue(progress.get(0).etaSeconds() != null);
        List<java.util.Map<String, String>> written = SweepFiles.readCsv(csv);
        for (int i = 0; i < 4; i++) {
            assertEquals(tasks.get(i).id(), written.get(i).get("task_id"), "task order");
        }

        Counting again = new Counting();
        LocalSweepRunner.Outcome resumed = new LocalSweepRunner(2, 1).run(tasks, again,
                new ResultsCsv(csv, tasks.size()), SweepListener.NONE, new CancelToken());
        assertEquals(0, again.runs.get(), "nothing recomputed");
        assertEquals(o.rows(), resumed.rows());
        assertEquals(4, resumed.progress().resumed());
        assertEquals(written, SweepFiles.readCsv(csv));

        // a folder of a sweep before row.json moved into private/: its row is still read there
        RunDirectory old = RunDirectory.of(Path.of(tasks.get(0).outputDir()));
        Files.move(old.sweepRow(), old.root().resolve(RunDirectory.SWEEP_ROW));
        Counting fromOld = new Counting();
        LocalSweepRunner.Outcome oldResumed = new LocalSweepRunner(2, 1).run(tasks, fromOld,
                new ResultsCsv(csv, tasks.size()), SweepListener.NONE, new CancelToken());
        assertEquals(0, fromOld.runs.get(), "the old folder's row is read at the top");
        assertEquals(o.rows(), oldResumed.rows());

        // an interrupted run: its folder without row.json (a stale file shows the folder is cleared)
        Path folder = Path.of(tasks.get(2).outputDir());
        Files.delete(RunDirectory.of(folder).sweepRow());
        Files.writeString(folder.resolve("stale.txt"), "left by an interrupted run");
        Counting third = new Counting();
        LocalSweepRunner.Outcome rerun = new LocalSweepRunner(2, 1).run(tasks, third,
                new ResultsCsv(csv, tasks.size()), SweepListener.NONE, new CancelToken());
        assertEquals(1, third.runs.get());
        assertEquals(o.rows().get(2).stable(), rerun.rows().get(2).stable());
        assertFalse(Files.exists(folder.resolve("stale.txt")));
    }

    @Test
    void aCancelledSweepStartsNoRun(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("op.yaml");
        Files.writeString(config, CONFIG);
        List<SweepTask> tasks = UnlearningTaskExecutor.tasks(config, List.of(0L, 1L), dir.resolve("runs"));
        CancelToken cancel = new CancelToken();
        cancel.cancel();
        Counting executor = new Counting();
        LocalSweepRunner.Outcome o = LocalSweepRunner.forCores(1).run(tasks, executor,
                new ResultsCsv(dir.resolve(ResultsCsv.FILE), 2), null, cancel);
        assertTrue(o.cancelled());
        assertEquals(0, executor.runs.get());
        assertNull(o.rows().get(0));
        assertFalse(Files.exists(dir.resolve(ResultsCsv.FILE)));
    }
}
