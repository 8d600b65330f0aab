package org.unlearning.workbench.app.cli;

import org.unlearning.workbench.engine.io.SerialFilter;
import org.unlearning.workbench.engine.model.Backend;
import org.unlearning.workbench.engine.model.BackendChoice;
import org.unlearning.workbench.engine.model.BlasCoreSelection;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code java -jar unlearning-workbench.jar}. Exit status: 0 success, 1 a check
 * failed, 2 bad input (one-line message naming the argument or file, also for an input too large
 * for memory; stack trace only with {@code --verbose}), 3 internal error, 130/143 interrupted by
 * SIGINT/SIGTERM.
 */
@Command(name = "unlearning-workbench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Certified machine unlearning of neural networks (headless CLI).",
        subcommands = {CommandLine.HelpCommand.class, TrainCommand.class, BenchCommand.class, InfoCommand.class,
                EvaluateCommand.class, AccountantCommand.class, UnlearnCommand.class, CompareRunsCommand.class,
                ReportCommand.class, SweepCommand.class, AuditCommand.class, VerifyCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        SerialFilter.install();     // first: no object stream may ever build an object
        BlasCoreSelection.apply(); // before anything loads ND4J/OpenBLAS
        BackendChoice backend = Backend.select(); // CPU or CUDA, decided before ND4J loads
        String invalid = Backend.invalidRequest();
        if (invalid != null || Backend.cudaRequiredButUnusable()) {
            System.err.println("error: " + (invalid != null ? invalid : backend.reason()));
            System.exit(CliSupport.EXIT_BAD_INPUT);
        } else if (backend.cudaInBuild()) {
            System.err.println(backend.line()); // a choice was made: say which and why
        }
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit status (used by tests). */
    public static int run(String... args) {
        return CliSupport.execute(CliSupport.commandLine(new Main()), args);
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
