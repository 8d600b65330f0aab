package org.unlearning.workbench.engine.run;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code metrics.csv}: one row per step ({@code kind = step}) and one per evaluation point
 * ({@code kind = eval}), in the order they happened. Cells that do not apply are empty. Flushed
 * at every evaluation and on close, so a cancelled or crashed run keeps its metrics.
 */
public final class MetricsCsvWriter implements RunListener, AutoCloseable {
    public static final String[] HEADER = {
        "kind", "step", "phase", "examples_processed", "wall_seconds",
        "loss", "batch_accuracy", "gradient_norm", "clip_factor", "model_norm", "sigma",
        "privacy_state",
        "test_accuracy", "test_loss", "retain_accuracy", "retain_loss",
        "forget_accuracy", "forget_loss", "validation_accuracy", "validation_loss", "releasable"
    };

    private final CSVPrinter printer;

    public MetricsCsvWriter(Path file) throws IOException {
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(HEADER).build());
    }

    @Override
    public void stepCompleted(StepMetrics s) {
        row("step", s.step(), s.phase().id(), s.examplesProcessed(), num(s.wallSeconds()),
                num(s.loss()), num(s.batchAccuracy()), num(s.gradientNorm()), num(s.clipFactor()),
                num(s.modelNorm()), num(s.sigma()), num(s.privacyState()),
                "", "", "", "", "", "", "", "", "");
    }

    @Override
    public void evaluated(EvaluationMetrics e) {
        row("eval", e.step(), e.phase().id(), e.examplesProcessed(), num(e.wallSeconds()),
                "", "", "", "", "", "", "",
                num(e.testAccuracy()), num(e.testLoss()), num(e.retainAccuracy()), num(e.retainLoss()),
                num(e.forgetAccuracy()), num(e.forgetLoss()), num(e.validationAccuracy()),
                num(e.validationLoss()), e.releasable());
        flush();
    }

    private void row(Object... cells) {
        try {
            printer.printRecord(cells);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void flush() {
        try {
            printer.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Shortest round-trip representation; empty for null or non-finite values. */
    static String num(Double v) {
        if (v == null || v.isNaN() || v.isInfinite()) {
            return "";
        }
        return Double.toString(v).toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }
}
