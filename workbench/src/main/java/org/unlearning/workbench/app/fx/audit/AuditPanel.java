package org.unlearning.workbench.app.fx.audit;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.unlearning.workbench.app.chart.AuditCharts;
import org.unlearning.workbench.app.fx.ErrorDialogs;
import org.unlearning.workbench.app.fx.charts.ChartView;
import org.unlearning.workbench.engine.audit.AuditConfig;
import org.unlearning.workbench.engine.audit.AuditReport;
import org.unlearning.workbench.engine.audit.AuditRunner;
import org.unlearning.workbench.engine.audit.AuditRuns;
import org.unlearning.workbench.engine.run.CancelToken;
import org.unlearning.workbench.engine.run.RunCancelledException;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The Audit tab (theory.md §15): choose an audit preset, one of its methods or all, and R; run it in
 * the background with progress and Cancel; show ε̂ with its confidence beside the certified ε per
 * method, the power check's sentence, the attack's ROC curve (log–log), the two worlds' score
 * histograms and ε̂ against ε with the diagonal. A finished {@code audit.json} can be opened too.
 */
public final class AuditPanel extends BorderPane {
    private static final String ALL = "all methods of the preset";

    private final Path auditsDir;
    private final ComboBox<String> preset = new ComboBox<>(FXCollections.observableArrayList(AuditConfig.PRESETS));
    private final ComboBox<String> method = new ComboBox<>();
    private final Spinner<Integer> runs = new Spinner<>(4, 100_000, 30, 2);
    private final Button run = new Button("Run audit");
    private final Button cancel = new Button("Cancel");
    private final Button open = new Button("Open audit…");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label("No audit yet: run one, or open a folder holding audit.json.");
    private final Label power = new Label();
    private final Label summary = new Label();
    private final TableView<AuditReport.MethodAudit> table = new TableView<>();
    private final TabPane charts = new TabPane();
    private final ReadOnlyObjectWrapper<AuditReport> report = new ReadOnlyObjectWrapper<>();
    private CancelToken token;
    private Task<AuditReport> task;

    /** @param auditsDir where audit folders are written ({@code <preset>-<time>}) */
    public AuditPanel(Path auditsDir) {
        this.auditsDir = auditsDir;
        getStyleClass().add("audit-panel");
        setPadding(new Insets(8));
        preset.getSelectionModel().select("mnist-audit-smoke");
        preset.setTooltip(new Tooltip("The bundled audit: canaries, originals, methods and R (mnist-audit-smoke "
                + "finishes in minutes; mnist-audit is the fuller audit of docs/audit.md)"));
        method.setTooltip(new Tooltip("Audit every method of the preset, or only one (fewer runs)"));
        runs.setEditable(true);
        runs.setPrefWidth(90);
        runs.setTooltip(new Tooltip("R: unlearning runs per world and method. Half choose the threshold, half are "
                + "counted; with R runs ε̂ cannot exceed about ln(R/3) however strong the attack"));
        run.setTooltip(new Tooltip("Train the two originals and run every method R times per world in the background"));
        cancel.setTooltip(new Tooltip("Stop the audit at the next step (no audit.json is written)"));
        open.setTooltip(new Tooltip("Show a finished audit: a folder holding audit.json"));
        progress.setPrefWidth(220);
        progress.setTooltip(new Tooltip("Runs done out of all runs of the audit"));
        cancel.setDisable(true);
        preset.valueProperty().addListener((o, a, b) -> presetChanged(b));
        presetChanged(preset.getValue());
        run.setOnAction(e -> start());
        cancel.setOnAction(e -> cancelAudit());
        open.setOnAction(e -> chooseAndOpen());

        HBox controls = new HBox(8, new Label("Preset"), preset, new Label("Method"), method, new Label("R"), runs, run,
                cancel, open);
        controls.setAlignment(Pos.CENTER_LEFT);
        HBox progressRow = new HBox(8, progress, status);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(status, Priority.ALWAYS);
        power.setWrapText(true);
        power.getStyleClass().add("audit-power");
        power.setTooltip(new Tooltip("Power check (§15.4): the same attack against plain fine-tuning without noise or "
                + "clipping. If it cannot separate the worlds there, a small ε̂ says nothing about safety"));
        summary.setWrapText(true);
        columns();
        table.setPrefHeight(150);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("ε̂ per method appears here"));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                selectHistogram(b.method());
            }
        });
        VBox top = new VBox(6, controls, progressRow, summary, table, power);
        setTop(top);
        setCenter(charts);
        BorderPane.setMargin(charts, new Insets(6, 0, 0, 0));
    }

    /** The audit shown (null before one ran or was opened). */
    public ReadOnlyObjectProperty<AuditReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public Label powerLabel() { return power; }

    public TableView<AuditReport.MethodAudit> table() { return table; }

    public TabPane charts() { return charts; }

    /** Shows a finished audit (a folder holding audit.json, or the file). */
    public void open(Path audit) throws IOException {
        show(AuditReport.read(audit));
        status.setText("audit " + audit);
    }

    /** Shows {@code r}. */
    public void show(AuditReport r) {
        report.set(r);
        table.getItems().setAll(r.methods());
        summary.setText(String.format(Locale.ROOT, "%s: R = %d runs per world, α = %.3g (ε̂ at %.0f%% confidence), "
                        + "score = %s on %s. ε̂ is a lower bound: above the certified ε the certificate would be wrong.",
                r.audit(), r.runsPerWorld(), r.alpha(), 100 * r.confidence(), r.statistic(), r.canaries().description()));
        AuditReport.PowerCheck p = r.powerCheck();
        power.setText(String.format(Locale.ROOT, "Power check: non-private reference ε̂ = %.3f (originals: ε̂ = %.3f). %s",
                p.epsilonHat(), p.originalEpsilonHat(), p.statement()));
        power.setStyle(p.separates() ? "" : "-fx-text-fill: #D55E00; -fx-font-weight: bold;");
        charts.getTabs().clear();
        charts.getTabs().add(tab("ROC", new ChartView(AuditCharts.roc(r), "audit-roc")));
        charts.getTabs().add(tab("ε̂ vs ε", new ChartView(AuditCharts.epsilon(r), "audit-epsilon")));
        for (AuditCharts.Scores s : AuditCharts.scores(r)) {
            String name = s.name().equals(AuditCharts.REFERENCE) ? "reference" : s.name();
            charts.getTabs().add(tab("Scores: " + name, new ChartView(AuditCharts.histogram(s, r.statistic()),
                    "audit-histogram-" + name)));
        }
    }

    private static Tab tab(String name, ChartView view) {
        Tab t = new Tab(name, view);
        t.setClosable(false);
        return t;
    }

    private void selectHistogram(String m) {
        for (Tab t : charts.getTabs()) {
            if (t.getText().equals("Scores: " + m)) {
                charts.getSelectionModel().select(t);
            }
        }
    }

    private void columns() {
        TableColumn<AuditReport.MethodAudit, String> m = column("Method", a -> a.method(),
                "The audited method");
        TableColumn<AuditReport.MethodAudit, String> eh = column("ε̂ (lower bound)", a -> String.format(Locale.ROOT,
                "%.3f at %.0f%%", a.epsilonHat(), 100 * a.confidence()), "What the attack demonstrably achieved (§15.2)");
        TableColumn<AuditReport.MethodAudit, String> ce = column("certified ε", a -> String.format(Locale.ROOT, "%.3f",
                a.certifiedEpsilon()), "What ε̂ is compared with (§15.1); retraining: 0");
        TableColumn<AuditReport.MethodAudit, String> ok = column("ε̂ ≤ ε", a -> a.withinCertificate() ? "yes"
                : "NO: certificate violated", "ε̂ above the certified ε means a bug or a broken assumption");
        TableColumn<AuditReport.MethodAudit, String> one = column("one-run ε̂", a -> a.oneRun() == null ? "–"
                : String.format(Locale.ROOT, "%.3f (%d/%d right)", a.oneRun().epsilonHat(), a.oneRun().correct(),
                a.oneRun().guesses()), "One original, one run, m canaries in or out by coin flip (§15.3)");
        TableColumn<AuditReport.MethodAudit, String> tpr = column("TP / FP", a -> a.distinguishing().truePositives()
                + "/" + a.distinguishing().positives() + " · " + a.distinguishing().falsePositives() + "/"
                + a.distinguishing().negatives(), "Counted half: W1 releases at or above τ, W0 releases at or above τ");
        table.getColumns().setAll(List.of(m, eh, ce, ok, one, tpr));
    }

    private static TableColumn<AuditReport.MethodAudit, String> column(
            String name, java.util.function.Function<AuditReport.MethodAudit, String> f, String tip) {
        TableColumn<AuditReport.MethodAudit, String> c = new TableColumn<>();
        Label header = new Label(name);
        header.setTooltip(new Tooltip(tip));
        c.setGraphic(header);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        return c;
    }

    private void presetChanged(String name) {
        try {
            AuditConfig c = AuditConfig.preset(name);
            method.getItems().setAll(ALL);
            c.methods().forEach(m -> method.getItems().add(m.key()));
            method.getSelectionModel().select(ALL);
            runs.getValueFactory().setValue(c.runs());
        } catch (IOException | IllegalArgumentException e) {
            status.setText("preset " + name + ": " + e.getMessage());
        }
    }

    private void start() {
        AuditConfig cfg;
        try {
            cfg = AuditConfig.preset(preset.getValue()).withRuns(runs.getValue());
            if (!ALL.equals(method.getValue())) {
                cfg = cfg.withMethods(List.of(method.getValue()));
            }
        } catch (IOException | IllegalArgumentException e) {
            status.setText(e.getMessage());
            return;
        }
        Path out = auditsDir.resolve(cfg.name() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        CancelToken t = new CancelToken();
        AuditConfig config = cfg;
        Task<AuditReport> job = new Task<>() {
            @Override
            protected AuditReport call() throws Exception {
                AuditReport r = AuditRunner.run(config, out, AuditRuns.local(null), (msg, f) -> {
                    updateMessage(msg);
                    updateProgress(f, 1);
                }, t);
                org.unlearning.workbench.app.chart.AuditCharts.writeAll(r, out.resolve("figures"));
                return r;
            }
        };
        token = t;
        task = job;
        progress.progressProperty().bind(job.progressProperty());
        status.textProperty().bind(job.messageProperty());
        running(true);
        job.setOnSucceeded(e -> {
            finish();
            show(job.getValue());
            status.setText("audit written to " + out);
        });
        job.setOnFailed(e -> {
            finish();
            Throwable ex = job.getException();
            status.setText(ex instanceof RunCancelledException ? "audit cancelled; no audit.json written"
                    : "audit failed: " + ErrorDialogs.messageOf(ex));
        });
        job.setOnCancelled(e -> finish());
        Thread th = new Thread(job, "audit");
        th.setDaemon(true);
        th.start();
    }

    private void finish() {
        progress.progressProperty().unbind();
        status.textProperty().unbind();
        running(false);
    }

    private void cancelAudit() {
        if (token != null) {
            token.cancel();
            status.textProperty().unbind();
            status.setText("cancelling…");
        }
    }

    private void running(boolean on) {
        run.setDisable(on);
        cancel.setDisable(!on);
        preset.setDisable(on);
        method.setDisable(on);
        runs.setDisable(on);
        open.setDisable(on);
    }

    /** Whether an audit is running. */
    public boolean isRunning() {
        return task != null && task.isRunning();
    }

    private void chooseAndOpen() {
        DirectoryChooser ch = new DirectoryChooser();
        ch.setTitle("Open an audit folder (holding audit.json)");
        File dir = ch.showDialog(getScene() == null ? null : getScene().getWindow());
        if (dir == null) {
            return;
        }
        try {
            open(dir.toPath());
        } catch (IOException | RuntimeException e) {
            ErrorDialogs.show(getScene().getWindow(), "Cannot open the audit", ErrorDialogs.messageOf(e), e);
        }
    }

    /** For tests: stop a running audit. */
    void stopForTests() {
        Platform.runLater(this::cancelAudit);
    }
}
