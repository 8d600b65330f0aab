package org.unlearning.workbench.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.jfree.chart.JFreeChart;
import org.unlearning.workbench.app.chart.RunCharts;
import org.unlearning.workbench.app.chart.RunSeries;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report's charts, built from a run folder with the window's chart classes: the released part
 * (σₜ and privacy state — the certificate's own inputs and outputs; accuracy of the model after its
 * noisy phase on test and retain data; compute to reach the target) and the private diagnostics of
 * theory.md §14 (every evaluation including the noisy phase and the forget set; gradient norms of
 * the iterates).
 */
final class ReportCharts {
    /** A chart with the sentence printed under it. */
    record Figure(JFreeChart chart, String caption) {}

    private final List<Figure> released = new ArrayList<>();
    private final List<Figure> diagnostics = new ArrayList<>();

    ReportCharts(RunFolder run, String name) {
        boolean newton = "newton".equals(run.method());
        RunSeries all = newton ? RunSeries.perRequest() : new RunSeries(RunSeries.privacyLabel(run.method()));
        RunSeries release = newton ? RunSeries.perRequest() : new RunSeries(RunSeries.privacyLabel(run.method()));
        fill(run, all, false);
        fill(run, release, true);
        RunCharts full = new RunCharts();
        full.setNoDataMessage("No data recorded");
        full.show(new RunCharts.Shown(name, all));
        RunCharts pub = new RunCharts();
        pub.setNoDataMessage("No data recorded");
        pub.show(new RunCharts.Shown(name, release));

        add(released, full.noise(), newton
                ? "σ of each release and the ε an observer of all releases so far faces (releases compose, §9.3)."
                : "The noise schedule and the accountant's running privacy state: inputs and outputs of the certificate.");
        if (!newton) {
            pub.accuracy().setTitle("Accuracy after the noisy phase: test and retain sets");
        }
        add(released, pub.accuracy(), newton
                ? "Accuracy of each released model and of retraining on the test and retain sets."
                : "Evaluations of models that carry the guarantee (after the noisy phase: fine-tuning on the retain "
                + "set is post-processing, §1) and of the retrain baseline, on test and retain data only.");
        add(released, pub.savings(), "Examples processed until the test accuracy reached the target.");
        full.accuracy().setTitle(newton ? "Accuracy per request, forget set included"
                : "Accuracy, forget set and noisy phase included");
        add(diagnostics, full.accuracy(), "Includes the forget-set accuracy (a function of the forgotten data) and "
                + "evaluations of the clipped original and of noisy-phase iterates.");
        add(diagnostics, full.gradients(), newton
                ? "Distances to the retrained model and to the original (computed from the original model)."
                : "Gradient norms of the noisy-phase and fine-tuning iterates, before clipping.");
    }

    private static void add(List<Figure> to, JFreeChart chart, String caption) {
        if (hasData(chart)) {
            to.add(new Figure(chart, caption));
        }
    }

    private static boolean hasData(JFreeChart c) {
        if (c.getPlot() instanceof org.jfree.chart.plot.CategoryPlot cp) {
            return cp.getDataset() != null && cp.getDataset().getRowCount() > 0;
        }
        return !((org.unlearning.workbench.app.chart.RunPlot) c.getPlot()).isEmpty();
    }

    List<Figure> released() {
        return released;
    }

    List<Figure> diagnostics() {
        return diagnostics;
    }

    /** Fills a run's chart data from its files; {@code releasedOnly}: evaluations that carry the guarantee, test and retain only. */
    static void fill(RunFolder run, RunSeries s, boolean releasedOnly) {
        if ("gradient_clipping".equals(run.method())) {
            double c1 = run.certificate().path("accountant_inputs").path("C1").asDouble(Double.NaN);
            if (Double.isFinite(c1)) {
                s.setGradientClip(c1);
            }
        }
        s.beginBatch();
        for (Map<String, String> row : run.metrics()) {
            if ("step".equals(row.get("kind")) && !releasedOnly) {
                Double privacy = num(row, "renyi_coefficient");
                if (privacy == null) {
                    privacy = num(row, "delta_t");
                }
                s.addStep((int) numOr(row, "step", 0), "noisy".equals(row.get("phase")), numOr(row, "gradient_norm",
                        Double.NaN), numOr(row, "sigma", Double.NaN), privacy);
            } else if ("eval".equals(row.get("kind"))) {
                boolean releasable = "true".equals(row.get("releasable"));
                if (releasedOnly && !releasable && !"newton".equals(run.method())) {
                    continue;
                }
                long x = "newton".equals(run.method()) ? (long) numOr(row, "step", 0) : (long) numOr(row, "examples_processed", 0);
                s.addEvaluation(false, x, numOr(row, "test_accuracy", Double.NaN), numOr(row, "retain_accuracy", Double.NaN),
                        releasedOnly ? Double.NaN : numOr(row, "forget_accuracy", Double.NaN));
            }
        }
        for (Map<String, String> row : run.retrainMetrics()) {
            if ("eval".equals(row.get("kind"))) {
                s.addEvaluation(true, (long) numOr(row, "examples_processed", 0), numOr(row, "test_accuracy", Double.NaN),
                        numOr(row, "retain_accuracy", Double.NaN),
                        releasedOnly ? Double.NaN : numOr(row, "forget_accuracy", Double.NaN));
            }
        }
        if ("newton".equals(run.method())) {
            fillNewton(run, s, releasedOnly);
        }
        s.endBatch();
        JsonNode save = run.summary().path("compute_savings");
        if (save.has("unlearn_examples") || save.has("retrain_examples")) {
            s.setSavings(save.path("target_accuracy").asDouble(), longOrNull(save.get("unlearn_examples")),
                    longOrNull(save.get("retrain_examples")));
        }
    }

    /** Per-request figures of a Newton run (summary.json: releases and requests). */
    private static void fillNewton(RunFolder run, RunSeries s, boolean releasedOnly) {
        for (JsonNode rel : run.summary().path("releases")) {
            s.addReleaseNoise(rel.path("request").asInt(), dbl(rel.get("sigma")), dbl(rel.get("epsilon")));
        }
        for (JsonNode req : run.privateSummary().path("requests")) {
            int k = req.path("request").asInt();
            s.addEvaluation(true, k, dbl(req, "retrain_test_accuracy"), dbl(req, "retrain_retain_accuracy"),
                    releasedOnly ? Double.NaN : dbl(req, "retrain_forget_accuracy"));
            if (!releasedOnly) {
                s.addReleaseDistances(k, dbl(req.get("distance_to_retrain")),
                        dbl(req.get("noise_free_distance_to_retrain")), dbl(req.get("distance_to_original")));
            }
        }
    }

    private static Double num(Map<String, String> row, String key) {
        String v = row.get(key);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static double numOr(Map<String, String> row, String key, double otherwise) {
        Double v = num(row, key);
        return v == null ? otherwise : v;
    }

    private static Double dbl(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.asDouble();
    }

    private static double dbl(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }

    private static Long longOrNull(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.asLong();
    }
}
