package org.unlearning.workbench.engine.run;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code requests.csv}: one row per deletion request — sizes, status, guarantee, the released model's
 * accuracies, compute, the retrain baseline's figures, distances, then the method's own diagnostics
 * (columns in order of first appearance). Rewritten after every release, so a stopped run keeps its rows.
 */
final class RequestsCsv {
    private static final List<String> FIXED = List.of("request", "forget_size", "retain_size", "status", "epsilon",
            "delta", "sigma", "test_accuracy", "retain_accuracy", "forget_accuracy", "examples_processed",
            "wall_seconds", "retrain_test_accuracy", "retrain_retain_accuracy", "retrain_forget_accuracy",
            "retrain_examples", "retrain_seconds", "distance_to_original", "distance_to_retrain");

    private RequestsCsv() {}

    static void write(Path file, List<Release> releases) throws IOException {
        Set<String> extra = new LinkedHashSet<>();
        releases.forEach(r -> extra.addAll(r.diagnostics().keySet()));
        List<String> header = new ArrayList<>(FIXED);
        header.addAll(extra);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).build())) {
            for (Release r : releases) {
                List<Object> row = new ArrayList<>();
                Certificate c = r.certificate();
                EvaluationMetrics e = r.evaluation();
                BaselineFigures b = r.retrain();
                row.add(r.request());
                row.add(r.forgetSize());
                row.add(r.retainSize());
                row.add(c.status().id());
                row.add(num(c.epsilon()));
                row.add(num(c.delta()));
                row.add(num(c.sigma()));
                row.add(e == null ? "" : num(e.testAccuracy()));
                row.add(e == null ? "" : num(e.retainAccuracy()));
                row.add(e == null ? "" : num(e.forgetAccuracy()));
                row.add(r.examplesProcessed());
                row.add(num(r.wallSeconds()));
                row.add(b == null ? "" : num(b.testAccuracy()));
                row.add(b == null ? "" : num(b.retainAccuracy()));
                row.add(b == null ? "" : num(b.forgetAccuracy()));
                row.add(b == null ? "" : b.examplesProcessed());
                row.add(b == null ? "" : num(b.wallSeconds()));
                row.add(num(r.distanceToOriginal()));
                row.add(num(r.distanceToRetrain()));
                for (String k : extra) {
                    row.add(num(r.diagnostics().get(k)));
                }
                p.printRecord(row);
            }
        }
    }

    private static String num(Double v) {
        return v == null || !Double.isFinite(v) ? "" : Double.toString(v).toLowerCase(Locale.ROOT);
    }
}
