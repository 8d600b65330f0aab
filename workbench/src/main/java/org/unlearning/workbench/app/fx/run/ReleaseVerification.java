package org.unlearning.workbench.app.fx.run;

import javafx.concurrent.Task;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Window;
import org.unlearning.workbench.app.fx.CommandLineText;
import org.unlearning.workbench.engine.verify.CertificateVerifier;
import org.unlearning.workbench.engine.verify.CertificateVerifier.Verification;

import java.nio.file.Path;
import java.util.List;

/**
 * The run list's Verify action: the checks of {@code verify RUN_DIR} ({@link CertificateVerifier},
 * theory.md §14) on a worker thread, their PASS/FAIL lines in a dialog and a one-line summary.
 */
final class ReleaseVerification {
    private ReleaseVerification() {}

    /**
     * The task that verifies the release in {@code runDir}: the folder's checks and, with the
     * dataset the run used ({@code data}, its configuration's source), the dataset and forget-set
     * hash checks too — what {@code verify RUN_DIR --data SOURCE} does.
     */
    static Task<Verification> task(Path runDir, String data) {
        return new Task<>() {
            @Override
            protected Verification call() throws Exception {
                return CertificateVerifier.verify(runDir, data);
            }
        };
    }

    /** "Run 2 verified: all 5 checks pass" or "Run 2 failed verification: guarantee (1 of 5 checks)". */
    static String summary(String run, Verification v) {
        List<String> failed = v.failed();
        int n = v.results().size();
        return v.passed() ? run + " verified: all " + n + " checks pass"
                : run + " failed verification: " + String.join(", ", failed) + " (" + failed.size() + " of " + n
                + " checks)";
    }

    /** Builds (does not show) the dialog with one line per check. */
    static Alert dialog(Window owner, String run, Path runDir, String data, Verification v) {
        Alert a = new Alert(v.passed() ? Alert.AlertType.INFORMATION : Alert.AlertType.WARNING);
        if (owner != null) {
            a.initOwner(owner);
        }
        a.setTitle("Verify " + run);
        a.setHeaderText(summary(run, v));
        TextArea lines = new TextArea(String.join("\n", v.lines()) + "\n\nFolder: " + runDir.toAbsolutePath()
                + "\nThe same checks: " + CommandLineText.verify(runDir, data));
        lines.setId("verify-lines");
        lines.setEditable(false);
        lines.setWrapText(true);
        lines.setPrefColumnCount(90);
        lines.setPrefRowCount(2 * v.results().size() + 6);   // long lines wrap
        a.getDialogPane().setContent(lines);
        a.setResizable(true);
        return a;
    }
}
