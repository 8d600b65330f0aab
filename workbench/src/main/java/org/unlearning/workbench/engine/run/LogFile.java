package org.unlearning.workbench.engine.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** The run's messages, one timestamped line each, in {@code private/log.txt} (a private diagnostic, §14). */
final class LogFile implements RunListener, AutoCloseable {
    private final BufferedWriter out;
    private boolean closed;

    LogFile(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void message(String text) {
        if (closed) {
            return;
        }
        try {
            out.write(Instant.now() + " " + text);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        out.close();
    }
}
