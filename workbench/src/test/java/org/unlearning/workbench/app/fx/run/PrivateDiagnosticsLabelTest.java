package org.unlearning.workbench.app.fx.run;

import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.unlearning.workbench.app.chart.RunCharts;
import org.unlearning.workbench.app.chart.RunSeries;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Private diagnostics (theory.md §14) say so where they are shown: the run list's forget-set and
 * membership columns, and the accuracy and gradient charts — also in their SVG and PDF exports —
 * while the noise chart (the certificate's own inputs and outputs) does not.
 */
@ExtendWith(ApplicationExtension.class)
class PrivateDiagnosticsLabelTest {
    private RunChartsView charts;
    private RunTable table;

    @Start
    void start(Stage stage) {
        charts = new RunChartsView();
        table = new RunTable(FXCollections.observableArrayList());
        VBox box = new VBox(charts, table);
        charts.setPrefHeight(600);
        stage.setScene(new Scene(box, 1200, 800));
        stage.show();
    }

    private static RunSeries series() {
        RunSeries s = new RunSeries("ρ_R so far");
        s.setGradientClip(1.0);
        for (int t = 0; t < 10; t++) {
            s.addStep(t, t < 3, 2.0 / (1 + t), t < 3 ? 0.5 : 0, t < 3 ? 0.01 * (t + 1) : null);
        }
        s.addEvaluation(false, 0, 0.9, 0.9, 0.92);
        s.addEvaluation(false, 1000, 0.85, 0.86, 0.8);
        return s;
    }

    private static String header(TableColumn<RunRecord, ?> c) {
        return ((Label) c.getGraphic()).getText();
    }

    @Test
    void columnsAndChartsOfPrivateDiagnosticsSaySoAlsoInTheirExports(FxRobot robot, @TempDir Path dir) throws Exception {
        Set<String> marked = table.getColumns().stream().filter(c -> header(c).contains(RunTable.PRIVATE_MARK))
                .map(TableColumn::getId).collect(Collectors.toSet());
        assertEquals(Set.of("col-forget", "col-mia-auc"), marked, "exactly the forget-set and membership columns");
        for (TableColumn<RunRecord, ?> c : table.getColumns()) {
            if (marked.contains(c.getId())) {
                assertTrue(c.getGraphic().getStyleClass().contains("private-diagnostic"));
                assertTrue(((Label) c.getGraphic()).getTooltip().getText().contains("not covered by the certificate"));
            }
        }

        robot.interact(() -> charts.show(List.of(new RunCharts.Shown("Run 1", series()))));
        Path accSvg = dir.resolve("accuracy.svg");
        Path gradPdf = dir.resolve("gradient.pdf");
        Path noiseSvg = dir.resolve("noise.svg");
        Path accPng = dir.resolve("accuracy.png");
        robot.interact(() -> {
            try {
                charts.views().get(0).export(accSvg);
                charts.views().get(0).export(accPng);
                charts.views().get(1).export(gradPdf);
                charts.views().get(2).export(noiseSvg);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        String svg = Files.readString(accSvg);
        assertTrue(svg.contains("private — not covered by the certificate: forget set, step 0"), "SVG keeps the label");
        assertTrue(Files.size(accPng) > 1000);
        try (PDDocument doc = Loader.loadPDF(gradPdf.toFile())) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertTrue(text.contains("private — not covered by the certificate: gradients"), text);
        }
        assertFalse(Files.readString(noiseSvg).contains("not covered by the certificate"),
                "σₜ and the privacy state are the certificate's own figures");
    }
}
