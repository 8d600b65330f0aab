package org.unlearning.workbench.app.fx.export;

import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearning.workbench.app.fx.charts.Charts;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        return Charts.xyLines("Noise σ and λ, ε, δ", "step t", "σ", c);
    }

    @Test
    void pngDecodesToAnImageOfTheRequestedSize(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.png");
        ChartExporter.write(chart(), f);
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(ChartExporter.DEFAULT_WIDTH, img.getWidth());
        assertEquals(ChartExporter.DEFAULT_HEIGHT, img.getHeight());
        // not blank: more than one colour
        assertTrue(img.getRGB(10, 10) != img.getRGB(img.getWidth() / 2, 20) || countColours(img) > 2);
    }

    private static int countColours(BufferedImage img) {
        java.util.Set<Integer> c = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) {
                c.add(img.getRGB(x, y));
            }
        }
        return c.size();
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
    void pdfHasOnePagePerChartAndDrawsTextAsOutlines(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.pdf");
        ChartExporter.writePdf(List.of(chart(), chart()), 600, 400, f);
        byte[] bytes = Files.readAllBytes(f);
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        assertTrue(s.startsWith("%PDF-"), "PDF header");
        assertTrue(s.trim().endsWith("%%EOF"), "PDF trailer");
        assertEquals(2, count(Pattern.compile("/Type\\s*/Page[^s]"), s), "page count");
        Matcher m = Pattern.compile("/Type\\s*/Pages[^>]*?/Count\\s+(\\d+)").matcher(s);
        assertTrue(m.find());
        assertEquals("2", m.group(1));
        // vector text: glyphs are filled paths, so no text operator can print σ as "?"
        String content = inflatedStreams(bytes);
        assertFalse(content.contains("Tj"), "text must be drawn as outlines, not with a base-14 font");
        assertTrue(content.length() > 10_000, "pages carry drawing operators");
        assertFalse(s.contains("/Type /Font"), "no font needed when text is drawn as outlines");
        assertTrue(s.contains("startxref"));
    }

    @Test
    void pdfWithoutTheVectorHintWouldLoseTheGlyphs(@TempDir Path dir) throws Exception {
        // guards the test above: the standard string mode emits text operators with '?'
        org.jfree.pdf.PDFDocument doc = new org.jfree.pdf.PDFDocument();
        org.jfree.pdf.Page page = doc.createPage(new java.awt.geom.Rectangle2D.Double(0, 0, 300, 200));
        chart().draw(page.getGraphics2D(), new java.awt.geom.Rectangle2D.Double(0, 0, 300, 200));
        String content = inflatedStreams(doc.getPDFBytes());
        assertTrue(content.contains("Tj"), "standard mode writes text operators");
        assertTrue(content.contains("?"), "and replaces σ, λ, ε, δ with '?'");
    }

    @Test
    void unknownExtensionIsRejectedWithAReason(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChartExporter.write(chart(), dir.resolve("c.gif")));
        assertTrue(e.getMessage().contains("c.gif"));
    }

    /** Concatenated, inflated content of every FlateDecode stream of a PDF. */
    static String inflatedStreams(byte[] pdf) throws Exception {
        String s = new String(pdf, StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        Matcher m = Pattern.compile("(?<!end)stream\r?\n").matcher(s);
        int from = 0;
        while (m.find(from)) {
            int start = m.end();
            int end = s.indexOf("endstream", start);
            java.util.zip.Inflater inf = new java.util.zip.Inflater();
            inf.setInput(java.util.Arrays.copyOfRange(pdf, start, end));
            byte[] buf = new byte[1 << 16];
            java.io.ByteArrayOutputStream bo = new java.io.ByteArrayOutputStream();
            while (!inf.finished() && !inf.needsInput()) {
                int n = inf.inflate(buf);
                bo.write(buf, 0, n);
                if (n == 0 && inf.needsDictionary()) {
                    break;
                }
            }
            out.append(bo.toString(StandardCharsets.ISO_8859_1));
            from = end;
        }
        return out.toString();
    }

    private static int count(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
