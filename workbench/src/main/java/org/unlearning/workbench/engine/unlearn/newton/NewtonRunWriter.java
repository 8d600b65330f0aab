package org.unlearning.workbench.engine.unlearn.newton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.unlearning.workbench.engine.data.DatasetSplit;
import org.unlearning.workbench.engine.data.ForgetSet;
import org.unlearning.workbench.engine.model.ModelStore;
import org.unlearning.workbench.engine.run.Certificate;
import org.unlearning.workbench.engine.run.CertificateStatus;
import org.unlearning.workbench.engine.run.EvaluationMetrics;
import org.unlearning.workbench.engine.run.MetricsCsvWriter;
import org.unlearning.workbench.engine.run.NoiseProvenance;
import org.unlearning.workbench.engine.run.RunJson;
import org.unlearning.workbench.engine.run.RunPhase;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run directory of a Newton run (same files and formats as the other methods, engine.run):
 * <pre>
 * config.json                  the run configuration (reopenable) and the engine configuration
 * metrics.csv                  {@link MetricsCsvWriter} format: one {@code eval} row per release
 * requests.csv                 one row per deletion request (σ, Δ, λ_min, LiSSA, times, distances)
 * summary.json                 accuracies, compute against retraining, per-request figures
 * certificate.json             {@link Certificate} of the latest release
 * certificates/request-K.json  {@link Certificate} of every release (and the forget indices)
 * releases/request-K/          the released model w⁻_K (model.zip + model.json)
 * </pre>
 * Non-finite numbers are written as null.
 */
public final class NewtonRunWriter {
    static final String[] CSV_HEADER = {"request", "forget_size", "retain_size", "status", "sigma", "Delta", "Delta_N",
            "lambda_min", "lambda_max", "lissa_recursion_residual", "lissa_full_residual", "lissa_error_bound",
            "newton_seconds", "newton_examples", "certification_seconds", "certification_examples",
            "retrain_seconds", "retrain_examples", "forget_accuracy", "retain_accuracy", "test_accuracy",
            "noise_free_test_accuracy", "retrain_forget_accuracy", "retrain_retain_accuracy", "retrain_test_accuracy",
            "distance_to_original", "distance_to_retrain", "noise_free_distance_to_retrain"};

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;
    private final NewtonRunConfig config;
    private final ModelStore.SavedModel original;
    private final DatasetSplit data;
    private final String startedAt;
    private final MetricsCsvWriter metrics;
    private long cumulativeExamples;
    private double cumulativeSeconds;

    private NewtonRunWriter(Path root, NewtonRunConfig config, ModelStore.SavedModel original, DatasetSplit data,
                            MetricsCsvWriter metrics) {
        this.metrics = metrics;
        this.root = root;
        this.config = config;
        this.original = original;
        this.data = data;
        this.startedAt = Instant.now().toString();
    }

    public static NewtonRunWriter create(Path root, NewtonRunConfig cfg, NewtonConfig engine,
                                         ModelStore.SavedModel original, DatasetSplit data) throws IOException {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new IOException("--out " + root + " exists and is not a directory");
        }
        Files.createDirectories(root.resolve("certificates"));
        Files.createDirectories(root.resolve("releases"));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("method", "newton");
        c.put("run", cfg);
        c.put("engine", engine);
        JSON.writeValue(root.resolve("config.json").toFile(), c);
        try (Writer w = Files.newBufferedWriter(root.resolve("requests.csv"), StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            p.printRecord((Object[]) CSV_HEADER);
        }
        return new NewtonRunWriter(root, cfg, original, data, new MetricsCsvWriter(root.resolve("metrics.csv")));
    }

    public Path root() {
        return root;
    }

    /** Writes one release: its certificate, its model, its metrics row. */
    public void release(NewtonRelease r, int[] forget) throws IOException {
        Certificate cert = certificate(r, forget);
        RunJson.write(root.resolve("certificates").resolve("request-" + r.request() + ".json"), cert);
        RunJson.write(root.resolve("certificate.json"), cert);
        cumulativeExamples += r.totalExamples();
        cumulativeSeconds += r.totalSeconds();
        if (r.model() != null) {
            metrics.evaluated(new EvaluationMetrics(r.request(), RunPhase.INITIAL, cumulativeExamples,
                    cumulativeSeconds, r.testAccuracy(), Double.NaN, r.retainAccuracy(), Double.NaN, r.forgetAccuracy(),
                    Double.NaN, Double.NaN, Double.NaN, r.certificate().certified())); // flushed at once
        }
        if (r.model() != null) {
            Map<String, Object> hp = new LinkedHashMap<>();
            hp.put("method", "newton");
            hp.put("request", r.request());
            hp.put("sigma", r.certificate().sigma());
            hp.put("certificate", r.certificate().status().name().toLowerCase());
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("test_accuracy", r.testAccuracy());
            metrics.put("retain_accuracy", r.retainAccuracy());
            metrics.put("forget_accuracy", r.forgetAccuracy());
            ModelStore.save(r.model(), ModelStore.metadata(r.model(), data.name(), data.sha256(), null, null, hp,
                    metrics), root.resolve("releases").resolve("request-" + r.request()));
        }
        Files.writeString(root.resolve("certificates").resolve("request-" + r.request() + "-forget.txt"),
                joinIndices(forget), StandardCharsets.UTF_8);
        try (Writer w = Files.newBufferedWriter(root.resolve("requests.csv"), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            p.printRecord(row(r));
        }
    }

    /**
     * A cancelled run: summary.json says so; earlier releases keep their certificates; nothing of
     * the interrupted request is written.
     */
    public void cancelled(List<NewtonRelease> releases, String why, int planned) throws IOException {
        metrics.close();
        if (!releases.isEmpty()) {
            finish(releases, why, planned);
        }
        Map<String, Object> s = releases.isEmpty() ? new LinkedHashMap<>()
                : JSON.readValue(root.resolve("summary.json").toFile(), LinkedHashMap.class);
        s.put("method", "newton");
        s.put("status", "cancelled");
        s.put("stop_reason", why);
        s.put("requests_planned", planned);
        s.put("requests_processed", releases.size());
        JSON.writeValue(root.resolve("summary.json").toFile(), s);
    }

    /** summary.json and certificate.json after the last request. */
    public void finish(List<NewtonRelease> releases, String stopReason, int planned) throws IOException {
        metrics.close();
        NewtonRelease last = releases.get(releases.size() - 1);
        NewtonRelease lastReleased = null;
        for (NewtonRelease r : releases) {
            if (r.model() != null) {
                lastReleased = r;
            }
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("method", "newton");
        s.put("status", last.certificate().certified() ? "certified" : "not_certified");
        s.put("requests_planned", planned);
        s.put("requests_processed", releases.size());
        s.put("stop_reason", stopReason);
        s.put("test_accuracy", num(last.testAccuracy()));
        s.put("retain_accuracy", num(last.retainAccuracy()));
        s.put("forget_accuracy", num(last.forgetAccuracy()));
        s.put("original_test_accuracy", original.metadata().metrics() == null ? null
                : original.metadata().metrics().get("test_accuracy"));
        long newtonEx = 0;
        long certEx = 0;
        double newtonSec = 0;
        double certSec = 0;
        long retrainEx = 0;
        double retrainSec = 0;
        boolean allRetrained = true;
        List<Map<String, Object>> per = new ArrayList<>();
        for (NewtonRelease r : releases) {
            newtonEx += r.newtonExamples();
            certEx += r.certificationExamples();
            newtonSec += r.newtonSeconds();
            certSec += r.certificationSeconds();
            if (r.retrain() != null) {
                retrainEx += r.retrain().examplesProcessed();
                retrainSec += r.retrain().seconds();
            } else {
                allRetrained = false;
            }
            per.add(requestJson(r));
        }
        s.put("examples_processed", newtonEx + certEx);
        s.put("newton_examples", newtonEx);
        s.put("certification_examples", certEx);
        s.put("wall_seconds", newtonSec + certSec);
        s.put("newton_seconds", newtonSec);
        s.put("certification_seconds", certSec);
        if (allRetrained && retrainEx > 0) {
            Map<String, Object> rt = new LinkedHashMap<>();
            rt.put("seconds", retrainSec);
            rt.put("examples_processed", retrainEx);
            rt.put("test_accuracy", num(last.retrain().testAccuracy()));
            rt.put("retain_accuracy", num(last.retrain().retainAccuracy()));
            rt.put("forget_accuracy", num(last.retrain().forgetAccuracy()));
            s.put("retrain", rt);
            Map<String, Object> save = new LinkedHashMap<>();
            save.put("time_fraction_of_retrain", (newtonSec + certSec) / retrainSec);
            save.put("examples_fraction_of_retrain", (double) (newtonEx + certEx) / retrainEx);
            save.put("time_fraction_without_certification", newtonSec / retrainSec);
            save.put("examples_fraction_without_certification", (double) newtonEx / retrainEx);
            s.put("compute_savings", save);
        }
        s.put("requests", per);
        List<Map<String, Object>> all = new ArrayList<>();
        for (NewtonRelease r : releases) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("request", r.request());
            e.put("status", r.certificate().status().name().toLowerCase());
            e.put("epsilon", r.certificate().epsilon());
            e.put("delta", r.certificate().delta());
            e.put("sigma", r.certificate().sigma());
            e.put("certificate", "certificates/request-" + r.request() + ".json");
            e.put("model", r.model() == null ? null : "releases/request-" + r.request());
            all.add(e);
        }
        s.put("releases", all);
        s.put("warnings", last.certificate().warnings());
        s.put("started_at", startedAt);
        s.put("finished_at", Instant.now().toString());
        JSON.writeValue(root.resolve("summary.json").toFile(), s);
        if (lastReleased != null && lastReleased != last) { // certificate.json: the model currently published
            Files.copy(root.resolve("certificates").resolve("request-" + lastReleased.request() + ".json"),
                    root.resolve("certificate.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Certificate certificate(NewtonRelease r, int[] forget) {
        NewtonCertificate c = r.certificate();
        boolean certified = c.certified();
        boolean released = r.model() != null;
        Map<String, Object> inputs = clean(c.inputs());
        inputs.put("request", c.request());
        inputs.put("gradient_used", r.gradientUsed());
        List<String> assumptions = new ArrayList<>(c.assumptions());
        for (String w : c.warnings()) {
            assumptions.add("Warning: " + w);
        }
        String reason = c.status() == NewtonCertificate.Status.REFUSED ? "refused: " + c.reason() : c.reason();
        return new Certificate(certified ? CertificateStatus.CERTIFIED : CertificateStatus.NOT_CERTIFIED, reason,
                "newton", config.epsilon(), config.delta(), certified ? c.epsilon() : null,
                certified ? c.delta() : null, released ? 1 : 0, 1, c.sigma(), c.sigma(), c.sigma(),
                released ? "single_draw" : "none",
                "Gaussian mechanism (exact theta_eps calibration) with Delta = Theorem 3.4 bound + Delta_LiSSA (§9.3)",
                inputs, clean(c.outputs()), data.sha256(),
                ForgetSet.ofIndices(data.train().size(), forget, "request " + c.request()).sha256(),
                original.metadata().paramsSha256(), released ? ModelStore.paramsSha256(r.model()) : null,
                !released ? null : c.outputs().get("noise_seed") instanceof Number seed
                        ? NoiseProvenance.seeded(seed.longValue()) : NoiseProvenance.secure(),
                ModelStore.libraryVersions(), startedAt, Instant.now().toString(), null, assumptions, c.statement());
    }

    private static Map<String, Object> requestJson(NewtonRelease r) {
        Map<String, Object> m = new LinkedHashMap<>();
        String[] h = CSV_HEADER;
        List<Object> row = row(r);
        for (int i = 0; i < h.length; i++) {
            m.put(h[i], row.get(i));
        }
        m.put("gradient_used", r.gradientUsed());
        m.put("reason", r.certificate().reason());
        return m;
    }

    private static List<Object> row(NewtonRelease r) {
        Map<String, Object> out = r.certificate().outputs();
        RetrainOutcome rt = r.retrain();
        List<Object> v = new ArrayList<>();
        v.add(r.request());
        v.add(r.forgetSize());
        v.add(r.retainSize());
        v.add(r.certificate().status().name().toLowerCase());
        v.add(r.certificate().sigma());
        v.add(obj(out.get("Delta")));
        v.add(obj(out.get("Delta_N")));
        v.add(r.spectrum() == null ? null : num(r.spectrum().lambdaMinLower()));
        v.add(r.spectrum() == null ? null : num(r.spectrum().lambdaMax()));
        v.add(r.lissa() == null ? null : num(r.lissa().recursionResidual()));
        v.add(num(r.lissaFullResidual()));
        v.add(obj(out.get("lissa_error_bound_measured")));
        v.add(r.newtonSeconds());
        v.add(r.newtonExamples());
        v.add(r.certificationSeconds());
        v.add(r.certificationExamples());
        v.add(rt == null ? null : rt.seconds());
        v.add(rt == null ? null : rt.examplesProcessed());
        v.add(num(r.forgetAccuracy()));
        v.add(num(r.retainAccuracy()));
        v.add(num(r.testAccuracy()));
        v.add(num(r.noiseFreeTestAccuracy()));
        v.add(rt == null ? null : num(rt.forgetAccuracy()));
        v.add(rt == null ? null : num(rt.retainAccuracy()));
        v.add(rt == null ? null : num(rt.testAccuracy()));
        v.add(num(r.distanceToOriginal()));
        v.add(r.distanceToRetrain() == null ? null : num(r.distanceToRetrain()));
        v.add(r.noiseFreeDistanceToRetrain() == null ? null : num(r.noiseFreeDistanceToRetrain()));
        return v;
    }

    private static Map<String, Object> clean(Map<String, Object> m) {
        Map<String, Object> out = new java.util.TreeMap<>();
        m.forEach((k, v) -> out.put(k, obj(v)));
        return out;
    }

    private static Object obj(Object v) {
        return v instanceof Double d ? num(d) : v;
    }

    private static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String joinIndices(int[] idx) {
        StringBuilder b = new StringBuilder();
        for (int i : idx) {
            b.append(i).append('\n');
        }
        return b.toString();
    }
}
