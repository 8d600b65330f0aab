package org.unlearning.workbench.app.sweep;

import org.unlearning.workbench.app.chart.ChartExporter;
import org.unlearning.workbench.engine.io.AtomicFiles;
import org.unlearning.workbench.engine.sweep.SweepSummary;
import org.unlearning.workbench.engine.sweep.SweepSummary.Point;
import org.unlearning.workbench.engine.sweep.stats.BootstrapInterval;
import org.unlearning.workbench.engine.sweep.stats.MeanInterval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code sweep report DIR}: from a sweep folder's {@code results.csv}, the figures
 * ({@link SweepFigures}: {@code frontier}, {@code savings-vs-…}, {@code mia-gap-vs-…},
 * {@code accuracy-vs-examples}, each as PNG, SVG and PDF) and the summary table per point
 * ({@code summary.csv}, {@code summary.md} with the Pareto sets).
 */
public final class SweepReport {
    private SweepReport() {}

    /** Writes the report into {@code dir}; returns the files written. */
    public static List<Path> write(Path dir) throws IOException {
        SweepSummary s = SweepSummary.read(dir);
        String title = title(dir);
        List<Path> written = new ArrayList<>();
        for (SweepFigures.Figure f : SweepFigures.all(s, title)) {
            for (ChartExporter.Format fmt : ChartExporter.Format.values()) {
                Path p = dir.resolve(f.file() + "." + fmt.extension());
                ChartExporter.write(f.chart(), fmt, ChartExporter.DEFAULT_WIDTH, ChartExporter.DEFAULT_HEIGHT, p);
                written.add(p);
            }
        }
        Path csv = dir.resolve("summary.csv");
        AtomicFiles.write(csv, csv(s));
        written.add(csv);
        Path md = dir.resolve("summary.md");
        AtomicFiles.write(md, markdown(s, title));
        written.add(md);
        return written;
    }

    /** The sweep's name from its sweep.yaml, else the folder's name. */
    static String title(Path dir) {
        try {
            return org.unlearning.workbench.engine.sweep.SweepSpec.load(
                    dir.resolve(org.unlearning.workbench.engine.sweep.SweepFolder.SPEC)).name();
        } catch (IOException | RuntimeException e) {
            return dir.toAbsolutePath().normalize().getFileName().toString();
        }
    }

    static final List<String> COLUMNS = List.of("runs", "completed", "certified", "test_accuracy_mean",
            "test_accuracy_ci_low", "test_accuracy_ci_high", "retain_accuracy_mean", "savings_mean", "savings_ci_low",
            "savings_ci_high", "savings_runs", "mia_gap_mean", "mia_gap_ci_low", "mia_gap_ci_high",
            "achieved_epsilon_mean", "examples_mean", "examples_to_target_mean", "wall_seconds_mean",
            "pareto_accuracy_vs_epsilon", "pareto_accuracy_vs_examples", "ci_clamped");

    /** Range of an accuracy: its printed interval is cut to it. */
    static final double[] ACCURACY_RANGE = {0, 1};
    /** Range of the MIA-AUC gap (a difference of two AUCs in [0, 1]). */
    static final double[] AUC_GAP_RANGE = {-1, 1};
    /** Marks a printed interval cut to its quantity's range (summary.md). */
    static final String CLAMPED_MARK = "†";
    static final String CLAMPED_NOTE = CLAMPED_MARK + " Interval cut to the quantity's range ([0, 100 %] for "
            + "accuracy, [−1, 1] for the MIA-AUC gap): the Student-t interval of so few, so spread seeds reaches "
            + "past it, so it says little more than \"anywhere in the range\". summary.csv holds the cut bounds and "
            + "names the cut quantities in `ci_clamped`.";

    /** One line per point: the axis values, then {@link #COLUMNS}. */
    static String csv(SweepSummary s) {
        Set<Point> frontE = Set.copyOf(s.paretoAccuracyVsEpsilon());
        Set<Point> frontC = Set.copyOf(s.paretoAccuracyVsExamples());
        List<String> header = new ArrayList<>(s.points().isEmpty() ? s.axes() : s.points().get(0).labels().keySet());
        header.addAll(COLUMNS);
        StringBuilder b = new StringBuilder(String.join(",", header)).append('\n');
        for (Point p : s.points()) {
            List<String> cells = new ArrayList<>(p.labels().values());
            cells.addAll(List.of(Integer.toString(p.runs()), Integer.toString(p.completed()),
                    Integer.toString(p.certified())));
            cells.addAll(triple(clamp(p.testAccuracy(), ACCURACY_RANGE)));
            cells.add(mean(p.retainAccuracy()));
            BootstrapInterval sv = p.savings();
            cells.addAll(sv == null ? List.of("", "", "") : p.savingsRuns() == 1 ? List.of(num(sv.estimate()), "", "")
                    : List.of(num(sv.estimate()), num(sv.lower()), num(sv.upper())));
            cells.add(Integer.toString(p.savingsRuns()));
            cells.addAll(triple(clamp(p.miaGap(), AUC_GAP_RANGE)));
            cells.add(mean(p.epsilon()));
            cells.add(mean(p.examples()));
            cells.add(mean(p.examplesToTarget()));
            cells.add(mean(p.wallSeconds()));
            cells.add(Boolean.toString(frontE.contains(p)));
            cells.add(Boolean.toString(frontC.contains(p)));
            List<String> cut = new ArrayList<>();
            if (exceeds(p.testAccuracy(), ACCURACY_RANGE)) {
                cut.add("test_accuracy");
            }
            if (exceeds(p.miaGap(), AUC_GAP_RANGE)) {
                cut.add("mia_gap");
            }
            cells.add(String.join(";", cut));
            b.append(cells.stream().map(SweepReport::csvCell).collect(Collectors.joining(","))).append('\n');
        }
        return b.toString();
    }

    static String markdown(SweepSummary s, String title) {
        StringBuilder b = new StringBuilder("# Sweep ").append(title).append("\n\n");
        int runs = s.points().stream().mapToInt(Point::runs).sum();
        int done = s.points().stream().mapToInt(Point::completed).sum();
        int cert = s.points().stream().mapToInt(Point::certified).sum();
        b.append(String.format(Locale.ROOT, "%d points, %d runs: %d completed, %d certified.%n%n", s.points().size(),
                runs, done, cert));
        b.append("Per point: mean over the completed runs (seeds) and 95 % confidence interval — Student t for "
                + "accuracy and the MIA-AUC gap, seeded percentile bootstrap (10,000 resamples) for compute savings, "
                + "over the runs that reached the target accuracy (n in the last savings column). With 2–3 seeds the "
                + "intervals are wide: read overlaps as \"not distinguishable\".\n\n");
        List<String> head = new ArrayList<>(s.points().isEmpty() ? s.axes() : s.points().get(0).labels().keySet());
        head.addAll(List.of("runs (certified)", "test accuracy", "savings", "n savings", "MIA-AUC gap", "examples"));
        b.append("| ").append(String.join(" | ", head)).append(" |\n");
        b.append("|").append("---|".repeat(head.size())).append('\n');
        for (Point p : s.points()) {
            List<String> cells = new ArrayList<>();
            p.labels().values().forEach(v -> cells.add(v.isEmpty() ? "–" : v));
            cells.add(p.runs() + " (" + p.certified() + ")");
            cells.add(ci(p.testAccuracy(), true, ACCURACY_RANGE));
            BootstrapInterval sv = p.savings();
            // one run reaching the target: its savings, no interval (a bootstrap of one value has zero width)
            cells.add(sv == null ? "–" : p.savingsRuns() == 1
                    ? String.format(Locale.ROOT, "%+.1f %% (n = 1)", 100 * sv.estimate())
                    : String.format(Locale.ROOT, "%+.1f %% [%+.1f, %+.1f]", 100 * sv.estimate(), 100 * sv.lower(),
                    100 * sv.upper()));
            cells.add(Integer.toString(p.savingsRuns()));
            cells.add(ci(p.miaGap(), false, AUC_GAP_RANGE));
            cells.add(p.examples() == null ? "–" : String.format(Locale.ROOT, "%,.0f", p.examples().mean()));
            b.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        boolean anyCut = s.points().stream().anyMatch(p -> exceeds(p.testAccuracy(), ACCURACY_RANGE)
                || exceeds(p.miaGap(), AUC_GAP_RANGE));
        if (anyCut) {
            b.append('\n').append(CLAMPED_NOTE).append('\n');
        }
        b.append("\n## Pareto sets\n\nTest accuracy against ε (retraining counts as ε = 0):\n\n");
        s.paretoAccuracyVsEpsilon().forEach(p -> b.append("- ").append(p.describe()).append(": ")
                .append(ci(p.testAccuracy(), true, ACCURACY_RANGE)).append('\n'));
        b.append("\nTest accuracy against examples processed:\n\n");
        s.paretoAccuracyVsExamples().forEach(p -> b.append("- ").append(p.describe()).append(": ")
                .append(ci(p.testAccuracy(), true, ACCURACY_RANGE)).append(String.format(Locale.ROOT, " with %,.0f examples%n",
                        p.examples().mean())));
        return b.toString();
    }

    /** Mean [lower, upper] with the interval cut to {@code range}, marked {@link #CLAMPED_MARK} when cut. */
    static String ci(MeanInterval raw, boolean percent, double[] range) {
        if (raw == null) {
            return "–";
        }
        MeanInterval m = raw.clampedTo(range[0], range[1]);
        double f = percent ? 100 : 1;
        String fmt = percent ? "%.1f %%" : "%.3f";
        String mean = String.format(Locale.ROOT, fmt, f * m.mean());
        return m.defined() ? mean + String.format(Locale.ROOT, " [" + fmt + ", " + fmt + "]", f * m.lower(),
                f * m.upper()).replace(" %,", ",").replace(" %]", "]") + (m == raw ? "" : " " + CLAMPED_MARK)
                : mean + " (n = 1)";
    }

    private static MeanInterval clamp(MeanInterval m, double[] range) {
        return m == null ? null : m.clampedTo(range[0], range[1]);
    }

    private static boolean exceeds(MeanInterval m, double[] range) {
        return m != null && m.exceeds(range[0], range[1]);
    }

    private static List<String> triple(MeanInterval m) {
        if (m == null) {
            return List.of("", "", "");
        }
        return List.of(num(m.mean()), m.defined() ? num(m.lower()) : "", m.defined() ? num(m.upper()) : "");
    }

    private static String mean(MeanInterval m) {
        return m == null ? "" : num(m.mean());
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    private static String csvCell(String v) {
        return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
