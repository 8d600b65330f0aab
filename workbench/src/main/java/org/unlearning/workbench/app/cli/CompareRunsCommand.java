package org.unlearning.workbench.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.unlearning.workbench.engine.io.InputFileException;
import org.unlearning.workbench.engine.io.InputFiles;
import org.unlearning.workbench.engine.io.RunStatus;
import org.unlearning.workbench.engine.run.RunDirectory;
import org.unlearning.workbench.engine.io.StrictMappers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code compare-runs DIR...}: Markdown tables of finished run directories — guarantee, final
 * accuracies, examples processed, examples to reach a target test accuracy and compute savings
 * against the retrain baseline, and test accuracy against examples processed.
 */
@Command(name = "compare-runs", mixinStandardHelpOptions = true,
        description = "Markdown tables comparing run directories written by 'unlearn' (guarantee, accuracy, "
                + "examples processed, compute savings, test accuracy per evaluation point).")
public final class CompareRunsCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DIR", description = "run directories")
    List<Path> runs;

    @Option(names = "--target", description = "target test accuracy A in (0, 1] for 'examples to reach A' "
            + "(default: the first retrain baseline's final accuracy minus one point)")
    Double target;

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    record Point(long examples, double testAccuracy) {}

    /** One run folder as read: its certificate, summary and curve (missing ones for an unfinished run), and its status line. */
    record Run(Path dir, JsonNode certificate, JsonNode summary, List<Point> curve, String status) {}

    @Override
    public Integer call() throws IOException {
        List<Run> read = new ArrayList<>();
        List<Point> retrain = null;
        for (Path dir : runs) {
            Run r = readRun(dir);
            read.add(r);
            RunDirectory rd = RunDirectory.of(dir);
            if (retrain == null && Files.exists(rd.retrainMetricsCsv()) && r.summary() != null) {
                if (!r.summary().path("retrain").isObject()) {
                    throw new IllegalArgumentException(rd.retrainMetricsCsv() + " is there but "
                            + rd.summaryJson() + " has no retrain section (a file left from another run?)");
                }
                retrain = points(rd.retrainMetricsCsv());
                if (target == null && r.summary().path("retrain").has("test_accuracy")) {
                    target = r.summary().path("retrain").get("test_accuracy").asDouble() - 0.01;
                }
            }
        }
        if (target != null && !(target > 0 && target <= 1)) {
            throw new IllegalArgumentException("--target must be in (0, 1], got " + target);
        }
        StringBuilder out = new StringBuilder();
        Long retrainNeed = retrain == null || target == null ? null : reach(retrain, target);
        out.append(String.format(Locale.ROOT, "| run | status | ε | δ | T | σ | test | retain | forget | examples | "
                + "wall s | examples to %s | savings |%n", target == null ? "A" : pct(target)));
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        JsonNode none = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        JsonNode retrainSummary = null;
        for (Run run : read) {
            JsonNode c = run.certificate() == null ? none : run.certificate();
            JsonNode s = run.summary() == null ? none : run.summary();
            if (retrainSummary == null && s.path("retrain").isObject()) {
                retrainSummary = s.get("retrain");
            }
            Long need = target == null ? null : reach(run.curve(), target);
            String savings = need == null || retrainNeed == null ? "not reached"
                    : String.format(Locale.ROOT, "%.1f%%", 100 * (1 - (double) need / retrainNeed));
            out.append(String.format(Locale.ROOT, "| %s (%s) | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    run.dir().getFileName(), c.path("method").asText("-"), run.status(),
                    num(c.get("epsilon")), num(c.get("delta")), c.has("noisy_steps") ? c.path("noisy_steps").asText() : "-",
                    num(c.get("sigma_first")),
                    pctNode(s.get("test_accuracy")), pctNode(s.get("retain_accuracy")), pctNode(s.get("forget_accuracy")),
                    s.has("examples_processed") ? s.path("examples_processed").asText() : "-",
                    s.has("wall_seconds") ? String.format(Locale.ROOT, "%.1f", s.path("wall_seconds").asDouble()) : "-",
                    need == null ? "not reached" : Long.toString(need), savings));
        }
        if (retrain != null && retrainSummary != null) {
            JsonNode r = retrainSummary;
            out.append(String.format(Locale.ROOT, "| retrain baseline | exact (ε = δ = 0) | 0 | 0 | 0 | - | %s | %s | %s | %d | %.1f | %s | 0%% (reference) |%n",
                    pctNode(r.get("test_accuracy")), pctNode(r.get("retain_accuracy")), pctNode(r.get("forget_accuracy")),
                    r.path("examples_processed").asLong(), r.path("wall_seconds").asDouble(),
                    retrainNeed == null ? "not reached" : Long.toString(retrainNeed)));
        }
        out.append("\nTest accuracy against examples processed (releasable evaluation points, i.e. after the "
                + "noisy phase):\n\n");
        List<String> names = new ArrayList<>();
        List<List<Point>> all = new ArrayList<>();
        for (Run r : read) {
            names.add(r.dir().getFileName().toString());
            all.add(r.curve());
        }
        if (retrain != null) {
            names.add("retrain baseline");
            all.add(retrain);
        }
        for (int i = 0; i < names.size(); i++) {
            out.append("- ").append(names.get(i)).append(": ");
            List<String> cells = new ArrayList<>();
            for (Point p : all.get(i)) {
                cells.add(String.format(Locale.ROOT, "%d→%.1f", p.examples(), 100 * p.testAccuracy()));
            }
            out.append(String.join(", ", cells)).append('\n');
        }
        System.out.print(out);
        return CliSupport.EXIT_OK;
    }

    /**
     * Reads a run folder. Its {@code status.json}, when there, decides the status column: only a
     * certified status with a certified certificate is "certified"; an in-progress status whose
     * writer is gone reads "interrupted, not certified" (and the folder's other files may be
     * missing or belong to another run, so they are not required).
     */
    private static Run readRun(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir + " (not a run directory written by 'unlearn')");
        }
        Optional<RunStatus.Reading> status = RunStatus.read(dir);
        boolean finished = status.isEmpty() || !(status.get().interrupted() || status.get().running());
        RunDirectory rd = RunDirectory.of(dir); // every file name of a run folder is decided there
        Path certFile = rd.certificateFile();
        Path sumFile = rd.summaryJson();    // the owner's full summary (private diagnostics included)
        Path metrics = rd.metricsCsv();
        JsonNode cert = finished || Files.exists(certFile) ? read(certFile) : null;
        JsonNode sum = finished || Files.exists(sumFile) ? read(sumFile) : null;
        List<Point> curve = finished || Files.exists(metrics) ? points(metrics) : List.of();
        String certStatus = cert == null ? "-" : cert.path("status").asText("-");
        String shown;
        if (status.isEmpty()) {
            shown = cert == null ? "-" : cert.path("status_line").asText(certStatus).replace('|', '/');
        } else if (status.get().certified()) {
            shown = "certified".equals(certStatus) ? certStatus
                    : "not certified (status.json says certified, certificate.json says " + certStatus + ")";
        } else {
            shown = status.get().describe().replace('|', '/');
        }
        return new Run(dir, cert, sum, curve, shown);
    }

    private static Long reach(List<Point> points, double target) {
        for (Point p : points) {
            if (p.testAccuracy() >= target) {
                return p.examples();
            }
        }
        return null;
    }

    /** The releasable evaluation points of a metrics file; a bad cell names the file, line and column. */
    private static List<Point> points(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new NoSuchFileException(csv + " (not a run directory written by 'unlearn')");
        }
        InputFiles.requireFile(csv);
        InputFiles.requireMemory(Math.multiplyExact(Files.size(csv), 4L), csv.toString());
        List<Point> pts = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(csv);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
            List<String> header = p.getHeaderNames();
            for (String col : List.of("kind", "examples_processed", "test_accuracy")) {
                if (!header.contains(col)) {
                    throw new InputFileException(csv + ":1: no column '" + col + "' (columns: " + String.join(", ", header) + ")");
                }
            }
            for (CSVRecord r : p) {
                if (!r.isConsistent()) {
                    throw new InputFileException(csv + ":" + (r.getRecordNumber() + 1) + ": " + r.size()
                            + " cells where the header has " + header.size());
                }
                if (r.get("kind").equals("eval") && (!r.isMapped("releasable") || r.get("releasable").equals("true"))) {
                    long examples = cell(csv, r, header, "examples_processed", Long::parseLong, "a whole number");
                    double acc = cell(csv, r, header, "test_accuracy", Double::parseDouble, "a number");
                    pts.add(new Point(examples, acc));
                }
            }
        } catch (java.io.UncheckedIOException e) {
            throw new InputFileException(csv + ": " + e.getCause().getMessage(), e);
        }
        return pts;
    }

    private static <T> T cell(Path csv, CSVRecord r, List<String> header, String col,
                              java.util.function.Function<String, T> parse, String expected) throws InputFileException {
        String v = r.get(col);
        try {
            return parse.apply(v);
        } catch (NumberFormatException e) {
            throw new InputFileException(csv + ":" + (r.getRecordNumber() + 1) + ":" + (header.indexOf(col) + 1) + ": "
                    + col + ": \"" + v + "\" is not " + expected);
        }
    }

    private static JsonNode read(Path f) throws IOException {
        if (!Files.isRegularFile(f)) {
            throw new NoSuchFileException(f + " (not a run directory written by 'unlearn')");
        }
        return StrictMappers.readTree(f);
    }

    private static String num(JsonNode n) {
        return n == null || n.isNull() ? "-" : String.format(Locale.ROOT, "%.4g", n.asDouble());
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }

    private static String pctNode(JsonNode n) {
        return n == null || n.isNull() ? "-" : pct(n.asDouble());
    }
}
