package org.unlearning.workbench.app.report;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.jfree.chart.JFreeChart;
import org.unlearning.workbench.app.chart.ChartExporter;
import org.unlearning.workbench.app.chart.PdfFonts;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Flowing layout on A4 pages with real text in the embedded fonts: headings, paragraphs wrapped
 * at spaces (never inside a word; a word longer than the line breaks after "/", "_", "-" or ".",
 * and only a token without such a place — never a hash in its column — is cut), two-column
 * tables, boxes and vector charts. Page numbers are written when the document is finished.
 */
final class PdfLayout implements AutoCloseable {
    static final float MARGIN = 50;
    static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final float TOP = PDRectangle.A4.getHeight() - 40;
    private static final float BOTTOM = 52;
    static final Color INK = new Color(0x1a1a1a);
    static final Color MUTED = new Color(0x555555);
    private static final Color RULE = new Color(0xd0d0d0);

    private final PDDocument doc;
    private final PdfFonts fonts;
    private final String footer;
    private PDPageContentStream cs;
    private float y;

    PdfLayout(PDDocument doc, PdfFonts fonts, String footer) {
        this.doc = doc;
        this.fonts = fonts;
        this.footer = footer;
    }

    PdfFonts fonts() {
        return fonts;
    }

    void newPage() throws IOException {
        closeStream();
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        cs = new PDPageContentStream(doc, page);
        y = TOP;
    }

    /** Starts a new page unless {@code height} points still fit on this one. */
    void ensure(float height) throws IOException {
        if (cs == null || y - height < BOTTOM) {
            newPage();
        }
    }

    void space(float points) {
        y -= points;
    }

    void heading(String text, float size) throws IOException {
        ensure(size * 3.2f + 40);     // never a heading alone at the foot of a page
        y -= size * 0.6f;
        paragraph(text, fonts.bold(), size, INK, 0);
        y -= size * 0.25f;
    }

    void paragraph(String text, PDFont font, float size, Color color, float indent) throws IOException {
        float leading = size * 1.35f;
        for (String para : text.split("\n", -1)) {
            for (String line : wrap(font, size, para, WIDTH - indent)) {
                ensure(leading);
                y -= leading;
                show(font, size, color, MARGIN + indent, y + size * 0.25f, line);
            }
        }
    }

    /** A filled box with bold text (the status banner) and an optional plain line under it. */
    void banner(String title, String detail, Color fill, Color ink) throws IOException {
        List<String> lines = detail == null ? List.of() : wrap(fonts.regular(), 10, detail, WIDTH - 20);
        float h = 30 + lines.size() * 13.5f + (lines.isEmpty() ? 0 : 4);
        ensure(h + 8);
        y -= h;
        cs.setNonStrokingColor(fill);
        cs.addRect(MARGIN, y, WIDTH, h);
        cs.fill();
        show(fonts.bold(), 15, ink, MARGIN + 10, y + h - 21, title);
        float ly = y + h - 21;
        for (String l : lines) {
            ly -= 13.5f;
            show(fonts.regular(), 10, ink, MARGIN + 10, ly, l);
        }
        y -= 8;
    }

    /** Two-column table: names on the left, values (wrapped; monospaced when asked) on the right. */
    void table(List<Row> rows, float nameWidth) throws IOException {
        float size = 9f;
        float leading = size * 1.3f;
        float valueX = MARGIN + nameWidth + 8;
        float valueWidth = WIDTH - nameWidth - 8;
        for (Row r : rows) {
            if (r.group()) {
                ensure(leading * 2.4f);
                y -= leading * 0.6f;
                List<String> g = wrap(fonts.bold(), size, r.name(), WIDTH);
                for (String l : g) {
                    y -= leading;
                    show(fonts.bold(), size, INK, MARGIN, y + size * 0.25f, l);
                }
                continue;
            }
            PDFont vf = r.mono() ? fonts.mono() : fonts.regular();
            float vs = r.mono() ? size - 1 : size;
            List<String> names = wrap(fonts.regular(), size, r.name(), nameWidth);
            List<String> values = new ArrayList<>();
            for (String para : r.value().split("\n", -1)) {
                values.addAll(wrap(vf, vs, para, valueWidth));
            }
            int n = Math.max(names.size(), values.size());
            if (n * leading + 4 > TOP - BOTTOM) {       // taller than a page: flow the value as paragraphs
                paragraph(r.name(), fonts.bold(), size, INK, 0);
                paragraph(r.value(), vf, vs, INK, 12);
                continue;
            }
            ensure(n * leading + 4);
            for (int i = 0; i < n; i++) {
                y -= leading;
                if (i < names.size()) {
                    show(fonts.regular(), size, MUTED, MARGIN, y + size * 0.25f, names.get(i));
                }
                if (i < values.size()) {
                    show(vf, vs, INK, valueX, y + size * 0.25f, values.get(i));
                }
            }
            y -= 3;
            rule();
        }
    }

    /** Short name–value pairs in two columns side by side (page 1's parameters). */
    void grid(List<Row> rows) throws IOException {
        float size = 9f;
        float leading = size * 1.3f;
        float col = (WIDTH - 16) / 2;
        float nameWidth = 110;
        for (int i = 0; i < rows.size(); i += 2) {
            List<List<String>> cells = new ArrayList<>();
            int n = 1;
            for (int c = 0; c < 2 && i + c < rows.size(); c++) {
                Row r = rows.get(i + c);
                List<String> names = wrap(fonts.regular(), size, r.name(), nameWidth - 6);
                List<String> values = wrap(fonts.regular(), size, r.value(), col - nameWidth);
                cells.add(names);
                cells.add(values);
                n = Math.max(n, Math.max(names.size(), values.size()));
            }
            ensure(n * leading + 4);
            for (int k = 0; k < n; k++) {
                y -= leading;
                for (int c = 0; c < cells.size() / 2; c++) {
                    float x = MARGIN + c * (col + 16);
                    if (k < cells.get(2 * c).size()) {
                        show(fonts.regular(), size, MUTED, x, y + size * 0.25f, cells.get(2 * c).get(k));
                    }
                    if (k < cells.get(2 * c + 1).size()) {
                        show(fonts.regular(), size, INK, x + nameWidth, y + size * 0.25f, cells.get(2 * c + 1).get(k));
                    }
                }
            }
            y -= 3;
            rule();
        }
    }

    private void rule() throws IOException {
        cs.setStrokingColor(RULE);
        cs.setLineWidth(0.4f);
        cs.moveTo(MARGIN, y);
        cs.lineTo(MARGIN + WIDTH, y);
        cs.stroke();
        y -= 1;
    }

    /** A chart as a vector drawing, full width, with a caption under it. */
    void figure(JFreeChart chart, String caption, float height) throws IOException {
        List<String> lines = caption == null ? List.of() : wrap(fonts.regular(), 9, caption, WIDTH);
        ensure(height + lines.size() * 12 + 10);
        y -= height;
        ChartExporter.draw(doc, fonts, cs, chart, MARGIN, y, WIDTH, height);
        y -= 2;
        for (String l : lines) {
            y -= 12;
            show(fonts.regular(), 9, MUTED, MARGIN, y + 2, l);
        }
        y -= 10;
    }

    private void show(PDFont font, float size, Color color, float x, float baseline, String text) throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.setNonStrokingColor(color);
        cs.newLineAtOffset(x, baseline);
        cs.showText(printable(font, text));
        cs.endText();
    }

    /** The text with characters the font has no glyph for replaced by "?" (never an exception). */
    static String printable(PDFont font, String text) {
        try {
            font.encode(text);
            return text;
        } catch (IOException | IllegalArgumentException e) {
            StringBuilder b = new StringBuilder();
            text.codePoints().forEach(cp -> {
                String c = new String(Character.toChars(cp));
                try {
                    font.encode(c);
                    b.append(c);
                } catch (IOException | IllegalArgumentException bad) {
                    b.append('?');
                }
            });
            return b.toString();
        }
    }

    static float width(PDFont font, float size, String s) {
        try {
            return font.getStringWidth(printable(font, s)) / 1000f * size;
        } catch (IOException e) {
            return s.length() * size * 0.6f;
        }
    }

    /** Lines of at most {@code max} points, broken at spaces (see the class comment for long words). */
    static List<String> wrap(PDFont font, float size, String text, float max) {
        int indent = 0;
        while (indent < text.length() && text.charAt(indent) == ' ') {
            indent++;
        }
        if (indent > 0) {    // indented lines (JSON): keep the indent, continuation lines two spaces deeper
            String lead = text.substring(0, indent);
            List<String> out = new ArrayList<>();
            for (String l : wrap(font, size, text.substring(indent), max - width(font, size, lead + "  "))) {
                out.add((out.isEmpty() ? lead : lead + "  ") + l);
            }
            return out;
        }
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (width(font, size, candidate) <= max) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            String rest = word;
            while (width(font, size, rest) > max) {
                int cut = breakPoint(font, size, rest, max);
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        lines.add(line.toString());
        return lines;
    }

    /** Longest prefix that fits, ending after "/", "_", "-", "." or "," when there is one. */
    private static int breakPoint(PDFont font, float size, String word, float max) {
        int fit = 1;
        while (fit < word.length() && width(font, size, word.substring(0, fit + 1)) <= max) {
            fit++;
        }
        for (int i = fit; i > fit / 3; i--) {
            if ("/_-.,".indexOf(word.charAt(i - 1)) >= 0) {
                return i;
            }
        }
        return fit;
    }

    private void closeStream() throws IOException {
        if (cs != null) {
            cs.close();
            cs = null;
        }
    }

    /** Closes the last page and writes "footer · page i of n" on every page. */
    @Override
    public void close() throws IOException {
        closeStream();
        int n = doc.getNumberOfPages();
        for (int i = 0; i < n; i++) {
            try (PDPageContentStream f = new PDPageContentStream(doc, doc.getPage(i),
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                String text = footer + " · page " + (i + 1) + " of " + n;
                List<String> lines = wrap(fonts.regular(), 8, text, WIDTH);
                float fy = 30;
                for (String l : lines) {
                    f.beginText();
                    f.setFont(fonts.regular(), 8);
                    f.setNonStrokingColor(MUTED);
                    f.newLineAtOffset(MARGIN, fy);
                    f.showText(printable(fonts.regular(), l));
                    f.endText();
                    fy -= 10;
                }
            }
        }
    }
}
