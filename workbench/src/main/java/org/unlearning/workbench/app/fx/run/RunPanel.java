package org.unlearning.workbench.app.fx.run;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.unlearning.workbench.app.fx.ErrorDialogs;
import org.unlearning.workbench.app.fx.export.Report;
import org.unlearning.workbench.app.fx.export.ReportExporter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The Run tab: progress (phase, elapsed and remaining time), the four live charts, and the list
 * of the session's runs (parameters, certified or not, results). Selecting a run shows it;
 * selecting two overlays the second (dashed). Exports: run CSV, certificate JSON, report.
 */
public final class RunPanel extends BorderPane {
    private final RunController controller;
    private final RunChartsView charts = new RunChartsView();
    private final TableView<RunRecord> table = new TableView<>();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label phase = new Label("No run yet: set the parameters and press Run (Ctrl+R).");

    public RunPanel(RunController controller) {
        this.controller = controller;
        progress.setId("run-progress");
        progress.setPrefWidth(260);
        progress.progressProperty().bind(Bindings.when(controller.runningProperty())
                .then(controller.progressProperty()).otherwise(Bindings.createDoubleBinding(
                        () -> controller.currentProperty().get() == null ? 0.0 : 1.0, controller.currentProperty())));
        phase.setId("run-phase");
        controller.messageProperty().addListener((o, a, b) -> {
            if (controller.runningProperty().get() && b != null && !b.isEmpty()) {
                phase.setText(b);
            }
        });
        controller.runningProperty().addListener((o, a, b) -> {
            charts.setLive(b);
            if (!b) {
                RunRecord r = controller.currentProperty().get();
                phase.setText(r == null ? "" : r.name() + ": " + r.statusProperty().get()
                        + (r.detailProperty().get().isEmpty() ? "" : " — " + r.detailProperty().get()));
            }
        });
        HBox top = new HBox(10, progress, phase);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(6));

        buildTable();
        Button csv = button("Run CSV…", "Export the per-step and per-evaluation metrics of the selected run");
        csv.setOnAction(e -> exportCsv());
        Button cert = button("Certificate JSON…", "Export the selected run's certificate");
        cert.setOnAction(e -> exportCertificate());
        Button pdf = button("Report PDF…", "All charts, parameters and the certificate of the selected run in one PDF (Ctrl+E)");
        pdf.setId("export-report");
        pdf.setOnAction(e -> exportReportDialog(false));
        Button html = button("Report HTML…", "A folder with index.html, PNG + SVG charts and the certificate");
        html.setOnAction(e -> exportReportDialog(true));
        Label hint = new Label("Select one run to show it, two to overlay them.");
        hint.getStyleClass().add("chart-readout");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(6, hint, spacer, csv, cert, pdf, html);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.setPadding(new Insets(4, 6, 4, 6));
        VBox bottom = new VBox(actions, table);
        VBox.setVgrow(table, Priority.ALWAYS);

        SplitPane split = new SplitPane(charts, bottom);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.74);
        setTop(top);
        setCenter(split);

        controller.addFinishedHook(this::showSelection);
        controller.currentProperty().addListener((o, a, b) -> {
            if (b != null) {
                table.getSelectionModel().clearSelection();
                table.getSelectionModel().select(b);
            }
        });
    }

    private static Button button(String text, String tip) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    private void buildTable() {
        table.setId("runs");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("Runs of this session appear here."));
        table.setItems(controller.runs());
        TableColumn<RunRecord, String> name = new TableColumn<>("Run");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        name.setPrefWidth(60);
        TableColumn<RunRecord, String> params = new TableColumn<>("Method and parameters");
        params.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().parametersText()));
        params.setPrefWidth(330);
        TableColumn<RunRecord, RunRecord.Status> status = new TableColumn<>("Status");
        status.setCellValueFactory(c -> c.getValue().statusProperty());
        status.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(RunRecord.Status s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().removeAll("certified", "not-certified");
                setText(empty || s == null ? null : s.toString());
                if (s == RunRecord.Status.CERTIFIED) {
                    getStyleClass().add("certified");
                } else if (s == RunRecord.Status.NOT_CERTIFIED || s == RunRecord.Status.FAILED) {
                    getStyleClass().add("not-certified");
                }
            }
        });
        status.setPrefWidth(100);
        TableColumn<RunRecord, String> results = new TableColumn<>("Results");
        results.setCellValueFactory(c -> c.getValue().resultsProperty());
        results.setPrefWidth(250);
        TableColumn<RunRecord, String> detail = new TableColumn<>("Guarantee / reason");
        detail.setCellValueFactory(c -> c.getValue().detailProperty());
        detail.setPrefWidth(420);
        table.getColumns().addAll(List.of(name, params, status, results, detail));
        table.getSelectionModel().getSelectedItems().addListener(
                (javafx.collections.ListChangeListener<RunRecord>) ch -> showSelection());
    }

    private void showSelection() {
        List<RunRecord> sel = new ArrayList<>(table.getSelectionModel().getSelectedItems());
        sel.removeIf(java.util.Objects::isNull);
        if (sel.isEmpty()) {
            return;
        }
        RunRecord a = sel.get(0);
        RunRecord b = sel.size() > 1 ? sel.get(1) : null;
        charts.show(a.series(), b == null ? null : b.series(), b == null ? null : b.name());
    }

    /** The run whose exports are written: the first selected, else the latest. */
    public RunRecord selectedRun() {
        RunRecord r = table.getSelectionModel().getSelectedItem();
        return r != null ? r : controller.currentProperty().get();
    }

    private boolean finishedSelected(RunRecord r) {
        if (r == null || !r.hasResult()) {
            ErrorDialogs.show(getScene().getWindow(), "Nothing to export", "Select a finished run first.", null);
            return false;
        }
        return true;
    }

    private void exportCsv() {
        RunRecord r = selectedRun();
        if (!finishedSelected(r)) {
            return;
        }
        FileChooser fc = new FileChooser();
        fc.setInitialFileName("run" + r.id() + "-metrics.csv");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File f = fc.showSaveDialog(getScene().getWindow());
        if (f != null) {
            copy(r.directory().resolve("metrics.csv"), f.toPath());
            Path retrain = r.directory().resolve("retrain-metrics.csv");
            if (Files.exists(retrain)) {
                copy(retrain, f.toPath().resolveSibling(f.getName().replace(".csv", "") + "-retrain.csv"));
            }
        }
    }

    private void exportCertificate() {
        RunRecord r = selectedRun();
        if (!finishedSelected(r)) {
            return;
        }
        FileChooser fc = new FileChooser();
        fc.setInitialFileName("run" + r.id() + "-certificate.json");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON", "*.json"));
        File f = fc.showSaveDialog(getScene().getWindow());
        if (f != null) {
            copy(r.directory().resolve("certificate.json"), f.toPath());
        }
    }

    private void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            ErrorDialogs.show(getScene().getWindow(), "Export failed", "Could not write " + to + ": "
                    + ErrorDialogs.messageOf(e), e);
        }
    }

    public void exportReportDialog(boolean html) {
        RunRecord r = selectedRun();
        if (!finishedSelected(r)) {
            return;
        }
        File f;
        if (html) {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Folder for the HTML report");
            f = dc.showDialog(getScene().getWindow());
            if (f != null) {
                f = new File(f, "run" + r.id() + "-report");
            }
        } else {
            FileChooser fc = new FileChooser();
            fc.setInitialFileName("run" + r.id() + "-report.pdf");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF", "*.pdf"));
            f = fc.showSaveDialog(getScene().getWindow());
        }
        if (f != null) {
            try {
                exportReport(r, f.toPath(), html);
            } catch (IOException | RuntimeException e) {
                ErrorDialogs.show(getScene().getWindow(), "Report export failed", ErrorDialogs.messageOf(e), e);
            }
        }
    }

    /** Writes the report of a finished run (PDF file or HTML folder). */
    public void exportReport(RunRecord r, Path target, boolean html) throws IOException {
        charts.show(r.series(), null, null);
        Path cert = r.directory().resolve("certificate.json");
        String certJson = Files.exists(cert) ? Files.readString(cert) : null;
        List<String> summary = new ArrayList<>();
        summary.add("Status: " + r.statusProperty().get() + " — " + r.detailProperty().get());
        if (!r.resultsProperty().get().isEmpty()) {
            summary.add("Final accuracy: " + r.resultsProperty().get());
        }
        if (r.series().isPerRequest()) {
            summary.add("Each release is certified on its own; releases of correlated estimates compose "
                    + "(an observer of k releases faces up to k·ε).");
            if (r.series().savingsNote() != null) {
                summary.add("Against retraining: " + r.series().savingsNote());
            }
        }
        summary.add("Run folder: " + r.directory());
        Report report = new Report(r.name() + " — " + r.methodId().replace('_', ' '),
                summary, r.parameters(), certJson, charts.charts());
        if (html) {
            ReportExporter.writeHtml(report, target);
        } else {
            ReportExporter.writePdf(report, target);
        }
        showSelection();
    }

    public RunChartsView charts() {
        return charts;
    }

    public TableView<RunRecord> table() {
        return table;
    }

    public Label phaseLabel() {
        return phase;
    }
}
