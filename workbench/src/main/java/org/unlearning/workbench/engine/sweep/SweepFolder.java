package org.unlearning.workbench.engine.sweep;

import org.unlearning.workbench.engine.io.AtomicFiles;
import org.unlearning.workbench.engine.io.FolderLock;
import org.unlearning.workbench.engine.io.InputFileException;
import org.unlearning.workbench.engine.run.CancelToken;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A sweep's folder, locked while a pass runs ({@link FolderLock}):
 * <pre>
 * sweep.yaml      the specification as given
 * tasks.json      the planned runs (SweepFiles)
 * plan.txt        the points refused before running, with their reasons, and the planner's notes
 * results.csv     one row per run, rewritten as each run finishes (ResultsCsv)
 * runs/&lt;task id&gt;/ each run's folder (private/row.json once it completed)
 * </pre>
 * Running into the same folder again resumes: finished runs are not recomputed
 * ({@link LocalSweepRunner}).
 */
public final class SweepFolder implements AutoCloseable {
    public static final String SPEC = "sweep.yaml";
    public static final String TASKS = "tasks.json";
    public static final String PLAN = "plan.txt";
    public static final String RUNS = "runs";

    private final Path dir;
    private final FolderLock lock;

    private SweepFolder(Path dir, FolderLock lock) {
        this.dir = dir;
        this.lock = lock;
    }

    /** Where a sweep in {@code dir} puts its runs. */
    public static Path runsDir(Path dir) {
        return dir.resolve(RUNS);
    }

    /** Creates or reopens {@code dir}, locks it and writes the spec, the task list and the plan. */
    public static SweepFolder open(Path dir, String specText, SweepPlan plan) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InputFileException("--out " + dir + " exists and is not a folder");
        }
        Files.createDirectories(dir);
        FolderLock lock = FolderLock.acquire(dir, "sweep " + plan.name());
        try {
            AtomicFiles.write(dir.resolve(SPEC), specText);
            SweepFiles.writeTasks(dir.resolve(TASKS), plan.tasks());
            AtomicFiles.write(dir.resolve(PLAN), planText(plan));
            return new SweepFolder(dir, lock);
        } catch (IOException | RuntimeException e) {
            try {
                lock.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The plan in words: counts, refused points with reasons, notes. */
    public static String planText(SweepPlan plan) {
        StringBuilder b = new StringBuilder();
        b.append("sweep ").append(plan.name()).append(": ").append(plan.points()).append(" point")
                .append(plan.points() == 1 ? "" : "s").append(" (axes: ")
                .append(plan.axes().isEmpty() ? "none" : String.join(", ", plan.axes())).append("), ")
                .append(plan.tasks().size()).append(" run").append(plan.tasks().size() == 1 ? "" : "s")
                .append(", ").append(plan.rejected().size()).append(" point")
                .append(plan.rejected().size() == 1 ? "" : "s").append(" refused\n");
        for (SweepPlan.Rejected r : plan.rejected()) {
            b.append("refused: ").append(r.line()).append('\n');
        }
        for (String n : plan.notes()) {
            b.append("note: ").append(n).append('\n');
        }
        return b.toString();
    }

    public Path dir() {
        return dir;
    }

    public Path resultsCsv() {
        return dir.resolve(ResultsCsv.FILE);
    }

    /** Runs (or resumes) the plan's tasks on the local pool, streaming rows to results.csv. */
    public LocalSweepRunner.Outcome runLocal(List<SweepTask> tasks, LocalSweepRunner runner, SweepExecutor executor,
                                             SweepListener listener, CancelToken cancel) {
        return runner.run(tasks, executor, new ResultsCsv(resultsCsv(), tasks.size()), listener, cancel);
    }

    @Override
    public void close() throws IOException {
        lock.close();
    }
}
