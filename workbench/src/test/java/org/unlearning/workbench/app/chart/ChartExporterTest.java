package org.unlearning.workbench.app.chart;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartExporterTest {
    static JFreeChart chart() {
        XYSeries s = new XYSeries("σₜ (noise std)");
        XYSeries d = new XYSeries("δₜ");
        for (int t = 0; t < 20; t++) {
            s.add(t, 0.5 + 0.1 * t);
            d.add(t, Math.exp(-t));
        }
        XYSeriesCollection c = new XYSeriesCollection();
        c.addSeries(s);
        c.addSeries(d);
        return ChartStyle.xyLines("Noise σ and λ, ε, δ", "step t", "σ", c);
    }

    @Test
    void pngDecodesToAnImageOfTheRequestedSize(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.png");
        ChartExporter.write(chart(), f);
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(ChartExporter.DEFAULT_WIDTH, img.getWidth());
        assertEquals(ChartExporter.DEFAULT_HEIGHT, img.getHeight());
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 2, "not blank");
    }

    @Test
    void svgParsesAsXmlAndKeepsGreekGlyphsAsText(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.svg");
        ChartExporter.write(chart(), f);
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = dbf.newDocumentBuilder().parse(f.toFile());
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        String text = doc.getDocumentElement().getTextContent();
        assertTrue(text.contains("Noise σ and λ, ε, δ"), text);
        assertTrue(text.contains("σₜ (noise std)"), text);
        assertFalse(text.contains("?"), "no replacement characters");
    }

    @Test
    void pdfHasOnePagePerChartWithRealTextInTheEmbeddedFont(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.pdf");
        ChartExporter.writePdf(List.of(chart(), chart()), 600, 400, f);
        try (PDDocument doc = Loader.loadPDF(f.toFile())) {
            assertEquals(2, doc.getNumberOfPages());
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("Noise σ and λ, ε, δ"), "σ λ ε δ are text, not outlines or '?': " + text);
            assertTrue(text.contains("σₜ (noise std)"), text);
            List<PDFont> fonts = new ArrayList<>();
            var resources = doc.getPage(0).getResources();
            for (var name : resources.getXObjectNames()) {
                if (resources.getXObject(name) instanceof org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject form) {
                    for (var fn : form.getResources().getFontNames()) {
                        fonts.add(form.getResources().getFont(fn));
                    }
                }
            }
            assertFalse(fonts.isEmpty(), "the chart is a form XObject with its own fonts");
            for (PDFont font : fonts) {
                assertTrue(font.isEmbedded(), font.getName());
                assertTrue(font.getName().contains("DejaVu"), font.getName());
            }
        }
    }

    @Test
    void unknownExtensionIsRejectedWithAReason(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChartExporter.write(chart(), dir.resolve("c.gif")));
        assertTrue(e.getMessage().contains("c.gif"));
    }

    @Test
    void ligaturesAreOffSoTextExtractsAsTyped() {
        byte[] head = new byte[12 + 16 * 2];
        head[5] = 2;
        System.arraycopy("GPOS".getBytes(), 0, head, 12, 4);
        System.arraycopy("GSUB".getBytes(), 0, head, 28, 4);
        byte[] out = PdfFonts.withoutLigatures(head);
        assertEquals("GPOS", new String(out, 12, 4));
        assertEquals("GSUX", new String(out, 28, 4));
    }
}
