package org.unlearning.workbench.engine.io;

import java.io.Serializable;

/** Same as {@link HostileGadget}; the control that shows the crafted stream does build an object when nothing filters it. */
public final class ControlGadget implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String INITIALISED = "uw.test.ControlGadget.initialised";

    static {
        System.setProperty(INITIALISED, "true");
    }
}
