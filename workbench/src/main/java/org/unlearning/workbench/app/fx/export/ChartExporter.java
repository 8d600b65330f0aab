package org.unlearning.workbench.app.fx.export;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.ChartUtils;
import org.jfree.pdf.PDFDocument;
import org.jfree.pdf.PDFGraphics2D;
import org.jfree.pdf.PDFHints;
import org.jfree.pdf.Page;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Draws the same {@link JFreeChart} object the window shows to PNG, SVG (JFreeSVG) or PDF
 * (OrsonPDF). PDF text is drawn as vector outlines ({@link PDFHints#VALUE_DRAW_STRING_TYPE_VECTOR})
 * because the PDF base fonts have no σ, λ, ε, δ glyphs and would print "?". SVG keeps real
 * UTF-8 text (searchable, selectable).
 */
public final class ChartExporter {
    public static final int DEFAULT_WIDTH = 800;
    public static final int DEFAULT_HEIGHT = 500;

    /** Export formats, chosen from the file extension. */
    public enum Format {
        PNG, SVG, PDF;

        public String extension() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Format from a file name's extension. */
        public static Format of(Path file) {
            String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
            for (Format f : values()) {
                if (n.endsWith("." + f.extension())) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown export format for " + file.getFileName()
                    + " (use .png, .svg or .pdf)");
        }
    }

    private ChartExporter() {}

    public static void write(JFreeChart chart, Path file) throws IOException {
        write(chart, Format.of(file), DEFAULT_WIDTH, DEFAULT_HEIGHT, file);
    }

    public static void write(JFreeChart chart, Format format, int width, int height, Path file)
            throws IOException {
        switch (format) {
            case PNG -> writePng(chart, width, height, file);
            case SVG -> writeSvg(chart, width, height, file);
            case PDF -> writePdf(List.of(chart), width, height, file);
            default -> throw new IllegalStateException(format.toString());
        }
    }

    public static void writePng(JFreeChart chart, int width, int height, Path file) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
    }

    public static String toSvg(JFreeChart chart, int width, int height) {
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        return g2.getSVGDocument();
    }

    public static void writeSvg(JFreeChart chart, int width, int height, Path file) throws IOException {
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        SVGUtils.writeToSVG(file.toFile(), g2.getSVGElement());
    }

    /** One chart per page. */
    public static void writePdf(List<JFreeChart> charts, int width, int height, Path file) throws IOException {
        PDFDocument doc = new PDFDocument();
        doc.setTitle("Unlearning Workbench");
        for (JFreeChart chart : charts) {
            Page page = doc.createPage(new Rectangle2D.Double(0, 0, width, height));
            PDFGraphics2D g2 = vectorText(page.getGraphics2D());
            chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        }
        Files.write(file, doc.getPDFBytes());
    }

    /** Turns on vector text so non-Latin-1 glyphs (σ, λ, ε, δ) survive in PDF output. */
    public static PDFGraphics2D vectorText(PDFGraphics2D g2) {
        g2.setRenderingHint(PDFHints.KEY_DRAW_STRING_TYPE, PDFHints.VALUE_DRAW_STRING_TYPE_VECTOR);
        return g2;
    }

    /** Draws lines of plain text on a page (for reports); returns the y after the last line. */
    public static double drawText(Graphics2D g2, List<String> lines, double x, double y, Font font) {
        g2.setFont(font);
        g2.setPaint(java.awt.Color.BLACK);
        double step = font.getSize2D() * 1.35;
        for (String line : lines) {
            g2.drawString(line, (float) x, (float) y);
            y += step;
        }
        return y;
    }
}
