package org.unlearning.workbench.engine.io;

import java.io.Serializable;

/**
 * Stands for a deserialization gadget: it records on the system properties when it is initialised
 * (loaded and prepared for use: the static initialiser runs) or constructed. Tests check that
 * hostile files naming it never get that far.
 */
public final class HostileGadget implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String INITIALISED = "uw.test.HostileGadget.initialised";
    public static final String CONSTRUCTED = "uw.test.HostileGadget.constructed";

    static {
        System.setProperty(INITIALISED, "true");
    }

    public HostileGadget() {
        System.setProperty(CONSTRUCTED, "true");
    }
}
