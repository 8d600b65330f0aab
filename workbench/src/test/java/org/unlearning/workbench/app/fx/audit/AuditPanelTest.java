package org.unlearning.workbench.app.fx.audit;

import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unlearning.workbench.app.fx.charts.ChartView;
import org.unlearning.workbench.engine.audit.AuditReport;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Audit tab renders a finished audit.json: ε̂ beside certified ε, the power sentence, ROC and histograms. */
@ExtendWith(ApplicationExtension.class)
class AuditPanelTest {
    @TempDir
    static Path tmp;
    private AuditPanel panel;

    @Start
    void start(Stage stage) {
        panel = new AuditPanel(tmp.resolve("audits"));
        stage.setScene(new Scene(panel, 1100, 760));
        stage.show();
    }

    /** A finished audit as the runner writes it: one method whose attack found nothing, a reference that did. */
    static AuditReport finished(boolean referenceSeparates) {
        List<Double> w1 = List.of(-1.0, -1.1, -0.9, -1.2, -1.05, -0.95);
        List<Double> w0 = List.of(-4.0, -4.1, -3.9, -4.2, -4.05, -3.95);
        List<Double> noise = List.of(-7.0, -9.0, -8.0, -6.5, -7.5, -8.5);
        AuditReport.Distinguishing gc = new AuditReport.Distinguishing(0, 0.95, -7.7, 2, 3, 2, 3, 0.09, 0.99, 1e-5, 0.3,
                noise, noise);
        AuditReport.Distinguishing ref = new AuditReport.Distinguishing(referenceSeparates ? 0.3 : 0, 0.95, -2.5, 3, 3,
                0, 3, 0.29, 0.71, 0, 0.3, w1, referenceSeparates ? w0 : w1);
        AuditReport.MethodAudit m = new AuditReport.MethodAudit("gradient_clipping", 1.0, 1e-5, "the certificate's ε",
                0, 0.95, true, ref.epsilonHat(), 12, gc, null);
        AuditReport.PowerCheck p = new AuditReport.PowerCheck(ref.epsilonHat(), -0.8, -4.2, 0.3, ref, null,
                referenceSeparates, referenceSeparates ? "the attack separates the worlds without unlearning"
                : AuditReport.NO_POWER);
        return new AuditReport("panel-test", 6, 0.05, 0.95, "logit margin",
                new AuditReport.Canaries(0, 10, 1, 10, "10 synthetic inputs"), null, List.of(m), p, List.of(), 1.0);
    }

    @Test
    void rendersAFinishedAuditJson(FxRobot robot) throws Exception {
        Path dir = tmp.resolve("done");
        java.nio.file.Files.createDirectories(dir);
        finished(true).write(dir);
        robot.interact(() -> {
            try {
                panel.open(dir);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, panel.table().getItems().size());
        assertEquals("gradient_clipping", panel.table().getItems().get(0).method());
        assertTrue(robot.lookup("1.000").tryQuery().isPresent(), "certified ε shown");
        assertTrue(robot.lookup("0.000 at 95%").tryQuery().isPresent(), "ε̂ with its confidence shown");
        assertTrue(panel.powerLabel().getText().contains("separates the worlds"), panel.powerLabel().getText());
        List<String> tabs = panel.charts().getTabs().stream().map(Tab::getText).toList();
        assertEquals(List.of("ROC", "ε̂ vs ε", "Scores: gradient_clipping", "Scores: reference"), tabs);
        for (Tab t : panel.charts().getTabs()) {
            assertTrue(t.getContent() instanceof ChartView);
        }
    }

    @Test
    void saysWhenTheAuditCannotDetectAnything(FxRobot robot) {
        robot.interact(() -> panel.show(finished(false)));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(panel.powerLabel().getText().contains(AuditReport.NO_POWER), panel.powerLabel().getText());
    }
}
