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
        boolean perRequest = run.perRequest();
        RunSeries all = perRequest ? RunSeries.perRequest(run.method()) : new RunSeries(RunSeries.privacyLabel(run.method()));
        RunSeries release = perRequest ? RunSeries.perRequest(run.method())
                : new RunSeries(RunSeries.privacyLabel(run.method()));
        fill(run, all, false);
        fill(run, release, true);
        RunCharts full = new RunCharts();
        full.setNoDataMessage("No data recorded");
        full.setPrivateNotes(true);     // its accuracy and gradient charts are the private diagnostics (§14)
        full.show(new RunCharts.Shown(name, all));
        RunCharts pub = new RunCharts();
        pub.setNoDataMessage("No data recorded");
        pub.show(new RunCharts.Shown(name, release));

        add(released, full.noise(), perRequest
                ? "σ of each release and the ε an observer of all releases so far faces (releases compose, §9.3)."
                : "The noise schedule and the accountant's running privacy state: inputs and outputs of the certificate.");
        if (!perRequest) {
            pub.accuracy().setTitle("Accuracy after the noisy phase: test and retain sets");
        }
        add(released, pub.accuracy(), perRequest
                ? "Accuracy of each released model and of retraining on the test and retain sets."
                : "Evaluations of models that carry the guarantee (after the noisy phase: fine-tuning on the retain "
                + "set is post-processing, §1) and of the retrain baseline, on test and retain data only.");
        add(released, pub.savings(), "Examples processed until the test accuracy reached the target.");
        full.accuracy().setTitle(perRequest ? "Accuracy per request, forget set included"
                : "Accuracy, forget set and noisy phase included");
        add(diagnostics, full.accuracy(), "Includes the forget-set accuracy (a function of the forgotten data) and "
                + "evaluations of the clipped original and of noisy-phase iterates.");
        add(diagnostics, full.gradients(), perRequest
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
        fill(run, s, releasedOnly, Integer.MAX_VALUE);
    }

    /**
     * The same with the first {@code frames} frames only (replay): rows of metrics.csv for a run with
     * steps, deletion requests for one without; the retrain baseline is shown whole, the compute
     * comparison once every frame is in.
     */
    static void fill(RunFolder run, RunSeries s, boolean releasedOnly, int frames) {
        double clip = run.summary().path("gradient_clip").asDouble(Double.NaN);
        if (Double.isFinite(clip)) {
            s.setGradientClip(clip);
        }
        boolean perRequest = run.perRequest();
        s.beginBatch();
        int frame = 0;
        for (Map<String, String> row : run.metrics()) {
            if (frame++ >= frames) {
                break;
            }
            if ("step".equals(row.get("kind")) && !releasedOnly) {
                Double privacy = num(row, "privacy_state");
                s.addStep((int) numOr(row, "step", 0), "noisy".equals(row.get("phase")), numOr(row, "gradient_norm",
                        Double.NaN), numOr(row, "sigma", Double.NaN), privacy);
            } else if ("eval".equals(row.get("kind"))) {
                boolean releasable = "true".equals(row.get("releasable"));
                if (perRequest || releasedOnly && !releasable) {
                    continue;   // per request: the figures come from summary.json's requests
                }
                s.addEvaluation(false, (long) numOr(row, "examples_processed", 0), numOr(row, "test_accuracy", Double.NaN), numOr(row, "retain_accuracy", Double.NaN),
                        releasedOnly ? Double.NaN : numOr(row, "forget_accuracy", Double.NaN));
            }
        }
        for (Map<String, String> row : run.retrainMetrics()) {
            if ("eval".equals(row.get("kind")) && !perRequest) {
                s.addEvaluation(true, (long) numOr(row, "examples_processed", 0), numOr(row, "test_accuracy", Double.NaN),
                        numOr(row, "retain_accuracy", Double.NaN),
                        releasedOnly ? Double.NaN : numOr(row, "forget_accuracy", Double.NaN));
            }
        }
        if (perRequest) {
            fillPerRequest(run, s, releasedOnly, frames);
        }
        s.endBatch();
        if (frames < RunReplay.frames(run)) {
            return;
        }
        JsonNode save = run.summary().path("compute_savings");
        if (save.has("unlearn_examples") || save.has("retrain_examples")) {
            s.setSavings(save.path("target_accuracy").asDouble(), longOrNull(save.get("unlearn_examples")),
                    longOrNull(save.get("retrain_examples")));
        }
    }

    /** Per-request figures of a run without steps (summary.json: one entry per deletion request). */
    private static void fillPerRequest(RunFolder run, RunSeries s, boolean releasedOnly, int frames) {
        int frame = 0;
        for (JsonNode req : run.privateSummary().path("requests")) {
            if (frame++ >= frames) {
                break;
            }
            int k = req.path("request").asInt();
            s.addEvaluation(false, k, dbl(req, "test_accuracy"), dbl(req, "retain_accuracy"),
                    releasedOnly ? Double.NaN : dbl(req, "forget_accuracy"));
            JsonNode retrain = req.path("retrain");
            if (retrain.isObject()) {
                s.addEvaluation(true, k, dbl(retrain, "test_accuracy"), dbl(retrain, "retain_accuracy"),
                        releasedOnly ? Double.NaN : dbl(retrain, "forget_accuracy"));
            }
            s.addReleaseNoise(k, dbl(req.get("sigma")), dbl(req.get("epsilon")));
            if (!releasedOnly) {
                s.addReleaseDistances(k, dbl(req.get("distance_to_retrain")),
                        dbl(req.path("diagnostics").get("noise_free_distance_to_retrain")),
                        dbl(req.get("distance_to_original")));
            }
            s.addReleaseCost(req.path("wall_seconds").asDouble(), req.path("examples_processed").asLong(),
                    retrain.isObject() ? dbl(retrain.get("wall_seconds")) : null,
                    retrain.isObject() ? longOrNull(retrain.get("examples_processed")) : null);
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
