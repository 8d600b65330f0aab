package org.unlearning.workbench.app.cli;

import org.unlearning.workbench.app.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code report RUN_DIR --out FILE.pdf}: the run's report, the same document the window exports. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the PDF report of a finished run folder: a summary page (status, the guarantee in "
                + "words and numbers, method and parameters, results, what the certificate covers), vector charts, "
                + "private diagnostics labelled as such, the certificate's fields and the raw certificate JSON.")
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run folder written by 'unlearn' or the window")
    Path runDir;

    @Option(names = "--out", required = true, paramLabel = "FILE.pdf", description = "the PDF file to write")
    Path out;

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        if (!out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".pdf")) {
            throw new IllegalArgumentException("--out " + out + ": the report is a PDF; name the file *.pdf");
        }
        RunReport.writePdf(runDir, out);
        System.out.println("report written to " + out.toAbsolutePath());
        return CliSupport.EXIT_OK;
    }
}
