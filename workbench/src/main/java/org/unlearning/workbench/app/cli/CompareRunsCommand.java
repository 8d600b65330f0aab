package org.unlearning.workbench.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
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

    private static final ObjectMapper JSON = new ObjectMapper();

    record Point(long examples, double testAccuracy) {}

    @Override
    public Integer call() throws IOException {
        List<JsonNode> certs = new ArrayList<>();
        List<JsonNode> sums = new ArrayList<>();
        List<List<Point>> curves = new ArrayList<>();
        List<Point> retrain = null;
        for (Path dir : runs) {
            certs.add(read(dir.resolve("certificate.json")));
            JsonNode s = read(dir.resolve("summary.json"));
            sums.add(s);
            curves.add(points(dir.resolve("metrics.csv")));
            if (retrain == null && Files.exists(dir.resolve("retrain-metrics.csv"))) {
                retrain = points(dir.resolve("retrain-metrics.csv"));
                if (target == null && s.path("retrain").has("test_accuracy")) {
                    target = s.path("retrain").get("test_accuracy").asDouble() - 0.01;
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
        for (int i = 0; i < runs.size(); i++) {
            JsonNode c = certs.get(i);
            JsonNode s = sums.get(i);
            Long need = target == null ? null : reach(curves.get(i), target);
            String savings = need == null || retrainNeed == null ? "not reached"
                    : String.format(Locale.ROOT, "%.1f%%", 100 * (1 - (double) need / retrainNeed));
            out.append(String.format(Locale.ROOT, "| %s (%s) | %s | %s | %s | %d | %s | %s | %s | %s | %d | %.1f | %s | %s |%n",
                    runs.get(i).getFileName(), c.path("method").asText(), c.path("status").asText(),
                    num(c.get("epsilon")), num(c.get("delta")), c.path("noisy_steps").asInt(), num(c.get("sigma_first")),
                    pctNode(s.get("test_accuracy")), pctNode(s.get("retain_accuracy")), pctNode(s.get("forget_accuracy")),
                    s.path("examples_processed").asLong(), s.path("wall_seconds").asDouble(),
                    need == null ? "not reached" : Long.toString(need), savings));
        }
        if (retrain != null) {
            JsonNode r = sums.stream().filter(s -> s.hasNonNull("retrain")).findFirst().orElseThrow().get("retrain");
            out.append(String.format(Locale.ROOT, "| retrain baseline | exact (ε = δ = 0) | 0 | 0 | 0 | - | %s | %s | %s | %d | %.1f | %s | 0%% (reference) |%n",
                    pctNode(r.get("test_accuracy")), pctNode(r.get("retain_accuracy")), pctNode(r.get("forget_accuracy")),
                    r.path("examples_processed").asLong(), r.path("wall_seconds").asDouble(),
                    retrainNeed == null ? "not reached" : Long.toString(retrainNeed)));
        }
        out.append("\nTest accuracy against examples processed (releasable evaluation points, i.e. after the "
                + "noisy phase):\n\n");
        List<String> names = new ArrayList<>();
        List<List<Point>> all = new ArrayList<>(curves);
        for (Path p : runs) {
            names.add(p.getFileName().toString());
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

    private static Long reach(List<Point> points, double target) {
        for (Point p : points) {
            if (p.testAccuracy() >= target) {
                return p.examples();
            }
        }
        return null;
    }

    private static List<Point> points(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new NoSuchFileException(csv + " (not a run directory written by 'unlearn')");
        }
        List<Point> pts = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(csv)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                if (r.get("kind").equals("eval") && (!r.isMapped("releasable") || r.get("releasable").equals("true"))) {
                    pts.add(new Point(Long.parseLong(r.get("examples_processed")),
                            Double.parseDouble(r.get("test_accuracy"))));
                }
            }
        }
        return pts;
    }

    private static JsonNode read(Path f) throws IOException {
        if (!Files.isRegularFile(f)) {
            throw new NoSuchFileException(f + " (not a run directory written by 'unlearn')");
        }
        return JSON.readTree(f.toFile());
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
