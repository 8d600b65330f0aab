package org.unlearning.workbench.app.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest (or "dev" when run from classes). */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"unlearning-workbench " + (v == null ? "dev" : v)};
    }
}
