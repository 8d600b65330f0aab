package org.unlearning.workbench.app.chart;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.util.Matrix;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Draws the same {@link JFreeChart} object the window shows to PNG, SVG (JFreeSVG: text stays
 * UTF-8 text) or PDF (PDFBox through the Graphics2D bridge: vector drawing, real text in the
 * embedded DejaVu font, so σ λ ε δ print and can be searched and copied). No JavaFX needed.
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
        ChartFonts.register();
        ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
    }

    public static String toSvg(JFreeChart chart, int width, int height) {
        ChartFonts.register();
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        return g2.getSVGDocument();
    }

    public static void writeSvg(JFreeChart chart, int width, int height, Path file) throws IOException {
        ChartFonts.register();
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        SVGUtils.writeToSVG(file.toFile(), g2.getSVGElement());
    }

    /** One chart per page, each page the chart's size in points. */
    public static void writePdf(List<JFreeChart> charts, int width, int height, Path file) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDDocumentInformation info = new PDDocumentInformation();
            info.setTitle("Unlearning Workbench chart");
            info.setCreator("Unlearning Workbench");
            doc.setDocumentInformation(info);
            PdfFonts fonts = PdfFonts.load(doc);
            for (JFreeChart chart : charts) {
                PDPage page = new PDPage(new PDRectangle(width, height));
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    draw(doc, fonts, cs, chart, 0, 0, width, height);
                }
            }
            try (java.io.OutputStream o = java.nio.file.Files.newOutputStream(file)) {
                doc.save(o);
            }
        }
    }

    /**
     * Draws {@code chart} as a vector form XObject into the rectangle whose lower-left corner is
     * ({@code x}, {@code y}) in PDF user space (points, origin bottom-left).
     */
    public static void draw(PDDocument doc, PdfFonts fonts, PDPageContentStream cs, JFreeChart chart,
                            float x, float y, float width, float height) throws IOException {
        PdfBoxGraphics2D g2 = new PdfBoxGraphics2D(doc, width, height);
        g2.setFontTextDrawer(fonts.textDrawer());
        try {
            chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g2.dispose();
        }
        PDFormXObject form = g2.getXFormObject();
        cs.saveGraphicsState();
        cs.transform(Matrix.getTranslateInstance(x, y));
        cs.drawForm(form);
        cs.restoreGraphicsState();
    }
}
