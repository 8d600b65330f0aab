package org.unlearning.workbench.engine.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep's {@code results.csv}, kept current while the sweep runs: after every row it is
 * rewritten whole (atomically, {@link SweepFiles#writeCsv}) with the rows known so far in task order, so a
 * reader never sees half a line and a sweep that is killed keeps every finished row.
 */
public final class ResultsCsv implements ResultSink {
    /** File name in the sweep folder. */
    public static final String FILE = "results.csv";

    private final Path file;
    private final ResultRow[] rows;

    public ResultsCsv(Path file, int tasks) {
        this.file = file;
        this.rows = new ResultRow[tasks];
    }

    @Override
    public synchronized void accept(int index, SweepTask task, ResultRow row) throws IOException {
        rows[index] = row;
        SweepFiles.writeCsv(file, rows());
    }

    /** The rows received so far, in task order. */
    public synchronized List<ResultRow> rows() {
        List<ResultRow> known = new ArrayList<>();
        for (ResultRow r : rows) {
            if (r != null) {
                known.add(r);
            }
        }
        return known;
    }
}
