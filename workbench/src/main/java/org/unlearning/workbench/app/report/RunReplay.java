package org.unlearning.workbench.app.report;

import org.unlearning.workbench.app.chart.RunSeries;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Replay of a finished run from its folder: frame k shows the chart data of the first k recorded
 * rows of metrics.csv (each noisy or fine-tuning step, each evaluation, in the order they were
 * written), or of the first k deletion requests for a run without steps. The last frame is the
 * whole run, as the report draws it.
 */
public final class RunReplay {
    private final RunFolder run;

    private RunReplay(RunFolder run) {
        this.run = run;
    }

    /** Reads a finished run folder (errors as {@link RunFolder#read}). */
    public static RunReplay of(Path runDir) throws IOException {
        return new RunReplay(RunFolder.read(runDir));
    }

    /** Number of frames: recorded rows, or deletion requests for a run without steps. */
    public int frames() {
        return frames(run);
    }

    static int frames(RunFolder run) {
        return run.perRequest() ? run.privateSummary().path("requests").size() : run.metrics().size();
    }

    /** The chart data after {@code frame} frames (0 = nothing yet, {@link #frames()} = the whole run). */
    public RunSeries at(int frame) {
        RunSeries s = run.perRequest() ? RunSeries.perRequest(run.method())
                : new RunSeries(RunSeries.privacyLabel(run.method()));
        ReportCharts.fill(run, s, false, Math.max(0, Math.min(frame, frames())));
        return s;
    }

    /** What frame {@code frame} (1-based: the last row shown) is, e.g. "step 12 · noisy phase". */
    public String describe(int frame) {
        if (frame <= 0) {
            return "start";
        }
        if (run.perRequest()) {
            return "deletion request " + frame + " of " + frames();
        }
        Map<String, String> row = run.metrics().get(Math.min(frame, frames()) - 1);
        String phase = row.getOrDefault("phase", "");
        phase = phase.isEmpty() ? "" : " · " + phase.replace('_', ' ') + " phase";
        if ("step".equals(row.get("kind"))) {
            return "step " + row.getOrDefault("step", "?") + phase;
        }
        String ex = row.getOrDefault("examples_processed", "");
        String acc = row.getOrDefault("test_accuracy", "");
        String accText = "";
        try {
            accText = acc.isEmpty() ? "" : String.format(Locale.ROOT, ", test %.1f %%", 100 * Double.parseDouble(acc));
        } catch (NumberFormatException e) {
            accText = "";
        }
        return "evaluation after " + ex + " examples" + phase + accText;
    }
}
