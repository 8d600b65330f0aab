package org.unlearning.workbench.app.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever a command throws — errors included — becomes one line and an exit status (issue #12, defects 4, 6). */
class CliSupportTest {
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        final Throwable t;

        Boom(Throwable t) {
            this.t = t;
        }

        @Override
        public Integer call() throws Exception {
            if (t instanceof Exception e) {
                throw e;
            }
            throw (Error) t;
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            oom       | 2 | error: out of memory: the input needs more than this JVM's
            stack     | 2 | error: the input is nested too deeply to read
            linkage   | 3 | error: internal error: NoClassDefFoundError: org/x/Gone
            proc      | 2 | error: /proc/x: no such file or folder
            denied    | 2 | error: /root/secret: permission denied
            isdir     | 2 | error: /tmp: is a directory
            nomessage | 3 | error: internal error: NullPointerException
            """)
    void everyThrowableIsOneLine(String kind, int code, String line) {
        Throwable t = switch (kind) {
            case "oom" -> new OutOfMemoryError("Java heap space");
            case "stack" -> new StackOverflowError();
            case "linkage" -> new NoClassDefFoundError("org/x/Gone");
            case "proc" -> new java.nio.file.NoSuchFileException("/proc/x");
            case "denied" -> new AccessDeniedException("/root/secret");
            case "isdir" -> new FileSystemException("/tmp", null, "Is a directory");
            default -> new NullPointerException();
        };
        StringWriter err = new StringWriter();
        CommandLine cl = CliSupport.commandLine(new Boom(t));
        cl.setErr(new PrintWriter(err, true));
        assertEquals(code, CliSupport.execute(cl));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith(line), err.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --verbose
            """)
    void verbosePrintsTheTrace(String flag) {
        StringWriter err = new StringWriter();
        CommandLine cl = CliSupport.commandLine(new Boom(new IOException("x: broken")));
        cl.setErr(new PrintWriter(err, true));
        cl.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder(flag).build());
        assertEquals(2, CliSupport.execute(cl, flag));
        assertTrue(err.toString().contains("\tat "), err.toString());
        assertTrue(err.toString().strip().endsWith("error: x: broken"), err.toString());
    }
}
