package org.unlearning.workbench.app.fx.sweep;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unlearning.workbench.engine.sweep.ResultRow;
import org.unlearning.workbench.engine.sweep.SweepFiles;
import org.unlearning.workbench.engine.sweep.SweepProgress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Sweep tab on a tiny real sweep (bundled MNIST, sample mlp-5, 1 fine-tune epoch, no retrain
 * baseline): the plan lists the runs and the refused points before running; a pass fills the rows,
 * the progress and the frontier and writes results.csv and the figures; a click on a frontier point
 * selects its run, whose report can be written; the specification edited to more seeds and planned
 * into the same folder resumes the finished runs and, cancelled after its first new run, keeps that run.
 */
@ExtendWith(ApplicationExtension.class)
class SweepPanelTest {
    /** 2 ε × λ ∈ {750, 20000} (20000 is out of gradient clipping's range: refused) × seeds. */
    private static String spec(String seeds) {
        return """
                name: panel-test
                base:
                  preset: mnist-gradclip
                  set: {fine_tune.epochs: 1, retrain_baseline: false, evaluations_per_epoch: 1}
                axes:
                  epsilon: [0.3, 3]
                  lambda: [750, 20000]
                seeds: %s
                """.formatted(seeds);
    }

    @TempDir
    static Path tmp;
    private SweepPanel panel;

    @Start
    void start(Stage stage) {
        panel = new SweepPanel(tmp.resolve("sweeps"), Path.of(""));
        stage.setScene(new Scene(panel, 1200, 760));
        stage.show();
    }

    private void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void plansRunsFillsTheFrontierThenResumesAndKeepsFinishedRunsOnCancel(FxRobot robot) throws Exception {
        SweepSession s = panel.session();
        Path dir = tmp.resolve("sweep");

        // the form's default: the gradient-clipping preset over three ε with three seeds
        String[] form = new String[1];
        robot.interact(() -> form[0] = panel.formYaml());
        assertTrue(form[0].contains("preset: mnist-gradclip") && form[0].contains("epsilon: [0.3, 1, 3]")
                && form[0].contains("seeds: [0, 1, 2]"), form[0]);

        // plan: 2 runs, the 2 points with λ = 20000 refused with their reason, before anything runs
        robot.interact(() -> {
            try {
                s.load(spec("[0]"), Path.of(""), dir);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        waitFor(() -> s.planProperty().get() != null);
        assertEquals(2, s.items().size());
        assertEquals(2, s.planProperty().get().rejected().size());
        assertTrue(panel.refusedList().getItems().stream().anyMatch(l -> l.contains("lambda=20000")
                && l.contains("weight_decay")), panel.refusedList().getItems().toString());
        assertFalse(Files.exists(dir.resolve("results.csv")), "nothing ran yet");
        assertFalse(panel.runButton().isDisabled());
        assertEquals("epsilon", s.frontierAxis(), "before any result: the planned points vary ε (λ only in refused ones)");

        // run it on 2 workers: rows arrive, progress reaches the total, the frontier is drawn
        robot.interact(() -> {
            panel.setWorkers(2);
            panel.start();
        });
        assertTrue(s.runningProperty().get());
        waitFor(() -> !s.runningProperty().get());
        SweepProgress p = s.progressProperty().get();
        assertEquals(2, p.total());
        assertEquals(2, p.done());
        assertEquals(0, p.failures());
        assertTrue(panel.progressLabel().getText().startsWith("2/2 runs"), panel.progressLabel().getText());
        s.items().forEach(i -> assertEquals("certified", i.stateProperty().get()));
        List<Map<String, String>> csv = SweepFiles.readCsv(dir.resolve("results.csv"));
        assertEquals(2, csv.size());
        assertTrue(Files.size(dir.resolve("frontier.png")) > 0, "report written at the end of a full pass");
        assertNotNull(panel.frontierChart(), "frontier drawn");
        XYPlot plot = panel.frontierChart().getChart().getXYPlot();
        assertEquals(1, plot.getDataset().getSeriesCount(), "one method: one series");
        assertEquals(2, plot.getDataset().getItemCount(0), "two ε");

        // a click on a frontier point selects its run; its PDF report is written into its folder
        assertTrue(panel.specEditor().getText().contains("name: panel-test"));
        robot.interact(() -> assertEquals(1, panel.selectPoint(panel.frontierFigure().point(0, 0))));
        assertTrue(panel.detailLabel().getText().contains("certified"), panel.detailLabel().getText());
        robot.interact(() -> panel.runReportButton().fire());
        waitFor(() -> s.messageProperty().get().startsWith("run report written to"));
        Path pdf = Path.of(s.messageProperty().get().substring("run report written to ".length()));
        assertTrue(Files.size(pdf) > 0);

        // the specification edited to two seeds, planned into the same folder: seed 0 resumed, then a
        // pass cancelled after its first new run
        robot.interact(() -> {
            panel.specEditor().setText(spec("[0, 1]"));
            panel.replanButton().fire();
        });
        waitFor(() -> s.planProperty().get() != null);
        assertEquals(4, s.items().size());
        assertEquals(2, s.rows().size(), "the earlier pass's rows are shown before running");
        assertEquals("Resume", panel.runButton().getText());
        robot.interact(() -> {
            s.rowsChangedProperty().addListener((o, a, b) -> {
                boolean newRun = s.items().stream().anyMatch(i -> i.rowProperty().get() != null
                        && !i.stateProperty().get().endsWith("(earlier pass)"));
                if (newRun) {
                    panel.cancelButton().fire();
                }
            });
            panel.setWorkers(1);
            panel.start();
        });
        waitFor(() -> !s.runningProperty().get());
        SweepProgress q = s.progressProperty().get();
        assertEquals(4, q.total());
        assertEquals(2, q.resumed());
        long completed = s.rows().stream().filter(ResultRow::completed).count();
        assertEquals(3, completed, "the two resumed runs and the one finished before the cancel");
        assertTrue(s.messageProperty().get().startsWith("cancelled: 3 of 4 runs"), s.messageProperty().get());
        List<Map<String, String>> kept = SweepFiles.readCsv(dir.resolve("results.csv"));
        assertEquals(3, kept.stream().filter(r -> r.get(ResultRow.STATUS).equals("certified")).count(), kept.toString());
        for (Map<String, String> r : kept) {
            if (r.get(ResultRow.STATUS).equals("certified")) {
                assertTrue(Files.isRegularFile(org.unlearning.workbench.engine.run.RunDirectory.of(Path.of(r.get(ResultRow.RUN_FOLDER))).sweepRow()));
            }
        }
        assertEquals("Resume", panel.runButton().getText());
        assertFalse(panel.runButton().isDisabled());
    }
}
