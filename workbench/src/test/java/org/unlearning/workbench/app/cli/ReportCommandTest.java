package org.unlearning.workbench.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearning.workbench.app.report.RunFolder;
import org.unlearning.workbench.app.report.RunReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code report RUN_DIR --out FILE.pdf} on a real, short model-clipping run (one noisy step). */
class ReportCommandTest {
    @TempDir
    static Path tmp;
    static Path run;
    static JsonNode cert;

    @BeforeAll
    static void shortModelClippingRun() throws Exception {
        Path cfg = tmp.resolve("run.yaml");
        Files.writeString(cfg, String.join("\n",
                "name: report-test",
                "data: {source: bundled, evaluation_limit: 300}",
                "model: {path: sample-models/mlp-5, architecture: mlp-5}",
                "method: {type: model_clipping, epsilon: 1.0, delta: 1.0e-5, init_clip: 7.0, model_clip: 0.001,",
                "         sigma: 0.01, learning_rate: 0.01, variant: after_projection}",
                "fine_tune: {epochs: 1}",
                "retrain_baseline: true",
                ""));
        run = tmp.resolve("mc-run");
        assertEquals(0, Main.run("unlearn", "--config", cfg.toString(), "--out", run.toString(), "--quiet"));
        cert = new ObjectMapper().readTree(org.unlearning.workbench.engine.run.RunDirectory.of(run).certificateFile().toFile());
        assertEquals(1, cert.get("noisy_steps").asInt(), "a one-step model-clipping run");
    }

    private static String text(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc);
        }
    }

    private static String pageText(Path pdf, int page) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PDFTextStripper s = new PDFTextStripper();
            s.setStartPage(page);
            s.setEndPage(page);
            return s.getText(doc);
        }
    }

    private static int pages(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return doc.getNumberOfPages();
        }
    }

    private static String flat(String s) {
        return s.replaceAll("\\s+", " ");
    }

    @Test
    void reportCarriesTheGuaranteeSentenceAndTheReleasedModelHashAsText() throws Exception {
        Path pdf = tmp.resolve("r.pdf");
        assertEquals(0, Main.run("report", run.toString(), "--out", pdf.toString()));
        String text = text(pdf);
        String statement = cert.get("statement").asText();
        assertTrue(flat(text).contains(flat(statement)), "guarantee sentence, words whole:\n" + text);
        String sha = cert.get("unlearned_model_sha256").asText();
        assertTrue(text.contains(sha), "the released model's SHA-256 on one line, copyable");
        assertFalse(text.contains("ﬁ"), "no ligatures in the extracted text");

        String first = flat(pageText(pdf, 1));
        for (String s : new String[] {"Certified", "The guarantee", "Requested (ε, δ)", "Method and parameters",
                "C₂ model clip radius", "Results of the released model", "What the certificate covers", sha}) {
            assertTrue(first.contains(s), "page 1 has " + s + ":\n" + first);
        }
        assertTrue(flat(text).contains("Private: not covered by the certificate"), "private diagnostics labelled");
        assertTrue(flat(text).contains("private — not covered by the certificate: forget set"),
                "the diagnostic charts carry the label themselves (theory.md §14)");
        for (int p = 1; p <= pages(pdf); p++) {
            String page = flat(pageText(pdf, p));
            if (page.contains("Charts: the release")) {
                assertFalse(page.contains("private — not covered"), "the release's charts are not labelled private");
            }
        }
        assertTrue(text.contains("Noise σₜ and privacy state"), "chart text is real text, Greek included");
        assertTrue(text.contains("Appendix: certificate.json"));

        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            List<PDFont> fonts = new ArrayList<>();
            for (var page : doc.getPages()) {
                collectFonts(page.getResources(), fonts);
            }
            assertFalse(fonts.isEmpty());
            for (PDFont f : fonts) {
                assertTrue(f.isEmbedded(), "embedded: " + f.getName());
            }
        }
    }

    private static void collectFonts(PDResources res, List<PDFont> out) throws IOException {
        if (res == null) {
            return;
        }
        for (var n : res.getFontNames()) {
            out.add(res.getFont(n));
        }
        for (var n : res.getXObjectNames()) {
            if (res.getXObject(n) instanceof PDFormXObject form) {
                collectFonts(form.getResources(), out);
            }
        }
    }

    @Test
    void pdftotextPrintsTheGuaranteeAndTheHash() throws Exception {
        Path pdf = tmp.resolve("p.pdf");
        RunReport.writePdf(run, pdf);
        Process p;
        try {
            p = new ProcessBuilder("pdftotext", pdf.toString(), "-").redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.assumeTrue(false, "pdftotext is not installed (Debian package poppler-utils): skipped");
            return;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(flat(out).contains(flat(cert.get("statement").asText())), out);
        assertTrue(out.contains(cert.get("unlearned_model_sha256").asText()), out);
    }

    @Test
    void releaseAndPrivateLayoutIsReadToo() throws Exception {
        Path split = tmp.resolve("split-run");
        Files.createDirectories(split.resolve("release"));
        Files.createDirectories(split.resolve("private"));
        Files.copy(org.unlearning.workbench.engine.run.RunDirectory.of(run).certificateFile(), split.resolve("release/certificate.json"));
        Files.copy(org.unlearning.workbench.engine.run.RunDirectory.of(run).summaryJson(), split.resolve("private/summary.json"));
        Files.writeString(split.resolve("release/summary.json"), "{\"method\": \"model_clipping\", \"test_accuracy\": 0.5}");
        Files.copy(org.unlearning.workbench.engine.run.RunDirectory.of(run).metricsCsv(), split.resolve("private/metrics.csv"));
        Files.copy(org.unlearning.workbench.engine.run.RunDirectory.of(run).configJson(), split.resolve("private/config.json"), StandardCopyOption.REPLACE_EXISTING);
        RunFolder folder = RunFolder.read(split);
        assertTrue(folder.split());
        assertEquals(0.5, folder.summary().get("test_accuracy").asDouble(), "public summary from release/");
        assertTrue(folder.privateSummary().has("forget_mia_auc"), "diagnostics from private/");
        assertFalse(folder.metrics().isEmpty());
        Path pdf = tmp.resolve("split.pdf");
        RunReport.writePdf(folder, pdf);
        String text = flat(text(pdf));
        assertTrue(text.contains("release/unlearned-model/"), text);
        assertTrue(text.contains("keeps them in private/"), text);
        assertTrue(text.contains("50.00 %"), "results from the public summary");

        Path html = tmp.resolve("html");
        RunReport.writeHtml(folder, html);
        String index = Files.readString(html.resolve("index.html"));
        assertTrue(index.contains(cert.get("unlearned_model_sha256").asText()));
        assertTrue(Files.size(html.resolve("chart-1.svg")) > 1000 && Files.size(html.resolve("chart-1.png")) > 1000);
    }

    @Test
    void badInputExitsTwoWithAReason() throws Exception {
        Files.createDirectories(tmp.resolve("empty"));
        List<CliRun.Result> bad = List.of(
                CliRun.run("report", tmp.resolve("nowhere").toString(), "--out", tmp.resolve("a.pdf").toString()),
                CliRun.run("report", tmp.resolve("empty").toString(), "--out", tmp.resolve("b.pdf").toString()),
                CliRun.run("report", run.toString(), "--out", tmp.resolve("c.txt").toString()),
                CliRun.run("report", run.toString()));
        bad.forEach(r -> assertEquals(2, r.code(), r.err()));
        String text = String.join("", bad.stream().map(CliRun.Result::err).toList());
        assertTrue(text.contains("nowhere is not a directory"), text);
        assertTrue(text.contains("has no certificate.json"), text);
        assertTrue(text.contains("c.txt"), text);
        assertFalse(Files.exists(tmp.resolve("b.pdf")));
    }
}
