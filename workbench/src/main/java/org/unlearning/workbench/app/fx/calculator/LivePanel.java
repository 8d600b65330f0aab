package org.unlearning.workbench.app.fx.calculator;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.unlearning.workbench.accounting.method.Calculation;
import org.unlearning.workbench.accounting.method.Curve;
import org.unlearning.workbench.accounting.method.Figure;
import org.unlearning.workbench.accounting.method.ParameterDescription;
import org.unlearning.workbench.app.fx.charts.ChartView;
import org.unlearning.workbench.app.fx.charts.Charts;
import org.unlearning.workbench.app.fx.controls.NumberText;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.Locale;

/**
 * The live calculator output: T, σ (or the σₜ range), the achieved (ε, δ), the binding
 * constraint, warnings, the plain-language guarantee, the authors'-code ε only where it differs
 * (labelled as such), and a small chart — the σ–T frontier with the current point (gradient
 * clipping), δₜ against t (model clipping), ε against δ otherwise.
 */
public final class LivePanel extends VBox {
    private final CalculatorViewModel vm;
    private final Label steps = value("steps");
    private final Label sigma = value("sigma");
    private final Label achieved = value("achieved");
    private final Label privacy = value("privacy-state");
    private final Label privacyKey = key("Rényi coefficient ρ_R");
    private final Label binding = value("binding");
    private final Label legacy = value("legacy");
    private final Label legacyKey = key("Authors' code ε (legacy)");
    private final Label fixedNote = value("fixed");
    private final Label problem = new Label();
    private final VBox warnings = new VBox(2);
    private final Label statement = new Label();
    private final Label timing = new Label();
    private final XYSeries curve = new XYSeries("curve", false, true);
    private final XYSeries point = new XYSeries("current setting", false, true);
    private final JFreeChart chart;
    private final ChartView chartView;
    private String curveName = "";
    private double scale = 1;

    public LivePanel(CalculatorViewModel vm) {
        this.vm = vm;
        setSpacing(6);
        setPadding(new Insets(8));
        Label title = new Label("Live calculator");
        title.getStyleClass().add("section-title");

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(3);
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setMinWidth(200);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(c0, c1);
        int r = 0;
        grid.addRow(r++, key("Noisy steps T"), steps);
        grid.addRow(r++, key("Noise σ (per parameter)"), sigma);
        grid.addRow(r++, key("Achieved guarantee (ε, δ)"), achieved);
        grid.addRow(r++, privacyKey, privacy);
        grid.addRow(r++, key("Binding constraint"), binding);
        grid.addRow(r++, legacyKey, legacy);
        binding.setWrapText(true);

        problem.setId("calc-problem");
        problem.getStyleClass().add("reason");
        problem.setWrapText(true);
        statement.setId("calc-statement");
        statement.setWrapText(true);
        statement.getStyleClass().add("guarantee");
        warnings.setId("calc-warnings");
        timing.getStyleClass().add("chart-readout");

        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(curve);
        data.addSeries(point);
        chart = Charts.xyLines("", "", "", data);
        XYLineAndShapeRenderer rr = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        rr.setSeriesLinesVisible(1, false);
        rr.setSeriesShapesVisible(1, true);
        rr.setSeriesShape(1, new Ellipse2D.Double(-5, -5, 10, 10));
        rr.setSeriesPaint(1, Charts.color(1));
        rr.setSeriesStroke(0, new BasicStroke(2f));
        chartView = new ChartView(chart, "calculator");
        chartView.setId("calc-chart");
        chartView.setPrefHeight(300);
        VBox.setVgrow(chartView, Priority.ALWAYS);

        fixedNote.setWrapText(true);
        VBox text = new VBox(6, title, grid, fixedNote, problem, warnings, statement, timing);
        ScrollPane textScroll = new ScrollPane(text);
        textScroll.setFitToWidth(true);
        textScroll.setPrefViewportHeight(290);
        textScroll.setStyle("-fx-background-color: transparent;");
        getChildren().addAll(textScroll, chartView);
        vm.calculationProperty().addListener((o, a, b) -> refresh());
        vm.problemProperty().addListener((o, a, b) -> refresh());
        vm.provisionalProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    private static Label key(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("result-key");
        return l;
    }

    private static Label value(String id) {
        Label l = new Label("—");
        l.setId("calc-" + id);
        l.getStyleClass().add("result-value");
        return l;
    }

    private void refresh() {
        Calculation c = vm.calculationProperty().get();
        String why = vm.problemProperty().get();
        problem.setText(why == null ? "" : "Cannot run: " + why);
        problem.setVisible(why != null);
        problem.setManaged(why != null);
        warnings.getChildren().clear();
        if (c == null) {
            fixedNote.setVisible(false);
            fixedNote.setManaged(false);
            for (Label l : new Label[] {steps, sigma, achieved, privacy, binding, legacy}) {
                l.setText("—");
            }
            statement.setText("");
            timing.setText(vm.provisionalProperty().get() ? "computing the exact plan…" : "");
            curve.clear();   // no stale curve for an invalid setting
            point.clear();
            return;
        }
        steps.setText(c.steps() == null ? "— (no noisy phase)" : Long.toString(c.steps()));
        if (c.sigma() != null) {
            sigma.setText(fmt(c.sigma()));
        } else if (c.sigmaRange() != null) {
            sigma.setText("σₜ from " + fmt(c.sigmaRange().first()) + " to " + fmt(c.sigmaRange().last())
                    + " (min " + fmt(c.sigmaRange().min()) + ", max " + fmt(c.sigmaRange().max()) + ")");
        } else {
            sigma.setText("— (no noise)");
        }
        achieved.setText(c.epsilon() == null ? "none (not feasible)"
                : "ε = " + fmt(c.epsilon()) + ",  δ = " + fmt(c.delta()));
        showFixed(c);
        if (c.renyiCoefficient() != null) {
            privacyKey.setText("Rényi coefficient ρ_R");
            privacy.setText(fmt(c.renyiCoefficient()));
        } else if (c.deltaT() != null) {
            privacyKey.setText("δ_T after the last noisy step");
            privacy.setText(fmt(c.deltaT()));
        } else {
            privacyKey.setText("Privacy state");
            privacy.setText("—");
        }
        binding.setText(c.bindingConstraint() == null ? "—" : c.bindingConstraint());
        Figure lf = c.legacyEpsilon();
        legacyKey.setVisible(lf != null);
        legacyKey.setManaged(lf != null);
        legacy.setVisible(lf != null);
        legacy.setManaged(lf != null);
        if (lf != null) {
            legacy.setText(fmt(lf.value()) + "  — " + lf.label());
            legacy.setWrapText(true);
        }
        for (String w : c.warnings()) {
            Label l = new Label("⚠ " + w);
            l.setWrapText(true);
            l.getStyleClass().add("warning");
            warnings.getChildren().add(l);
        }
        statement.setText(c.statement());
        if (vm.provisionalProperty().get()) {
            // shown at once; the exact plan replaces it when the worker has finished (Run waits for it)
            steps.setText("≈ " + steps.getText() + "  (provisional)");
            if (c.deltaT() != null && c.renyiCoefficient() == null) {
                privacy.setText("≈ " + privacy.getText());
            }
            timing.setText(String.format(Locale.ROOT, "provisional answer in %.2f ms; computing the exact plan…",
                    vm.lastComputeNanos() / 1e6));
        } else {
            timing.setText(String.format(Locale.ROOT, "computed in %.2f ms", vm.lastComputeNanos() / 1e6));
        }
        updateChart(c);
    }

    /** Issue 4: a user-fixed T or σ is marked, and the recomputed guarantee said in words. */
    private void showFixed(Calculation c) {
        java.util.Map<String, Double> fixed = vm.fixedValues();
        java.util.List<String> who = new java.util.ArrayList<>();
        for (ParameterDescription d : MethodForms.fixedKnobs(vm.methodProperty().get())) {
            if (fixed.containsKey(d.key())) {
                who.add(MethodForms.symbol(d));
                Label shown = d.key().equals("steps") ? steps : d.key().equals("sigma") ? sigma : null;
                if (shown != null) {
                    shown.setText(shown.getText() + "  (fixed by you)");
                }
            }
        }
        boolean any = !who.isEmpty();
        fixedNote.setVisible(any);
        fixedNote.setManaged(any);
        if (!any) {
            fixedNote.setText("");
            return;
        }
        String result = c.epsilon() == null ? "no guarantee (not feasible)"
                : "ε = " + fmt(c.epsilon()) + ", δ = " + fmt(c.delta());
        fixedNote.setText(String.join(" and ", who) + " fixed by you → " + result
                + " (recomputed for your value" + (who.size() > 1 ? "s" : "") + ")");
        achieved.setText(achieved.getText() + "  (recomputed)");
    }

    private void updateChart(Calculation c) {
        Curve cv = c.curves().stream().filter(k -> k.name().equals("sigma_T_frontier") || k.name().equals("delta_t"))
                .findFirst().orElse(c.curves().isEmpty() ? null : c.curves().get(0));
        curve.setNotify(false);
        point.setNotify(false);
        curve.clear();
        point.clear();
        if (cv != null) {
            for (int i = 0; i < cv.x().length; i++) {
                if ((!cv.logY() || cv.y()[i] > 0) && (!cv.logX() || cv.x()[i] > 0)) {
                    curve.add(cv.x()[i], cv.y()[i]);
                }
            }
            double[] p = currentPoint(cv, c);
            if (p != null && (!cv.logY() || p[1] > 0) && (!cv.logX() || p[0] > 0)) {
                point.add(p[0], p[1]);
            }
            if (!cv.name().equals(curveName)) {
                curveName = cv.name();
                configureAxes(cv);
            }
            updateAxisScales(cv);
        }
        curve.setNotify(true);
        point.setNotify(true);
    }

    private static double[] currentPoint(Curve cv, Calculation c) {
        switch (cv.name()) {
            case "sigma_T_frontier":
                return c.steps() == null || c.sigma() == null ? null : new double[] {c.steps(), c.sigma()};
            case "delta_t":
                return c.steps() == null || c.deltaT() == null ? null : new double[] {c.steps(), c.deltaT()};
            case "epsilon_delta":
                return c.epsilon() == null || c.delta() == null ? null : new double[] {c.delta(), c.epsilon()};
            default:
                return null;
        }
    }

    private void configureAxes(Curve cv) {
        String title;
        String x;
        String y;
        String series;
        switch (cv.name()) {
            case "sigma_T_frontier" -> {
                title = "σ–T frontier (same guarantee)";
                x = "noisy steps T";
                y = "σ";
                series = "σ needed for T steps";
            }
            case "delta_t" -> {
                title = "δₜ after t noisy steps";
                x = "noisy step t";
                y = "δₜ";
                series = "δₜ (ε fixed)";
            }
            case "epsilon_delta" -> {
                title = "ε against δ for this noise";
                x = "δ";
                y = "ε";
                series = "ε(δ)";
            }
            default -> {
                title = cv.name();
                x = cv.xLabel();
                y = cv.yLabel();
                series = cv.name();
            }
        }
        chart.setTitle(title);
        chart.getTitle().setFont(new Font(Charts.FONT, Font.BOLD, (int) Math.round(13 * scale)));
        curve.setKey(series);
        XYPlot plot = chart.getXYPlot();
        plot.setDomainAxis(axis(x, cv.logX(), plot.getDomainAxis()));
        plot.setRangeAxis(axis(y, cv.logY(), plot.getRangeAxis()));
    }

    /**
     * A log axis only pays off over at least a decade; within one it prints a dense ladder of
     * ticks. Switches an axis between log and linear when the data's span crosses that line.
     */
    private void updateAxisScales(Curve cv) {
        XYPlot plot = chart.getXYPlot();
        boolean logX = cv.logX() && spansDecade(cv.x());
        boolean logY = cv.logY() && spansDecade(cv.y());
        ValueAxis dx = plot.getDomainAxis();
        ValueAxis dy = plot.getRangeAxis();
        if ((dx instanceof LogAxis) != logX) {
            plot.setDomainAxis(axis(dx.getLabel(), logX, dx));
        }
        if ((dy instanceof LogAxis) != logY) {
            plot.setRangeAxis(axis(dy.getLabel(), logY, dy));
        }
    }

    private static boolean spansDecade(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double d : v) {
            if (d > 0 && Double.isFinite(d)) {
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
        }
        return hi > 0 && hi >= 10 * lo;
    }

    private static ValueAxis axis(String label, boolean log, ValueAxis like) {
        ValueAxis a;
        if (log) {
            LogAxis la = new LogAxis(label);
            la.setSmallestValue(1e-300);
            la.setMinorTickMarksVisible(true);
            la.setMinorTickCount(9);
            la.setNumberFormatOverride(new org.unlearning.workbench.app.fx.charts.CompactFormat());
            a = la;
        } else {
            NumberAxis na = new org.unlearning.workbench.app.chart.LinearAxis(label);   // at most 8 tick intervals
            na.setAutoRangeIncludesZero(false);
            a = na;
        }
        a.setLabelFont(like.getLabelFont());
        a.setTickLabelFont(like.getTickLabelFont());
        return a;
    }

    private static String fmt(double v) {
        return NumberText.format(v, 6);
    }

    /** Font sizes and line widths of the chart × {@code k} (zoom, presentation mode). */
    public void setChartScale(double k) {
        scale = k;
        org.unlearning.workbench.app.chart.ChartStyle.apply(chart, k);
        chart.getTitle().setFont(new Font(Charts.FONT, Font.BOLD, (int) Math.round(13 * k)));
        XYLineAndShapeRenderer rr = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        rr.setSeriesStroke(0, new BasicStroke((float) (2 * k)));
        rr.setSeriesShape(1, new Ellipse2D.Double(-5 * k, -5 * k, 10 * k, 10 * k));
    }

    public ChartView chartView() {
        return chartView;
    }
}
