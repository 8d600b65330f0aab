package org.unlearning.workbench.app.chart;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Map;

/**
 * The bundled DejaVu faces loaded into one PDF document (embedded as subsets of the glyphs used),
 * for the report's own text and for chart text drawn through the Graphics2D bridge — so a PDF
 * carries real, extractable text with σ ε δ λ, never a base-14 font that would print "?".
 */
public final class PdfFonts {
    private final Map<ChartFonts.Face, PDFont> fonts = new EnumMap<>(ChartFonts.Face.class);

    private PdfFonts() {}

    public static PdfFonts load(PDDocument doc) throws IOException {
        ChartFonts.register();
        PdfFonts f = new PdfFonts();
        for (ChartFonts.Face face : ChartFonts.Face.values()) {
            try (InputStream in = face.open()) {
                f.fonts.put(face, PDType0Font.load(doc, new ByteArrayInputStream(withoutLigatures(in.readAllBytes())), true));
            }
        }
        return f;
    }

    /**
     * The TTF with its GSUB table renamed (so ignored): PDFBox would otherwise set "fi" as the
     * ligature "ﬁ", and text extraction and search would find "certiﬁed" instead of "certified".
     * The table directory stays sorted ("GSUB" → "GSUX"); the embedded subset never carries it.
     */
    static byte[] withoutLigatures(byte[] ttf) {
        int tables = ((ttf[4] & 0xff) << 8) | (ttf[5] & 0xff);
        for (int i = 0; i < tables; i++) {
            int at = 12 + 16 * i;
            if (ttf[at] == 'G' && ttf[at + 1] == 'S' && ttf[at + 2] == 'U' && ttf[at + 3] == 'B') {
                ttf[at + 3] = 'X';
            }
        }
        return ttf;
    }

    public PDFont regular() {
        return fonts.get(ChartFonts.Face.REGULAR);
    }

    public PDFont bold() {
        return fonts.get(ChartFonts.Face.BOLD);
    }

    public PDFont mono() {
        return fonts.get(ChartFonts.Face.MONO);
    }

    /** Maps chart fonts (by AWT font name) to the embedded faces; other fonts are drawn as outlines. */
    PdfBoxGraphics2DFontTextDrawer textDrawer() {
        PdfBoxGraphics2DFontTextDrawer d = new PdfBoxGraphics2DFontTextDrawer();
        fonts.forEach((face, font) -> d.registerFont(face.fontName(), font));
        return d;
    }
}
