package org.unlearning.workbench.app.report;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.jfree.chart.JFreeChart;
import org.unlearning.workbench.app.chart.ChartExporter;
import org.unlearning.workbench.app.chart.PdfFonts;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Calendar;
import java.util.List;

/**
 * The report of a finished run, for humans: the same document from the CLI ({@code report RUN_DIR
 * --out FILE.pdf}) and the window. PDF (Apache PDFBox): real text in the embedded DejaVu font —
 * selectable, searchable, hashes copy out whole — with the charts as vector drawings. HTML: a
 * folder with index.html, PNG and SVG charts and the certificate.
 */
public final class RunReport {
    private static final float FIGURE_HEIGHT = 265;

    private RunReport() {}

    /** Reads {@code runDir} ({@link RunFolder}) and writes its PDF report to {@code out}. */
    public static void writePdf(Path runDir, Path out) throws IOException {
        writePdf(RunFolder.read(runDir), out);
    }

    public static void writePdf(RunFolder run, Path out) throws IOException {
        List<Block> blocks = ReportContent.of(run);
        try (PDDocument doc = new PDDocument()) {
            PDDocumentInformation info = new PDDocumentInformation();
            info.setTitle("Unlearning report: " + ReportContent.runName(run));
            info.setCreator("Unlearning Workbench");
            info.setCreationDate(Calendar.getInstance());
            doc.setDocumentInformation(info);
            PdfFonts fonts = PdfFonts.load(doc);
            try (PdfLayout page = new PdfLayout(doc, fonts, "Unlearning report · " + ReportContent.runName(run))) {
                page.newPage();
                for (Block b : blocks) {
                    render(page, b);
                }
            }
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (java.io.OutputStream o = Files.newOutputStream(out)) {
                doc.save(o);
            }
        }
    }

    private static void render(PdfLayout page, Block b) throws IOException {
        PdfFonts f = page.fonts();
        if (b instanceof Block.Title t) {
            page.paragraph(t.text(), f.bold(), 17, PdfLayout.INK, 0);
            page.space(2);
            page.paragraph(t.subtitle(), f.regular(), 9, PdfLayout.MUTED, 0);
            page.space(6);
        } else if (b instanceof Block.Banner n) {
            Color[] c = switch (n.tone()) {
                case GOOD -> new Color[] {new Color(0xE3F1E4), new Color(0x1B5E20)};
                case BAD -> new Color[] {new Color(0xFBE4DE), new Color(0x8A1C00)};
                case WARNING -> new Color[] {new Color(0xFFF1D6), new Color(0x6B4500)};
            };
            page.banner(n.title(), n.detail(), c[0], c[1]);
        } else if (b instanceof Block.Heading h) {
            page.heading(h.text(), 12.5f);
        } else if (b instanceof Block.Paragraph p) {
            page.paragraph(p.text(), f.regular(), 9.5f, PdfLayout.INK, 0);
            page.space(4);
        } else if (b instanceof Block.Code c) {
            page.paragraph(c.text(), f.mono(), 7.5f, PdfLayout.INK, 0);
        } else if (b instanceof Block.Table t) {
            if (t.twoColumns()) {
                page.grid(t.rows());
            } else {
                page.table(t.rows(), 150);
            }
            page.space(4);
        } else if (b instanceof Block.Figure g) {
            page.figure(g.chart(), g.caption(), FIGURE_HEIGHT);
        } else if (b instanceof Block.PageBreak) {
            page.newPage();
        }
    }

    /** Writes {@code index.html}, {@code chart-N.png/.svg} and {@code certificate.json} into {@code dir}. */
    public static void writeHtml(RunFolder run, Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc("Unlearning report: " + ReportContent.runName(run))).append("</title>\n<style>")
                .append("body{font-family:'DejaVu Sans',sans-serif;margin:2em;max-width:60em}")
                .append("table{border-collapse:collapse}td{padding:2px 8px;border-bottom:1px solid #ddd;vertical-align:top}")
                .append("td.mono{font-family:'DejaVu Sans Mono',monospace}.good{background:#e3f1e4}.bad{background:#fbe4de}")
                .append(".warning{background:#fff1d6}.banner{padding:.5em 1em}pre{background:#f6f6f6;padding:1em;")
                .append("white-space:pre-wrap}</style></head><body>\n");
        int n = 0;
        for (Block b : ReportContent.of(run)) {
            if (b instanceof Block.Title t) {
                h.append("<h1>").append(esc(t.text())).append("</h1>\n<p>").append(esc(t.subtitle())).append("</p>\n");
            } else if (b instanceof Block.Banner x) {
                h.append("<div class=\"banner ").append(x.tone().name().toLowerCase(java.util.Locale.ROOT))
                        .append("\"><strong>").append(esc(x.title())).append("</strong><br>")
                        .append(esc(x.detail() == null ? "" : x.detail())).append("</div>\n");
            } else if (b instanceof Block.Heading x) {
                h.append("<h2>").append(esc(x.text())).append("</h2>\n");
            } else if (b instanceof Block.Paragraph x) {
                h.append("<p>").append(esc(x.text())).append("</p>\n");
            } else if (b instanceof Block.Code x) {
                h.append("<pre>").append(esc(x.text())).append("</pre>\n");
            } else if (b instanceof Block.Table x) {
                h.append("<table>\n");
                for (Row r : x.rows()) {
                    h.append(r.group() ? "<tr><th colspan=\"2\" align=\"left\">" + esc(r.name()) + "</th></tr>\n"
                            : "<tr><td>" + esc(r.name()) + "</td><td" + (r.mono() ? " class=\"mono\"" : "") + ">"
                            + esc(r.value()).replace("\n", "<br>") + "</td></tr>\n");
                }
                h.append("</table>\n");
            } else if (b instanceof Block.Figure x) {
                String base = "chart-" + ++n;
                JFreeChart c = x.chart();
                ChartExporter.writePng(c, 900, 540, dir.resolve(base + ".png"));
                ChartExporter.writeSvg(c, 900, 540, dir.resolve(base + ".svg"));
                h.append("<figure><img src=\"").append(base).append(".png\" width=\"900\" alt=\"")
                        .append(esc(c.getTitle() == null ? base : c.getTitle().getText()))
                        .append("\"><figcaption>").append(esc(x.caption())).append(" <a href=\"").append(base)
                        .append(".svg\">SVG</a></figcaption></figure>\n");
            } else if (b instanceof Block.PageBreak) {
                h.append("<hr>\n");
            }
        }
        h.append("</body></html>\n");
        Files.writeString(dir.resolve("certificate.json"), run.certificateText(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("index.html"), h.toString(), StandardCharsets.UTF_8);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
