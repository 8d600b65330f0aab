package org.unlearning.workbench.engine.verify;

/** One independent check of a release against its certificate. */
public interface ReleaseCheck {
    /** Short name printed on the check's line. */
    String name();

    /** Runs the check; a check never throws for a bad release, it fails with the reason. */
    CheckResult check(ReleaseUnderCheck release);
}
