package org.unlearning.workbench.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.unlearning.workbench.engine.run.RunDirectory;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A finished run folder as the report reads it — the one place that knows its layout. Reads the
 * flat layout ({@code certificate.json}, {@code summary.json}, {@code metrics.csv},
 * {@code retrain-metrics.csv}, {@code config.json} side by side) and the release boundary of
 * theory.md §14 ({@code release/} with the certificate and the public summary, {@code private/}
 * with the diagnostics); {@link #isSplit()} tells which.
 *
 * @param dir             the folder given
 * @param certificate     the certificate (never null)
 * @param certificateText its JSON text as written
 * @param summary         public summary (the whole summary in the flat layout; missing node if absent)
 * @param privateSummary  private diagnostics summary (in the flat layout: the same summary)
 * @param config          the run configuration (missing node if absent)
 * @param metrics         rows of {@code metrics.csv} (column → cell; empty cells are "")
 * @param retrainMetrics  rows of {@code retrain-metrics.csv} (empty without the baseline)
 * @param split           true for the release/private layout
 */
public record RunFolder(Path dir, JsonNode certificate, String certificateText, JsonNode summary,
                        JsonNode privateSummary, JsonNode config, List<Map<String, String>> metrics,
                        List<Map<String, String>> retrainMetrics, boolean split) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public RunFolder {
        metrics = List.copyOf(metrics);
        retrainMetrics = List.copyOf(retrainMetrics);
    }

    /**
     * Reads a run folder. Throws {@link IllegalArgumentException} with a one-line reason when
     * {@code dir} is not a finished run folder, {@link IOException} when a file cannot be read.
     */
    public static RunFolder read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("RUN_DIR " + dir + " is not a directory");
        }
        RunDirectory rd = RunDirectory.of(dir); // every file name of a run folder is decided there
        boolean split = rd.split();
        Path cert = existing(rd.certificateFile());
        if (cert == null) {
            throw new IllegalArgumentException("RUN_DIR " + dir + " has no certificate.json: not a finished run folder");
        }
        String certText = Files.readString(cert, StandardCharsets.UTF_8);
        JsonNode certificate = parse(cert, certText);
        JsonNode summary = json(existing(rd.publicSummaryJson()));
        Path privateSummary = split ? existing(rd.summaryJson()) : null;
        return new RunFolder(dir, certificate, certText, summary,
                privateSummary != null ? json(privateSummary) : summary,
                json(existing(rd.configJson())), csv(existing(rd.metricsCsv())), csv(existing(rd.retrainMetricsCsv())),
                split);
    }

    private static Path existing(Path p) {
        return Files.isRegularFile(p) ? p : null;
    }

    private static JsonNode json(Path file) throws IOException {
        return file == null ? MissingNode.getInstance() : parse(file, Files.readString(file, StandardCharsets.UTF_8));
    }

    private static JsonNode parse(Path file, String text) {
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static List<Map<String, String>> csv(Path file) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        if (file == null) {
            return rows;
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
                rows.add(rec.toMap());
            }
        }
        return rows;
    }

    /**
     * A run without optimisation steps (a one-shot update per deletion request): its charts go per
     * request, from summary.json's {@code requests}.
     */
    public boolean perRequest() {
        return metrics.stream().noneMatch(r -> "step".equals(r.get("kind")))
                && privateSummary.path("requests").size() > 0;
    }

    /** Method id, a key of the method registry (e.g. "gradient_clipping"). */
    public String method() {
        return certificate.path("method").asText("");
    }

    /** True when the certificate's status is exactly "certified". */
    public boolean certified() {
        return "certified".equals(certificate.path("status").asText());
    }

    /** Where the released model's files are, relative to {@link #dir()} (for the report's text). */
    public String releasedModelPath() {
        RunDirectory rd = RunDirectory.of(dir);
        return rd.relative(rd.releasedModelDir());
    }
}
