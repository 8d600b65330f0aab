package org.unlearning.workbench.engine.sweep;

import java.util.List;
import java.util.Map;

/**
 * What a sweep will run, known before anything runs: the tasks (one per feasible point and seed,
 * distinct configurations only), the points refused with the reason of each, notes (e.g. an axis
 * a method does not take), and a rough cost estimate.
 *
 * @param name                 the sweep's name
 * @param axes                 the axis keys, in grid order
 * @param points               grid points (before refusals and merging)
 * @param tasks                runs, in grid order then seed order
 * @param rejected             points that will not run, with the reason
 * @param notes                what the planner merged or ignored
 * @param estimatedRunSeconds  rough single-worker seconds per task (same order as tasks)
 */
public record SweepPlan(String name, List<String> axes, int points, List<SweepTask> tasks, List<Rejected> rejected,
                        List<String> notes, List<Double> estimatedRunSeconds) {
    /** A point that does not run. */
    public record Rejected(Map<String, String> labels, String reason) {
        public String line() {
            return SweepPlan.describe(labels) + ": " + reason;
        }
    }

    public SweepPlan {
        axes = List.copyOf(axes);
        tasks = List.copyOf(tasks);
        rejected = List.copyOf(rejected);
        notes = List.copyOf(notes);
        estimatedRunSeconds = List.copyOf(estimatedRunSeconds);
    }

    /** Estimated wall time on {@code workers} workers (seconds): the tasks' sum over the workers. */
    public double estimatedSeconds(int workers) {
        double sum = estimatedRunSeconds.stream().mapToDouble(Double::doubleValue).sum();
        return sum / Math.max(1, Math.min(workers, Math.max(1, tasks.size())));
    }

    /** {@code epsilon=0.3, method=retrain}. */
    public static String describe(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "the base run";
        }
        StringBuilder b = new StringBuilder();
        labels.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append('=')
                .append(v.isEmpty() ? "–" : v));
        return b.toString();
    }
}
