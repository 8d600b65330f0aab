package org.unlearning.workbench.engine.sweep;

/**
 * Where a sweep stands: runs done (finished now or earlier and resumed) out of the total, how many
 * of those were taken from an earlier pass, how many did not complete (refused, failed or
 * cancelled), how many are running, and an estimate of the time left from the pace of the runs
 * finished in this pass (null until one has finished).
 */
public record SweepProgress(int total, int done, int resumed, int failures, int running, double elapsedSeconds,
                            Double etaSeconds) {
    /** Fraction done in [0, 1]. */
    public double fraction() {
        return total == 0 ? 1 : (double) done / total;
    }

    /** One line, e.g. {@code 5/8 runs (2 resumed, 1 not completed), 2 running, ETA 0:42}. */
    public String line() {
        StringBuilder b = new StringBuilder().append(done).append('/').append(total).append(" runs");
        if (resumed > 0 || failures > 0) {
            b.append(" (");
            if (resumed > 0) {
                b.append(resumed).append(" resumed");
            }
            if (failures > 0) {
                b.append(resumed > 0 ? ", " : "").append(failures).append(" not completed");
            }
            b.append(')');
        }
        if (running > 0) {
            b.append(", ").append(running).append(" running");
        }
        if (etaSeconds != null && done < total) {
            b.append(", ETA ").append(clock(etaSeconds));
        }
        return b.toString();
    }

    /** {@code h:mm:ss} or {@code m:ss}. */
    public static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
