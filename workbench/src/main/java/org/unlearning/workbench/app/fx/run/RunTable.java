package org.unlearning.workbench.app.fx.run;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import org.unlearning.workbench.app.fx.controls.NumberText;

import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;

/**
 * The session's runs as a comparison table: one row per run, sortable columns for method, ε, δ,
 * T, σ, test / retain / forget accuracy, compute savings, membership-inference AUC and status (the
 * forget-set and membership columns headed "(private)": not covered by the certificate, theory.md §14);
 * every cell's tooltip has its full text, the row's tooltip the run's parameters. New rows are
 * selected and scrolled into view. Values update when a run's plan or result arrives.
 */
public final class RunTable extends TableView<RunRecord> {
    /** Marks the columns of private diagnostics, not covered by the certificate (theory.md §14). */
    public static final String PRIVATE_MARK = "(private)";

    public RunTable(ObservableList<RunRecord> runs) {
        setId("runs");
        getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        setPlaceholder(new Label("Runs of this session appear here: press Run (Ctrl+R)."));
        javafx.collections.transformation.SortedList<RunRecord> sorted = new javafx.collections.transformation.SortedList<>(runs);
        sorted.comparatorProperty().bind(comparatorProperty());   // sorting never reorders the session's list
        setItems(sorted);
        setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        TableColumn<RunRecord, Integer> id = column("Run", "Run number in this session", 52,
                r -> Bindings.createObjectBinding(r::id), Integer.class, v -> "Run " + v);
        TableColumn<RunRecord, String> method = column("Method", "Unlearning method", 150,
                r -> Bindings.createObjectBinding(() -> r.config().method().method().title()), String.class, v -> v);
        TableColumn<RunRecord, Double> eps = numeric("ε", "Privacy level ε: achieved once finished, requested before "
                + "(smaller = stronger guarantee)", 62, RunRecord::epsilon, 3);
        TableColumn<RunRecord, Double> delta = numeric("δ", "Failure probability δ: achieved once finished, "
                + "requested before", 62, RunRecord::delta, 2);
        TableColumn<RunRecord, Integer> steps = column("T", "Noisy steps T (— for a method without a noisy phase)", 52,
                r -> Bindings.createObjectBinding(r::steps, r.planProperty(), r.resultProperty()), Integer.class,
                v -> v == null || v == 0 ? "—" : v.toString());
        TableColumn<RunRecord, Double> sigma = numeric("σ", "Noise standard deviation per parameter (first σ of a "
                + "decreasing schedule)", 70, RunRecord::sigma, 3);
        TableColumn<RunRecord, Double> test = percent("Test", "Accuracy of the released model on the test set", RunRecord::testAccuracy);
        TableColumn<RunRecord, Double> retain = percent("Retain", "Accuracy on the data that was kept (retain set)",
                RunRecord::retainAccuracy);
        TableColumn<RunRecord, Double> forget = percent("Forget " + PRIVATE_MARK, "Accuracy on the deleted data "
                + "(forget set). Private: not covered by the certificate, it is a function of the forgotten data; "
                + "publishing it voids the guarantee (theory.md §14)", RunRecord::forgetAccuracy);
        forget.setPrefWidth(118);
        TableColumn<RunRecord, Double> savings = numericCol("Savings", "Compute saved against retraining from "
                + "scratch to the same test accuracy (negative: unlearning cost more; — without the retrain baseline)",
                72, RunRecord::savings, v -> String.format(Locale.ROOT, "%.0f %%", 100 * v));
        TableColumn<RunRecord, Double> mia = numericCol("MIA AUC " + PRIVATE_MARK, "Membership-inference AUC on the "
                + "forget set vs the test set for the released model: 0.5 = the attack cannot tell them apart. Private: "
                + "not covered by the certificate, the scores are functions of the forgotten data (theory.md §14)",
                132, RunRecord::miaAuc, v -> String.format(Locale.ROOT, "%.3f", v));
        for (TableColumn<RunRecord, ?> c : java.util.List.of(forget, mia)) {
            c.getGraphic().getStyleClass().add("private-diagnostic");
            c.getStyleClass().add("private-diagnostic");
        }
        TableColumn<RunRecord, RunRecord.Status> status = new TableColumn<>("Status");
        status.setCellValueFactory(c -> c.getValue().statusProperty());
        status.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(RunRecord.Status s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().removeAll("certified", "not-certified", "running");
                setText(empty || s == null ? null : s.toString());
                RunRecord r = empty || getTableRow() == null ? null : getTableRow().getItem();
                setTooltip(r == null ? null : tip(s + (r.detailProperty().get().isEmpty() ? "" : ": "
                        + r.detailProperty().get())));
                if (s == RunRecord.Status.CERTIFIED) {
                    getStyleClass().add("certified");
                } else if (s != RunRecord.Status.RUNNING) {
                    getStyleClass().add("not-certified");
                } else if (s == RunRecord.Status.RUNNING) {
                    getStyleClass().add("running");
                }
            }
        });
        status.setPrefWidth(100);
        header(status, "Certified: the guarantee holds for the released model. Not certified: why, in the last column");
        TableColumn<RunRecord, String> detail = column("Guarantee / reason", "The achieved guarantee, or why the run "
                + "is not certified", 380, r -> r.detailProperty(), String.class, v -> v);
        getColumns().addAll(java.util.List.of(id, method, eps, delta, steps, sigma, test, retain, forget, savings, mia,
                status, detail));
        setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(RunRecord r, boolean empty) {
                super.updateItem(r, empty);
                setTooltip(empty || r == null ? null : tip(r.name() + ": " + r.parametersText()));
            }
        });
        for (TableColumn<RunRecord, ?> c : getColumns()) {
            baseWidths.put(c, c.getPrefWidth());
        }
        runs.addListener((ListChangeListener<RunRecord>) ch -> {
            while (ch.next()) {
                if (ch.wasAdded() && !ch.getAddedSubList().isEmpty()) {
                    RunRecord added = ch.getAddedSubList().get(ch.getAddedSubList().size() - 1);
                    scrollTo(added);
                }
            }
        });
    }

    private final java.util.Map<TableColumn<RunRecord, ?>, Double> baseWidths = new java.util.HashMap<>();

    /** Column widths × {@code scale} (zoom, presentation mode), so the larger text still fits. */
    public void setScale(double scale) {
        baseWidths.forEach((c, w) -> c.setPrefWidth(w * scale));
    }

    private static Tooltip tip(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(520);
        t.setShowDelay(Duration.millis(300));
        return t;
    }

    private static void header(TableColumn<RunRecord, ?> c, String tip) {
        Label l = new Label(c.getText());
        l.setTooltip(tip(tip));
        c.setGraphic(l);
        c.setText("");
        c.setId("col-" + l.getText().replace(PRIVATE_MARK, "").trim().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-zα-ω]+", "-"));
    }

    /** A sortable column whose cells show {@code format(value)} with the same text as tooltip. */
    private static <T extends Comparable<T>> TableColumn<RunRecord, T> column(String title, String tip, double width,
            Function<RunRecord, ObservableValue<T>> value, Class<T> type, Function<T, String> format) {
        TableColumn<RunRecord, T> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> value.apply(cd.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(T v, boolean empty) {
                super.updateItem(v, empty);
                String text = empty ? null : v == null ? "—" : format.apply(v);
                setText(text);
                setTooltip(empty || text == null || text.equals("—") ? null : tip(text));
            }
        });
        c.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        c.setPrefWidth(width);
        header(c, tip);
        return c;
    }

    private static TableColumn<RunRecord, Double> numericCol(String title, String tip, double width,
                                                             Function<RunRecord, Double> f, Function<Double, String> fmt) {
        return column(title, tip, width, r -> Bindings.createObjectBinding(() -> f.apply(r), r.planProperty(),
                r.resultProperty()), Double.class, fmt);
    }

    private static TableColumn<RunRecord, Double> numeric(String title, String tip, double width,
                                                          Function<RunRecord, Double> f, int digits) {
        return numericCol(title, tip, width, f, v -> NumberText.format(v, digits));
    }

    private static TableColumn<RunRecord, Double> percent(String title, String tip, Function<RunRecord, Double> f) {
        return numericCol(title, tip, 66, f, v -> String.format(Locale.ROOT, "%.1f %%", 100 * v));
    }
}
