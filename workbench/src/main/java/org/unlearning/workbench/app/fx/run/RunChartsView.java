package org.unlearning.workbench.app.fx.run;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.util.Duration;
import org.jfree.chart.JFreeChart;
import org.unlearning.workbench.app.chart.RunCharts;
import org.unlearning.workbench.app.chart.RunSeries;
import org.unlearning.workbench.app.fx.charts.ChartView;

import java.util.ArrayList;
import java.util.List;

/**
 * The four live charts of a run ({@link RunCharts}, shared with the PDF report) in a 2×2 grid of
 * {@link ChartView}s; any number of runs can be overlaid (colour = run).
 */
public final class RunChartsView extends GridPane {
    private final RunCharts charts = new RunCharts();
    private final List<ChartView> views = new ArrayList<>();
    private final Timeline repaint = new Timeline(new KeyFrame(Duration.millis(250), e -> repaintOnce()));
    private final javafx.scene.control.TabPane tabs = new javafx.scene.control.TabPane();
    private boolean live;
    private boolean compact;
    private double scale = 1;
    /** Below this height (or width) a 2×2 grid leaves each chart too small: one chart per tab. */
    static final double COMPACT_HEIGHT = 560;
    static final double COMPACT_WIDTH = 720;

    public RunChartsView() {
        getStyleClass().add("run-charts");
        charts.setNoDataMessage("No data yet — press Run (Ctrl+R)");
        charts.setPrivateNotes(true);
        String[] names = {"accuracy", "gradient-norm", "noise-privacy", "compute-savings"};
        String[] ids = {"chart-accuracy", "chart-gradient", "chart-noise", "chart-savings"};
        String[] titles = {"Accuracy", "Gradient norm", "Noise and privacy", "Compute"};
        for (int i = 0; i < 4; i++) {
            ChartView v = new ChartView(charts.charts().get(i), names[i]);
            v.setId(ids[i]);
            views.add(v);
            add(v, i % 2, i / 2);
            javafx.scene.control.Tab t = new javafx.scene.control.Tab(titles[i]);
            t.setClosable(false);
            tabs.getTabs().add(t);
        }
        tabs.setId("chart-tabs");
        GridPane.setColumnSpan(tabs, 2);
        GridPane.setRowSpan(tabs, 2);
        heightProperty().addListener((o, a, b) -> fit());
        widthProperty().addListener((o, a, b) -> fit());
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            c.setHgrow(Priority.ALWAYS);
            getColumnConstraints().add(c);
            RowConstraints r = new RowConstraints();
            r.setPercentHeight(50);
            r.setVgrow(Priority.ALWAYS);
            getRowConstraints().add(r);
        }
        setHgap(4);
        setVgap(4);
    }

    /** Small space (1280×720 with the lesson open, presentation mode): one chart per tab, else the 2×2 grid. */
    private void fit() {
        double k = Math.max(1, scale);           // larger text needs more room per chart
        boolean small = getHeight() > 0 && (getHeight() < COMPACT_HEIGHT * k || getWidth() < COMPACT_WIDTH * k);
        if (small == compact) {
            return;
        }
        compact = small;
        int selected = tabs.getSelectionModel().getSelectedIndex();
        getChildren().clear();
        if (small) {
            for (int i = 0; i < 4; i++) {
                tabs.getTabs().get(i).setContent(views.get(i));
            }
            add(tabs, 0, 0);
            tabs.getSelectionModel().select(Math.max(0, selected));
        } else {
            for (int i = 0; i < 4; i++) {
                tabs.getTabs().get(i).setContent(null);
                add(views.get(i), i % 2, i / 2);
            }
        }
    }

    /** True while the charts are shown one per tab (too little room for the grid). */
    public boolean isCompact() {
        return compact;
    }

    /** The tabs of the compact layout. */
    public javafx.scene.control.TabPane chartTabs() {
        return tabs;
    }

    /** Shows one run, optionally overlaid with another. */
    public void show(RunSeries primary, RunSeries overlay, String overlayName) {
        List<RunCharts.Shown> runs = new ArrayList<>();
        runs.add(new RunCharts.Shown(null, primary));
        if (overlay != null) {
            runs.set(0, new RunCharts.Shown("selected run", primary));
            runs.add(new RunCharts.Shown(overlayName, overlay));
        }
        show(runs);
    }

    /** Shows the first run with the others overlaid; names label them in legends. */
    public void show(List<RunCharts.Shown> runs) {
        charts.show(runs);
    }

    /**
     * While live, the charts ignore data events and repaint together every 250 ms, so the FX
     * thread never redraws per data point; off again, they follow every change.
     */
    public void setLive(boolean on) {
        if (on == live) {
            return;
        }
        live = on;
        for (JFreeChart c : charts()) {
            c.setNotify(!on);
        }
        if (on) {
            repaint.setCycleCount(Animation.INDEFINITE);
            repaint.play();
        } else {
            repaint.stop();
        }
    }

    private void repaintOnce() {
        for (JFreeChart c : charts()) {
            c.setNotify(true);    // fires one change event: one redraw
            c.setNotify(false);
        }
    }

    /** Font sizes and line widths × {@code scale} (zoom, presentation mode). */
    public void setScale(double scale) {
        this.scale = scale;
        charts.setScale(scale);
        fit();
    }

    public List<JFreeChart> charts() {
        return charts.charts();
    }

    public List<ChartView> views() {
        return List.copyOf(views);
    }
}
