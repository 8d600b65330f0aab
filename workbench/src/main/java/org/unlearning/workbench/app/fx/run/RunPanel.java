package org.unlearning.workbench.app.fx.run;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
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
import org.unlearning.workbench.app.chart.RunCharts;
import org.unlearning.workbench.app.fx.export.ExportEvent;
import org.unlearning.workbench.app.report.RunFolder;
import org.unlearning.workbench.app.report.RunReport;

import org.unlearning.workbench.engine.run.RunDirectory;
import org.unlearning.workbench.engine.verify.CertificateVerifier;
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
 * selecting several overlays them (colour = run). Verify checks a finished run's release against its
 * certificate (the checks of {@code verify RUN_DIR}). Exports: run CSV, certificate JSON, report.
 */
public final class RunPanel extends BorderPane {
    private final RunController controller;
    private final RunChartsView charts = new RunChartsView();
    private final RunTable table;
    private final ProgressBar progress = new ProgressBar(0);
    private final Label phase = new Label("No run yet: set the parameters and press Run (Ctrl+R).");
    private final ReplayBar replay;
    private final Button verify = button("Verify", "Check the selected finished run's release against its "
            + "certificate, as 'verify RUN_DIR' does: the released model's SHA-256 and finite parameters, the (ε, δ) "
            + "recomputed by the accountant from the recorded parameters, and the status. One PASS/FAIL line per check");
    private final javafx.beans.property.BooleanProperty verifying = new javafx.beans.property.SimpleBooleanProperty();
    private final javafx.beans.property.ObjectProperty<CertificateVerifier.Verification> verification =
            new javafx.beans.property.SimpleObjectProperty<>();

    public RunPanel(RunController controller) {
        this.controller = controller;
        this.table = new RunTable(controller.runs());
        this.replay = new ReplayBar(charts::show, this::showSelection);
        replay.onReplay(this::replaySelected);
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
        Button csv = button("CSV…", "Run CSV: export the per-step and per-evaluation metrics of the selected run");
        csv.setOnAction(e -> exportCsv());
        Button cert = button("Certificate…", "Export the selected run's certificate (JSON)");
        cert.setOnAction(e -> exportCertificate());
        Button pdf = button("Report PDF…", "All charts, parameters and the certificate of the selected run in one PDF (Ctrl+E)");
        pdf.setId("export-report");
        pdf.setOnAction(e -> exportReportDialog(false));
        Button html = button("HTML…", "Report as HTML: a folder with index.html, PNG + SVG charts and the certificate");
        html.setOnAction(e -> exportReportDialog(true));
        verify.setId("verify-run");
        verify.setOnAction(e -> verifySelected());
        verifying.addListener((o, a, b) -> updateVerify());
        MenuItem verifyItem = new MenuItem("Verify release");
        verifyItem.setOnAction(e -> verifySelected());
        verifyItem.disableProperty().bind(verify.disableProperty());
        table.setContextMenu(new ContextMenu(verifyItem));
        Label hint = new Label("Select one run to show it, several (Ctrl/Shift+click) to overlay them; click a column to sort.");
        hint.getStyleClass().add("chart-readout");
        hint.setMinWidth(0);                     // the hint gives way, the buttons keep their text
        for (Button b : List.of(verify, csv, cert, pdf, html)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(6, hint, spacer, verify, csv, cert, pdf, html);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.setPadding(new Insets(4, 6, 4, 6));
        VBox bottom = new VBox(actions, replay, table);
        VBox.setVgrow(table, Priority.ALWAYS);

        SplitPane split = new SplitPane(charts, bottom);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.74);
        setTop(top);
        setCenter(split);

        controller.addFinishedHook(() -> {
            updateVerify();
            replay.setRun(singleSelected());
            showSelection();
        });
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
        table.getSelectionModel().getSelectedItems().addListener(
                (javafx.collections.ListChangeListener<RunRecord>) ch -> {
                    replay.setRun(singleSelected());
                    showSelection();
                    updateVerify();
                });
        updateVerify();
    }

    /** Verify needs one finished run selected and no verification under way. */
    private void updateVerify() {
        RunRecord r = singleSelected();
        verify.setDisable(verifying.get() || r == null || !r.hasResult());
    }

    /**
     * Runs the checks of {@code verify RUN_DIR} on the selected finished run off the FX thread, then
     * shows one PASS/FAIL line per check in a dialog and the one-line result in the log and status bar.
     */
    public void verifySelected() {
        RunRecord r = singleSelected();
        if (r == null || !r.hasResult() || verifying.get()) {
            return;
        }
        verifying.set(true);
        javafx.concurrent.Task<CertificateVerifier.Verification> task = ReleaseVerification.task(r.directory(), r.config().data().source());
        task.setOnSucceeded(e -> {
            verifying.set(false);
            CertificateVerifier.Verification v = task.getValue();
            verification.set(v);
            String line = ReleaseVerification.summary(r.name(), v);
            controller.note(line);
            v.lines().forEach(l -> controller.note("  " + l));
            fireEvent(new VerifiedEvent(line));
            ReleaseVerification.dialog(getScene().getWindow(), r.name(), r.directory(), r.config().data().source(), v).show();
        });
        task.setOnFailed(e -> {
            verifying.set(false);
            verification.set(null);
            String line = r.name() + " could not be verified: " + ErrorDialogs.messageOf(task.getException());
            controller.note(line);
            fireEvent(new VerifiedEvent(line));
            ErrorDialogs.show(getScene().getWindow(), "Verification not possible", line, task.getException());
        });
        Thread t = new Thread(task, "verify-" + r.name().replace(' ', '-'));
        t.setDaemon(true);
        t.start();
    }

    /** The outcome of the latest verification (null before one, or when it could not run). */
    public javafx.beans.property.ReadOnlyObjectProperty<CertificateVerifier.Verification> verificationProperty() {
        return verification;
    }

    /** True while a verification runs. */
    public javafx.beans.property.ReadOnlyBooleanProperty verifyingProperty() {
        return verifying;
    }

    public Button verifyButton() {
        return verify;
    }

    /** The one selected run, or null when none or several are selected. */
    private RunRecord singleSelected() {
        List<RunRecord> sel = new ArrayList<>(table.getSelectionModel().getSelectedItems());
        sel.removeIf(java.util.Objects::isNull);
        return sel.size() == 1 ? sel.get(0) : null;
    }

    private void replaySelected() {
        RunRecord r = singleSelected();
        if (r == null || !r.hasResult()) {
            return;
        }
        try {
            replay.start(r);
        } catch (IOException | RuntimeException e) {
            ErrorDialogs.show(getScene().getWindow(), "Replay not possible", ErrorDialogs.messageOf(e), e);
        }
    }

    private void showSelection() {
        List<RunRecord> sel = new ArrayList<>(table.getSelectionModel().getSelectedItems());
        sel.removeIf(java.util.Objects::isNull);
        if (sel.isEmpty() || replay.isReplaying()) {
            return;
        }
        charts.show(sel.stream().map(r -> new RunCharts.Shown(r.name() + " · " + r.methodId().replace('_', ' '),
                r.series())).toList());
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
            RunDirectory rd = RunDirectory.of(r.directory());
            boolean ok = copy(rd.metricsCsv(), f.toPath());
            Path retrain = rd.retrainMetricsCsv();
            if (ok && Files.exists(retrain)) {
                ok = copy(retrain, f.toPath().resolveSibling(f.getName().replace(".csv", "") + "-retrain.csv"));
            }
            if (ok) {
                fireEvent(new ExportEvent("Run CSV", f.toPath()));
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
        if (f != null && copy(RunDirectory.of(r.directory()).certificateFile(), f.toPath())) {
            fireEvent(new ExportEvent("Certificate", f.toPath()));
        }
    }

    private boolean copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            ErrorDialogs.show(getScene().getWindow(), "Export failed", "Could not write " + to + ": "
                    + ErrorDialogs.messageOf(e), e);
            return false;
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
                fireEvent(new ExportEvent(html ? "Report HTML" : "Report PDF", html ? f.toPath().resolve("index.html")
                        : f.toPath()));
            } catch (IOException | RuntimeException e) {
                ErrorDialogs.show(getScene().getWindow(), "Report export failed", ErrorDialogs.messageOf(e), e);
            }
        }
    }

    /** Writes the report of a finished run (PDF file or HTML folder): the document {@code report RUN_DIR} writes. */
    public void exportReport(RunRecord r, Path target, boolean html) throws IOException {
        RunFolder run = RunFolder.read(r.directory());
        if (html) {
            RunReport.writeHtml(run, target);
        } else {
            RunReport.writePdf(run, target);
        }
    }

    /** Font sizes, line widths and column widths × {@code scale} (zoom, presentation mode). */
    public void setScale(double scale) {
        charts.setScale(scale);
        table.setScale(scale);
    }

    public RunChartsView charts() {
        return charts;
    }

    public TableView<RunRecord> table() {
        return table;
    }

    public ReplayBar replayBar() {
        return replay;
    }

    public Label phaseLabel() {
        return phase;
    }
}
