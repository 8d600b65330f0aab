package org.unlearning.workbench.engine.verify;

/**
 * The outcome of one check: {@code PASS name — detail} or {@code FAIL name — detail}.
 *
 * @param name   short check name (e.g. {@code model-hash})
 * @param passed whether the release passed it
 * @param detail what was compared, in one line
 */
public record CheckResult(String name, boolean passed, String detail) {
    public static CheckResult pass(String name, String detail) {
        return new CheckResult(name, true, detail);
    }

    public static CheckResult fail(String name, String detail) {
        return new CheckResult(name, false, detail);
    }

    /** The printed line. */
    public String line() {
        return (passed ? "PASS " : "FAIL ") + name + " — " + detail.replaceAll("\\s*\\R\\s*", " ");
    }
}
