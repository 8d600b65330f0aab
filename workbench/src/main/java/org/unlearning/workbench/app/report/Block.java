package org.unlearning.workbench.app.report;

import org.jfree.chart.JFreeChart;

import java.util.List;

/** The parts a report is made of; {@link PdfReport} and {@link HtmlReport} render the same list. */
sealed interface Block {
    /** Document title and the line under it. */
    record Title(String text, String subtitle) implements Block {}

    /** A coloured box: status, or the private-diagnostics warning. */
    record Banner(String title, String detail, Tone tone) implements Block {}

    record Heading(String text) implements Block {}

    record Paragraph(String text) implements Block {}

    /** Monospaced lines (the raw JSON appendix). */
    record Code(String text) implements Block {}

    /** Name–value rows; {@code twoColumns}: short pairs set side by side (PDF). */
    record Table(List<Row> rows, boolean twoColumns) implements Block {
        Table(List<Row> rows) {
            this(rows, false);
        }
    }

    record Figure(JFreeChart chart, String caption) implements Block {}

    /** The next block starts on a new page (PDF). */
    record PageBreak() implements Block {}

    enum Tone { GOOD, BAD, WARNING }
}
