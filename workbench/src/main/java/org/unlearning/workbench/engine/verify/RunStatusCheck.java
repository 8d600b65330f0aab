package org.unlearning.workbench.engine.verify;

import org.unlearning.workbench.engine.io.RunStatus;

import java.io.IOException;
import java.util.Optional;

/**
 * The run finished and recorded itself certified ({@code status.json}, written last and atomically):
 * a run still in progress, interrupted (e.g. killed) or stopped is not certified whatever its
 * certificate says.
 */
public final class RunStatusCheck implements ReleaseCheck {
    @Override
    public String name() {
        return "run-status";
    }

    @Override
    public CheckResult check(ReleaseUnderCheck r) {
        Optional<RunStatus.Reading> s;
        try {
            s = r.directory().status();
        } catch (IOException | RuntimeException e) {
            return CheckResult.fail(name(), RunStatus.FILE + " cannot be read: " + e.getMessage());
        }
        if (s.isEmpty()) {
            return CheckResult.pass(name(), "no " + RunStatus.FILE + " (a folder written before run status files); "
                    + "the certificate alone is checked");
        }
        if (s.get().certified()) {
            return CheckResult.pass(name(), RunStatus.FILE + ": " + s.get().describe());
        }
        return CheckResult.fail(name(), RunStatus.FILE + ": " + s.get().describe());
    }
}
