package org.unlearning.workbench.engine.io;

import java.io.IOException;

/**
 * A file that cannot be used as input, with a one-line message naming the file and what is wrong
 * (the CLI prints it and exits 2; the window shows it).
 */
public final class InputFileException extends IOException {
    public InputFileException(String message) {
        super(message);
    }

    public InputFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
