package org.unlearning.workbench.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.unlearning.workbench.app.chart.CompactFormat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run's report says, in order: page 1 a summary (status, the guarantee in words and
 * numbers, method and parameters, results of the released model, what the certificate covers —
 * theory.md §14); the release's charts; the private diagnostics, labelled as such; the
 * certificate's fields as a table; the raw certificate JSON as an appendix.
 */
final class ReportContent {
    private final RunFolder run;
    private final JsonNode cert;
    private final List<Block> blocks = new ArrayList<>();

    private ReportContent(RunFolder run) {
        this.run = run;
        this.cert = run.certificate();
    }

    static List<Block> of(RunFolder run) {
        ReportContent c = new ReportContent(run);
        c.build();
        return List.copyOf(c.blocks);
    }

    /** "model clipping · run folder mc1": names the run in the title and in chart subtitles. */
    static String runName(RunFolder run) {
        return words(run.method()) + " · " + run.dir().toAbsolutePath().normalize().getFileName();
    }

    private void build() {
        String finished = cert.path("finished_at").asText("");
        blocks.add(new Block.Title("Unlearning report: " + words(run.method()),
                "Run folder " + run.dir().toAbsolutePath().normalize()
                        + (finished.isEmpty() ? "" : " · finished " + finished.replace('T', ' ').replaceAll("\\.\\d+Z$", " UTC"))));
        String status = cert.path("status_line").asText(words(cert.path("status").asText("unknown")));
        String warning = cert.path("utility_warning").asText("");
        blocks.add(new Block.Banner(capitalised(status), cert.path("reason").asText("")
                + (warning.isEmpty() ? "" : " — " + warning), run.certified() ? Block.Tone.GOOD : Block.Tone.BAD));

        blocks.add(new Block.Heading("The guarantee"));
        blocks.add(new Block.Paragraph(cert.path("statement").asText("The certificate states no guarantee.")));
        blocks.add(new Block.Table(guarantee()));

        blocks.add(new Block.Heading("Method and parameters"));
        blocks.add(new Block.Table(keyParameters(), true));

        blocks.add(new Block.Heading("Results of the released model"));
        blocks.add(new Block.Table(results()));

        blocks.add(new Block.Heading("What the certificate covers (theory.md §14)"));
        for (String p : coverage()) {
            blocks.add(new Block.Paragraph(p));
        }

        ReportCharts charts = new ReportCharts(run, runName(run));
        if (!charts.released().isEmpty()) {
            blocks.add(new Block.PageBreak());
            blocks.add(new Block.Heading("Charts: the release"));
            charts.released().forEach(f -> blocks.add(new Block.Figure(f.chart(), f.caption())));
        }

        blocks.add(new Block.PageBreak());
        blocks.add(new Block.Heading("Private diagnostics"));
        blocks.add(new Block.Banner("Private: not covered by the certificate",
                "Everything in this section is computed from the forgotten data, the original model or the "
                        + "models before and during the noisy phase. Publishing any of it voids the guarantee "
                        + "(theory.md §14). It is here for the people who ran the unlearning.", Block.Tone.WARNING));
        charts.diagnostics().forEach(f -> blocks.add(new Block.Figure(f.chart(), f.caption())));
        List<Row> diag = diagnostics();
        if (!diag.isEmpty()) {
            blocks.add(new Block.Table(diag));
        }

        blocks.add(new Block.PageBreak());
        blocks.add(new Block.Heading("Run configuration (config.json)"));
        blocks.add(new Block.Table(parameters()));

        blocks.add(new Block.Heading("Certificate fields"));
        blocks.add(new Block.Table(fields()));

        blocks.add(new Block.PageBreak());
        blocks.add(new Block.Heading("Appendix: certificate.json as written"));
        blocks.add(new Block.Code(run.certificateText()));
    }

    private List<Row> guarantee() {
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of("Requested (ε, δ)", pair(cert.get("target_epsilon"), cert.get("target_delta"))));
        rows.add(Row.of("Achieved (ε, δ)", num(cert.get("epsilon")) == null ? "none stated"
                : pair(cert.get("epsilon"), cert.get("delta"))));
        String sigma = num(cert.get("sigma")) != null ? "σ = " + num(cert.get("sigma"))
                : num(cert.get("sigma_first")) != null ? "σ from " + num(cert.get("sigma_first")) + " to "
                + num(cert.get("sigma_last")) : null;
        List<String> noise = new ArrayList<>();
        if (sigma != null) {
            noise.add(sigma + (cert.has("noise_schedule") ? " (" + words(cert.path("noise_schedule").asText()) + ")" : ""));
        }
        if (cert.has("noisy_steps")) {
            noise.add(cert.path("noisy_steps").asInt() + " noisy steps of " + cert.path("planned_noisy_steps").asInt()
                    + " planned");
        }
        if (!noise.isEmpty()) {
            rows.add(Row.of("Noise", String.join(", ", noise)));
        }
        if (cert.has("accountant")) {
            rows.add(Row.of("Accountant", cert.path("accountant").asText()));
        }
        JsonNode source = cert.path("noise");
        if (!source.isMissingNode()) {
            rows.add(Row.of("Noise source", noiseSource(source)));
        }
        mono(rows, "Released model SHA-256", cert.get("unlearned_model_sha256"));
        mono(rows, "Forget set SHA-256", cert.get("forget_set_sha256"));
        return rows;
    }

    private static String noiseSource(JsonNode noise) {
        String kind = noise.path("kind").asText(noise.isTextual() ? noise.asText() : "");
        String text = words(kind);
        if (noise.has("generator")) {
            text += " (" + noise.path("generator").asText() + ")";
        }
        if (noise.has("seed") && !noise.get("seed").isNull()) {
            text += "; its seed (" + noise.get("seed").asText() + ") is recorded: whoever holds it can regenerate the "
                    + "noise, so this is a reproducible demonstration (§14)";
        }
        return text;
    }

    /** Page 1: the method's parameters and the few settings that say what was unlearned from what. */
    private List<Row> keyParameters() {
        JsonNode cfg = run.config();
        if (cfg.isMissingNode()) {
            return parametersFromCertificate();
        }
        List<Row> rows = new ArrayList<>();
        JsonNode m = cfg.path("method");
        for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNull()) {
                rows.add(Row.of(label(e.getKey()), e.getKey().equals("type") ? words(e.getValue().asText())
                        : value(e.getValue())));
            }
        }
        JsonNode data = cfg.path("data");
        optional(rows, "data", data.get("source"));
        optional(rows, "forget", data.hasNonNull("forget_file") ? data.get("forget_file") : data.get("forget_fraction"));
        optional(rows, "original model", cfg.path("model").hasNonNull("path") ? cfg.path("model").get("path")
                : cfg.path("model").get("architecture"));
        optional(rows, "fine-tune epochs", cfg.path("fine_tune").get("epochs"));
        optional(rows, "retrain baseline", cfg.get("retrain_baseline"));
        optional(rows, "noise", cfg.get("noise"));
        return rows;
    }

    private static void optional(List<Row> rows, String name, JsonNode v) {
        if (v != null && !v.isNull() && !v.isMissingNode()) {
            rows.add(Row.of(name, value(v)));
        }
    }

    /** Without config.json: the method and the accountant's inputs the certificate records. */
    private List<Row> parametersFromCertificate() {
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of("method", words(run.method())));
        flatten(rows, "", cert.path("accountant_inputs"));
        return rows;
    }

    private List<Row> parameters() {
        JsonNode cfg = run.config();
        if (cfg.isMissingNode()) {
            return parametersFromCertificate();
        }
        List<Row> rows = new ArrayList<>();
        List<Row> general = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = cfg.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isObject()) {
                rows.add(Row.group(capitalised(SECTIONS.getOrDefault(e.getKey(), words(e.getKey())))));
                for (Iterator<Map.Entry<String, JsonNode>> f = e.getValue().fields(); f.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = f.next();
                    if (!p.getValue().isNull()) {
                        rows.add(Row.of(label(p.getKey()), value(p.getValue())));
                    }
                }
            } else if (!e.getValue().isNull()) {
                general.add(Row.of(label(e.getKey()), value(e.getValue())));
            }
        }
        if (!general.isEmpty()) {
            rows.add(Row.group("Run"));
            rows.addAll(general);
        }
        return rows;
    }

    private static final Map<String, String> SECTIONS = Map.of("data", "data", "model", "original model",
            "method", "unlearning method", "fine_tune", "noise-free fine-tuning on the retain set");
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("type", "method"), Map.entry("epsilon", "ε (target)"), Map.entry("delta", "δ (target)"),
            Map.entry("init_clip", "C₀ initial clip radius"), Map.entry("grad_clip", "C₁ gradient clip"),
            Map.entry("model_clip", "C₂ model clip radius"), Map.entry("sigma", "σ noise per step"),
            Map.entry("init_sigma", "σ₀ initial noise"), Map.entry("learning_rate", "η learning rate"),
            Map.entry("weight_decay", "λ weight decay"), Map.entry("steps", "T noisy steps (fixed)"),
            Map.entry("schedule", "schedule"), Map.entry("variant", "noise variant"));

    private static String label(String key) {
        return LABELS.getOrDefault(key, words(key));
    }

    private List<Row> results() {
        List<Row> rows = new ArrayList<>();
        JsonNode s = run.summary();
        List<String> acc = new ArrayList<>();
        for (String set : new String[] {"test", "retain", "validation"}) {
            if (s.path(set + "_accuracy").isNumber()) {
                acc.add(set + " " + pct(s.get(set + "_accuracy")));
            }
        }
        if (!acc.isEmpty()) {
            rows.add(Row.of("Accuracy", String.join(", ", acc)));
        }
        JsonNode rt = s.path("retrain");
        if (rt.isObject()) {
            rows.add(Row.of("Retrain baseline", "test " + pct(rt.get("test_accuracy")) + ", retain "
                    + pct(rt.get("retain_accuracy")) + (rt.has("examples_processed")
                    ? ", " + rt.get("examples_processed").asText() + " examples processed" : "")));
        }
        JsonNode save = s.path("compute_savings");
        if (save.has("savings") && save.get("savings").isNumber()) {
            double v = save.get("savings").asDouble();
            rows.add(Row.of("Compute against retraining", String.format(Locale.ROOT,
                    "to reach test accuracy %s: %s vs %s examples (%s)", pct(save.get("target_accuracy")),
                    save.path("unlearn_examples").asText("—"), save.path("retrain_examples").asText("—"),
                    v >= 0 ? String.format(Locale.ROOT, "savings %.0f %%", 100 * v)
                            : String.format(Locale.ROOT, "%.0f %% more than retraining: no savings", -100 * v))));
        } else if (save.has("examples_fraction_of_retrain")) {
            rows.add(Row.of("Compute against retraining", String.format(Locale.ROOT,
                    "%.0f %% of retraining's examples, %.0f %% of its time",
                    100 * save.get("examples_fraction_of_retrain").asDouble(),
                    100 * save.path("time_fraction_of_retrain").asDouble())));
        }
        if (s.has("examples_processed")) {
            rows.add(Row.of("Compute", s.get("examples_processed").asText() + " examples"
                    + (s.has("noisy_examples") ? " (" + s.get("noisy_examples").asText() + " in the noisy phase)" : "")
                    + (s.has("wall_seconds") ? String.format(Locale.ROOT, ", %.1f s", s.get("wall_seconds").asDouble()) : "")));
        }
        if (rows.isEmpty()) {
            rows.add(Row.of("Results", "no summary in the run folder"));
        }
        return rows;
    }

    private List<String> coverage() {
        List<String> p = new ArrayList<>();
        p.add("Covered (the release): the unlearned model in " + run.releasedModelPath()
                + "/ (SHA-256 above), this certificate, and metrics of the released model on retain and test data.");
        p.add("Not covered (private diagnostics): anything computed from the original model or from models before or "
                + "during the noisy phase (losses, gradient norms, accuracies of noisy iterates), any metric on the "
                + "forget set (its accuracy, membership-inference scores) and a noise seed. They appear only under "
                + "\"Private diagnostics\"; publishing them voids the guarantee.");
        p.add(run.split() ? "The run folder keeps them in private/; release/ holds what may be published."
                : "This run folder keeps release and diagnostics side by side (metrics.csv and summary.json hold both): "
                + "publish only the unlearned model and a certificate without a noise seed.");
        return p;
    }

    private List<Row> diagnostics() {
        List<Row> rows = new ArrayList<>();
        JsonNode s = run.privateSummary();
        percent(rows, "Forget-set accuracy (unlearned)", s.get("forget_accuracy"));
        if (s.path("retrain").isObject()) {
            percent(rows, "Forget-set accuracy (retrained)", s.path("retrain").get("forget_accuracy"));
        }
        byModel(rows, "Membership-inference AUC", s.path("forget_mia_auc"));
        byModel(rows, "Membership-inference balanced accuracy", s.path("forget_mia_balanced_accuracy"));
        if (s.has("mia_auc_gap_to_retrain") && !s.get("mia_auc_gap_to_retrain").isNull()) {
            rows.add(Row.of("AUC gap to the retrained model", num(s.get("mia_auc_gap_to_retrain"))));
        }
        if (s.hasNonNull("mia_note")) {
            rows.add(Row.of("What the AUC means", s.get("mia_note").asText()));
        }
        return rows;
    }

    private static void byModel(List<Row> rows, String name, JsonNode m) {
        if (!m.isObject()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        for (String k : new String[] {"original", "unlearned", "retrain"}) {
            if (m.hasNonNull(k)) {
                parts.add(k + " " + num(m.get(k)));
            }
        }
        rows.add(Row.of(name, String.join(", ", parts)));
    }

    /** Every field of the certificate, nested objects flattened ("accountant_inputs › C0"). */
    private List<Row> fields() {
        List<Row> rows = new ArrayList<>();
        flatten(rows, "", cert);
        return rows;
    }

    private static void flatten(List<Row> rows, String prefix, JsonNode node) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = prefix + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                flatten(rows, name + " › ", v);
            } else if (e.getKey().endsWith("sha256")) {
                rows.add(Row.mono(name, v.asText()));
            } else {
                rows.add(Row.of(name, value(v)));
            }
        }
    }

    private static String value(JsonNode v) {
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(i -> items.add((v.size() > 1 ? "• " : "") + (i.isTextual() ? i.asText() : i.toString())));
            return items.isEmpty() ? "(none)" : String.join("\n", items);
        }
        return v.isNull() ? "null" : v.isTextual() ? v.asText() : v.toString();
    }

    private static void mono(List<Row> rows, String name, JsonNode v) {
        if (v != null && !v.isNull()) {
            rows.add(Row.mono(name, v.asText()));
        }
    }

    private static void percent(List<Row> rows, String name, JsonNode v) {
        if (v != null && v.isNumber()) {
            rows.add(Row.of(name, pct(v)));
        }
    }

    private static String pct(JsonNode v) {
        return v == null || !v.isNumber() ? "—" : String.format(Locale.ROOT, "%.2f %%", 100 * v.asDouble());
    }

    private static String num(JsonNode v) {
        return v == null || !v.isNumber() ? null : CompactFormat.text(v.asDouble(), 4);
    }

    private static String pair(JsonNode a, JsonNode b) {
        return "(" + (num(a) == null ? "—" : num(a)) + ", " + (num(b) == null ? "—" : num(b)) + ")";
    }

    static String words(String id) {
        return id.replace('_', ' ');
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
