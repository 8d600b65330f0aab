package org.unlearning.workbench.engine.io;

import java.io.ObjectInputFilter;

/**
 * Java deserialization is never used on purpose: model files are read by
 * {@code engine.model.ModelArchive} without object streams. As defence in depth (a library we call
 * might still open an {@link java.io.ObjectInputStream} on bytes from a file), the process-wide
 * filter installed here rejects every class, array and reference, so no object is ever built from
 * a stream. Installed first thing by the CLI's and the window's {@code main}.
 */
public final class SerialFilter {
    /** Rejects everything an object stream could build. */
    public static final ObjectInputFilter REJECT_ALL = info -> ObjectInputFilter.Status.REJECTED;

    private SerialFilter() {}

    /**
     * Installs {@link #REJECT_ALL} as the JVM-wide filter. When a filter is already installed (e.g.
     * by {@code -Djdk.serialFilter=...}) it is left as it is, unless it is ours.
     *
     * @return true when the reject-all filter is now the JVM-wide one
     */
    public static synchronized boolean install() {
        ObjectInputFilter current = ObjectInputFilter.Config.getSerialFilter();
        if (current == REJECT_ALL) {
            return true;
        }
        if (current != null) {
            return false;
        }
        try {
            ObjectInputFilter.Config.setSerialFilter(REJECT_ALL);
            return true;
        } catch (IllegalStateException e) {
            return ObjectInputFilter.Config.getSerialFilter() == REJECT_ALL;
        }
    }
}
