package org.unlearning.workbench.engine.io;

import java.nio.file.Path;

/**
 * A second process for the run-folder tests: locks the folder given as argument, records an
 * in-progress run, prints "locked" and waits until its stdin closes (or it is killed).
 */
public final class LockHolder {
    private LockHolder() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        try (FolderLock lock = FolderLock.acquire(dir, "test-holder")) {
            RunStatus.begin(dir, "test-holder");
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close stdin
            }
        }
    }
}
