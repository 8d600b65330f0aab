package org.unlearning.workbench.app.cli;

import picocli.CommandLine;

import java.util.Arrays;

/**
 * Shared CLI behaviour: bad input ({@link IllegalArgumentException}, parameter errors, missing
 * files) prints one line and exits 2; a stack trace is printed only with {@code --verbose}.
 */
public final class CliSupport {
    public static final int EXIT_OK = 0;
    public static final int EXIT_CHECK_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;

    private CliSupport() {}

    public static CommandLine commandLine(Object root) {
        CommandLine cl = new CommandLine(root);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            boolean verbose = isVerbose(parseResult);
            if (verbose) {
                ex.printStackTrace(cmd.getErr());
            }
            String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            cmd.getErr().println("error: " + msg.lines().findFirst().orElse(msg));
            return isBadInput(ex) ? EXIT_BAD_INPUT : 3;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            return EXIT_BAD_INPUT;
        });
        return cl;
    }

    /** True when {@code --verbose} was given to the command or any of its subcommands. */
    private static boolean isVerbose(CommandLine.ParseResult pr) {
        for (CommandLine.ParseResult p = pr; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose") || Arrays.asList(p.originalArgs()).contains("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBadInput(Throwable ex) {
        return ex instanceof IllegalArgumentException
                || ex instanceof java.io.IOException
                || ex instanceof java.io.UncheckedIOException;
    }
}
