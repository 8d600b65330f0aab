package org.unlearning.workbench.engine.sweep;

import org.unlearning.workbench.engine.sweep.stats.BootstrapInterval;
import org.unlearning.workbench.engine.sweep.stats.MeanInterval;
import org.unlearning.workbench.engine.sweep.stats.ParetoFront;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep's results per point: the rows of a {@code results.csv} grouped by their axis values
 * (the labels of the tasks in {@code tasks.json}), with per point the mean and 95 % t-interval over
 * seeds of test and retain accuracy, the MIA-AUC gap to retraining, the achieved ε and the
 * examples to the target, and a seeded percentile bootstrap for compute savings
 * ({@link MeanInterval}, {@link BootstrapInterval}); and the Pareto sets of test accuracy against
 * ε and against examples processed ({@link ParetoFront}). Only runs that completed enter the
 * statistics; each point says how many runs it has, completed and certified.
 *
 * @param axes   the axis columns, in grid order
 * @param points the points in first-seen (task) order
 * @param rows   how many rows the file held
 */
public record SweepSummary(List<String> axes, List<Point> points, int rows) {
    /** Seed of the bootstrap (the same intervals on every machine). */
    public static final long BOOTSTRAP_SEED = 13;
    public static final double CONFIDENCE = 0.95;

    /**
     * One sweep point.
     *
     * @param labels          axis column → value ("" when the axis does not apply to the point's method)
     * @param method          the method
     * @param runs            rows of the point
     * @param completed       of those, runs that completed
     * @param certified       of those, runs certified
     * @param testAccuracy    over completed runs, or null
     * @param retainAccuracy  over completed runs, or null
     * @param savings         bootstrap interval of compute savings over runs that reached the target, or null
     * @param savingsRuns     runs with a savings figure (the baseline reached the target and the run did)
     * @param miaGap          MIA-AUC gap to retraining, or null
     * @param epsilon         achieved ε, or null (retraining: none)
     * @param examples        examples processed, or null
     * @param examplesToTarget examples until the target accuracy, or null
     * @param wallSeconds     wall time of a run, or null
     * @param runFolders      the completed runs' folders (seed order)
     */
    public record Point(Map<String, String> labels, String method, int runs, int completed, int certified,
                        MeanInterval testAccuracy, MeanInterval retainAccuracy, BootstrapInterval savings,
                        int savingsRuns, MeanInterval miaGap, MeanInterval epsilon, MeanInterval examples,
                        MeanInterval examplesToTarget, MeanInterval wallSeconds, List<String> runFolders) {
        /** The value of axis {@code key} as a number, or NaN (empty, "auto", a word). */
        public double number(String key) {
            try {
                String v = labels.get(key);
                return v == null || v.isEmpty() ? Double.NaN : Double.parseDouble(v);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }

        public String describe() {
            return SweepPlan.describe(labels);
        }

        static double mean(MeanInterval m) {
            return m == null ? Double.NaN : m.mean();
        }
    }

    /** Reads {@code dir/results.csv} grouped by the labels of {@code dir/tasks.json}. */
    public static SweepSummary read(Path dir) throws IOException {
        Path csv = dir.resolve(ResultsCsv.FILE);
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException(dir + " holds no " + ResultsCsv.FILE + ": not a sweep folder, or no run "
                    + "has finished yet");
        }
        List<String> axes = new ArrayList<>();
        Path tasks = dir.resolve(SweepFolder.TASKS);
        if (Files.isRegularFile(tasks)) {
            Set<String> keys = new LinkedHashSet<>();
            SweepFiles.readTasks(tasks).forEach(t -> keys.addAll(t.labels().keySet()));
            axes.addAll(keys);
        }
        return of(axes, SweepFiles.readCsv(csv));
    }

    /** Groups {@code rows} (column → cell, as read from results.csv) by the values of {@code axes}. */
    public static SweepSummary of(List<String> axes, List<Map<String, String>> rows) {
        Map<Map<String, String>, List<Map<String, String>>> groups = new LinkedHashMap<>();
        for (Map<String, String> r : rows) {
            Map<String, String> key = new LinkedHashMap<>();
            for (String a : axes) {
                key.put(a, r.getOrDefault(a, ""));
            }
            if (!axes.contains("method")) {
                key.put("method", r.getOrDefault("method", ""));
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        List<Point> points = new ArrayList<>();
        groups.forEach((labels, rs) -> points.add(point(labels, rs)));
        return new SweepSummary(List.copyOf(axes), List.copyOf(points), rows.size());
    }

    private static Point point(Map<String, String> labels, List<Map<String, String>> rs) {
        List<Map<String, String>> done = new ArrayList<>();
        int certified = 0;
        for (Map<String, String> r : rs) {
            String s = r.getOrDefault(ResultRow.STATUS, "");
            if (!s.isEmpty() && !List.of(ResultRow.REFUSED, ResultRow.FAILED, ResultRow.CANCELLED).contains(s)) {
                done.add(r);
            }
            if (s.equals("certified")) {
                certified++;
            }
        }
        double[] savings = values(done, "compute_savings");
        List<String> folders = done.stream().map(r -> r.getOrDefault(ResultRow.RUN_FOLDER, "")).toList();
        return new Point(Map.copyOf(labels).isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(labels)), rs.get(0).getOrDefault("method", ""), rs.size(), done.size(), certified,
                mean(done, "test_accuracy"), mean(done, "retain_accuracy"),
                savings.length == 0 ? null : BootstrapInterval.ofMean(savings, CONFIDENCE, BOOTSTRAP_SEED),
                savings.length, mean(done, "mia_auc_gap_to_retrain"), mean(done, "achieved_epsilon"),
                mean(done, "examples_processed"), mean(done, "examples_to_target"), mean(done, ResultRow.WALL_SECONDS),
                folders);
    }

    private static MeanInterval mean(List<Map<String, String>> rows, String column) {
        double[] v = values(rows, column);
        return v.length == 0 ? null : MeanInterval.of(v, CONFIDENCE);
    }

    /** The finite numbers of a column (empty cells and non-numbers left out). */
    static double[] values(List<Map<String, String>> rows, String column) {
        List<Double> out = new ArrayList<>();
        for (Map<String, String> r : rows) {
            String c = r.get(column);
            if (c != null && !c.isEmpty()) {
                try {
                    double d = Double.parseDouble(c);
                    if (Double.isFinite(d)) {
                        out.add(d);
                    }
                } catch (NumberFormatException ignored) {
                    // a word: not a figure
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The ε of a point for the frontier: the ε axis value when there is one, else the mean achieved
     * ε; retraining (exact unlearning, nothing to hide) counts as ε = 0.
     */
    public static double epsilonOf(Point p) {
        if (p.method().equals("retrain")) {
            return 0;
        }
        double e = p.number("epsilon");
        return Double.isNaN(e) ? Point.mean(p.epsilon()) : e;
    }

    /** Points no other point beats in test accuracy without a larger ε. */
    public List<Point> paretoAccuracyVsEpsilon() {
        return ParetoFront.of(points, p -> Point.mean(p.testAccuracy()), SweepSummary::epsilonOf);
    }

    /** Points no other point beats in test accuracy without processing more examples. */
    public List<Point> paretoAccuracyVsExamples() {
        return ParetoFront.of(points, p -> Point.mean(p.testAccuracy()), p -> Point.mean(p.examples()));
    }
}
