package org.unlearning.workbench.app.cli;

import org.unlearning.workbench.engine.io.InputFiles;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;

/**
 * Shared CLI behaviour: bad input ({@link IllegalArgumentException}, parameter errors, missing or
 * unusable files, input too large for memory) prints one line and exits 2; a stack trace is printed
 * only with {@code --verbose}. Anything else is an internal error: one line, exit 3.
 */
public final class CliSupport {
    public static final int EXIT_OK = 0;
    public static final int EXIT_CHECK_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_INTERNAL = 3;

    private CliSupport() {}

    public static CommandLine commandLine(Object root) {
        CommandLine cl = new CommandLine(root);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) ->
                report(ex, cmd.getErr(), isVerbose(parseResult)));
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("error: " + oneLine(ex.getMessage()));
            return EXIT_BAD_INPUT;
        });
        return cl;
    }

    /** Runs {@code cl} on {@code args}; an Error escaping the command is reported like an exception. */
    static int execute(CommandLine cl, String... args) {
        try {
            return cl.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            return report(e, cl.getErr(), Arrays.asList(args).contains("--verbose"));
        } catch (RuntimeException | Error e) {
            Throwable t = e instanceof CommandLine.ExecutionException && e.getCause() != null ? e.getCause() : e;
            return report(t, cl.getErr(), Arrays.asList(args).contains("--verbose"));
        }
    }

    /** Prints one line for {@code ex} (and its stack trace when verbose); returns the exit status. */
    static int report(Throwable ex, PrintWriter err, boolean verbose) {
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.println("error: " + message(ex));
        err.flush();
        return isBadInput(ex) ? EXIT_BAD_INPUT : EXIT_INTERNAL;
    }

    /** One line saying what is wrong. */
    static String message(Throwable ex) {
        if (ex instanceof OutOfMemoryError) {
            return String.format(Locale.ROOT, "out of memory: the input needs more than this JVM's %,d MB heap "
                    + "(raise -Xmx, or use a smaller input)", Runtime.getRuntime().maxMemory() >> 20);
        }
        if (ex instanceof StackOverflowError) {
            return "the input is nested too deeply to read";
        }
        if (ex instanceof IOException io) {
            return oneLine(InputFiles.describe(io));
        }
        if (ex instanceof Error) {
            return "internal error: " + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + oneLine(ex.getMessage()));
        }
        String msg = ex.getMessage();
        if (msg == null || msg.isBlank()) {
            return "internal error: " + ex.getClass().getSimpleName();
        }
        return oneLine(msg);
    }

    private static String oneLine(String msg) {
        return msg == null ? "" : msg.lines().findFirst().orElse(msg);
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
                || ex instanceof IOException
                || ex instanceof java.io.UncheckedIOException
                || ex instanceof OutOfMemoryError
                || ex instanceof StackOverflowError;
    }
}
