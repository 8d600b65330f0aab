package org.unlearning.workbench.app.fx.export;

import org.jfree.chart.JFreeChart;
import org.jfree.pdf.PDFDocument;
import org.jfree.pdf.PDFGraphics2D;
import org.jfree.pdf.Page;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * "Export report": one PDF (A4 landscape pages: parameters, certificate, then one chart per page)
 * or an HTML folder (index.html with PNG + SVG of every chart and the certificate JSON).
 */
public final class ReportExporter {
    private static final double W = 842;
    private static final double H = 595;
    private static final String FONT = "SansSerif";
    private static final String MONO = "Monospaced";

    private ReportExporter() {}

    public static void writePdf(Report report, Path file) throws IOException {
        PDFDocument doc = new PDFDocument();
        doc.setTitle(report.title());
        List<String> left = new ArrayList<>(report.summary());
        left.add("");
        left.add("Parameters");
        for (Map.Entry<String, String> e : report.parameters().entrySet()) {
            left.add("  " + e.getKey() + " = " + e.getValue());
        }
        List<String> cert = report.certificateJson() == null ? List.of("(no certificate: the run has not finished)")
                : wrap(report.certificateJson().lines().toList(), 78);
        left = wrap(left, 62);
        // page 1..n: title + summary/parameters on the left, certificate on the right
        int perPage = 44;
        int certPages = Math.max(1, (cert.size() + perPage - 1) / perPage);
        for (int p = 0; p < certPages; p++) {
            Page page = doc.createPage(new Rectangle2D.Double(0, 0, W, H));
            PDFGraphics2D g2 = ChartExporter.vectorText(page.getGraphics2D());
            g2.setPaint(Color.WHITE);
            g2.fill(new Rectangle2D.Double(0, 0, W, H));
            double y = ChartExporter.drawText(g2, List.of(report.title() + (p > 0 ? " (continued)" : "")),
                    36, 44, new Font(FONT, Font.BOLD, 16));
            if (p == 0) {
                ChartExporter.drawText(g2, left, 36, y + 8, new Font(FONT, Font.PLAIN, 10));
            }
            ChartExporter.drawText(g2, List.of("Certificate (certificate.json)"), 420, y + 8, new Font(FONT, Font.BOLD, 11));
            List<String> chunk = cert.subList(p * perPage, Math.min(cert.size(), (p + 1) * perPage));
            ChartExporter.drawText(g2, chunk, 420, y + 24, new Font(MONO, Font.PLAIN, 8));
        }
        for (JFreeChart chart : report.charts()) {
            Page page = doc.createPage(new Rectangle2D.Double(0, 0, W, H));
            PDFGraphics2D g2 = ChartExporter.vectorText(page.getGraphics2D());
            chart.draw(g2, new Rectangle2D.Double(24, 24, W - 48, H - 48));
        }
        Files.write(file, doc.getPDFBytes());
    }

    /** Writes {@code index.html}, {@code chart-N.png/.svg}, {@code certificate.json} into a folder. */
    public static void writeHtml(Report report, Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(report.title())).append("</title>\n<style>body{font-family:sans-serif;margin:2em;}"
                        + "table{border-collapse:collapse}td{padding:2px 8px;border-bottom:1px solid #ddd}"
                        + "pre{background:#f6f6f6;padding:1em;overflow:auto}</style></head><body>\n");
        h.append("<h1>").append(esc(report.title())).append("</h1>\n<ul>\n");
        for (String s : report.summary()) {
            h.append("<li>").append(esc(s)).append("</li>\n");
        }
        h.append("</ul>\n<h2>Parameters</h2>\n<table>\n");
        for (Map.Entry<String, String> e : report.parameters().entrySet()) {
            h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(esc(e.getValue())).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Charts</h2>\n");
        int i = 1;
        for (JFreeChart chart : report.charts()) {
            String base = "chart-" + i++;
            ChartExporter.writePng(chart, 900, 520, dir.resolve(base + ".png"));
            ChartExporter.writeSvg(chart, 900, 520, dir.resolve(base + ".svg"));
            h.append("<figure><img src=\"").append(base).append(".png\" width=\"900\" alt=\"")
                    .append(esc(chart.getTitle() == null ? base : chart.getTitle().getText()))
                    .append("\"><figcaption><a href=\"").append(base).append(".svg\">SVG</a></figcaption></figure>\n");
        }
        if (report.certificateJson() != null) {
            Files.writeString(dir.resolve("certificate.json"), report.certificateJson(), StandardCharsets.UTF_8);
            h.append("<h2>Certificate</h2>\n<p><a href=\"certificate.json\">certificate.json</a></p>\n<pre>")
                    .append(esc(report.certificateJson())).append("</pre>\n");
        }
        h.append("</body></html>\n");
        Files.writeString(dir.resolve("index.html"), h.toString(), StandardCharsets.UTF_8);
    }

    private static List<String> wrap(List<String> lines, int width) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            while (l.length() > width) {
                out.add(l.substring(0, width));
                l = "    " + l.substring(width);
            }
            out.add(l);
        }
        return out;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
