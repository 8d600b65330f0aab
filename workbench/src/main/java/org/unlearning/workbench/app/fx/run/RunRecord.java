package org.unlearning.workbench.app.fx.run;

import org.unlearning.workbench.app.chart.RunSeries;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.unlearning.workbench.engine.run.EvaluationMetrics;
import org.unlearning.workbench.engine.run.RunResult;
import org.unlearning.workbench.engine.unlearn.MethodConfig;
import org.unlearning.workbench.engine.unlearn.UnlearningConfig;

import org.unlearning.workbench.engine.unlearn.newton.NewtonCertificate;
import org.unlearning.workbench.engine.unlearn.newton.NewtonRelease;
import org.unlearning.workbench.engine.unlearn.newton.NewtonRun;
import org.unlearning.workbench.engine.unlearn.newton.NewtonRunConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One run of the session: its configuration, live chart data, status and result (FX thread). */
public final class RunRecord {
    public enum Status {
        RUNNING("running"), CERTIFIED("certified"), NOT_CERTIFIED("not certified"), FAILED("failed");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private final int id;
    private final UnlearningConfig config;
    private final Path directory;
    private final RunSeries series;
    private final ObjectProperty<Status> status = new SimpleObjectProperty<>(Status.RUNNING);
    private final ObjectProperty<RunResult> result = new SimpleObjectProperty<>();
    private final StringProperty results = new SimpleStringProperty("");
    private final StringProperty detail = new SimpleStringProperty("");
    private final NewtonRunConfig newton;
    private final ObjectProperty<NewtonRun.Result> newtonResult = new SimpleObjectProperty<>();

    /** A Newton run (§9): a timeline of deletion requests, one certified release each. */
    public RunRecord(int id, NewtonRunConfig newton, Path directory) {
        this.id = id;
        this.config = null;
        this.newton = newton;
        this.directory = directory;
        this.series = RunSeries.perRequest();
    }

    public RunRecord(int id, UnlearningConfig config, Path directory) {
        this.id = id;
        this.config = config;
        this.newton = null;
        this.directory = directory;
        String privacy = switch (config.method().type()) {
            case GRADIENT_CLIPPING -> "ρ_R if stopped here";
            case MODEL_CLIPPING -> "δₜ";
            default -> "privacy state";
        };
        this.series = new RunSeries(privacy);
        if (config.method().gradClip() != null && config.method().type().id().equals("gradient_clipping")) {
            series.setGradientClip(config.method().gradClip());
        }
    }

    public int id() {
        return id;
    }

    public String name() {
        return "Run " + id;
    }

    /** The configuration of a Noisy-fine-tuning / retrain run (null for a Newton run). */
    public UnlearningConfig config() {
        return config;
    }

    /** The configuration of a Newton run (null otherwise). */
    public NewtonRunConfig newtonConfig() {
        return newton;
    }

    /** Method id as in the CLI and certificates ("gradient_clipping", …, "newton"). */
    public String methodId() {
        return newton != null ? "newton" : config.method().type().id();
    }

    /** The finished Newton run (null while running, when cancelled, or for other methods). */
    public ObjectProperty<NewtonRun.Result> newtonResultProperty() {
        return newtonResult;
    }

    /** True once the run produced a result whose files can be exported. */
    public boolean hasResult() {
        return result.get() != null || newtonResult.get() != null;
    }

    public Path directory() {
        return directory;
    }

    public RunSeries series() {
        return series;
    }

    public ObjectProperty<Status> statusProperty() {
        return status;
    }

    public ObjectProperty<RunResult> resultProperty() {
        return result;
    }

    /** Final accuracies, e.g. "test 91.2 % · retain 92.0 % · forget 90.1 %". */
    public StringProperty resultsProperty() {
        return results;
    }

    /** Why not certified / failure, or the achieved guarantee. */
    public StringProperty detailProperty() {
        return detail;
    }

    /** Records the outcome. */
    public void finish(RunResult r) {
        result.set(r);
        status.set(r.certified() ? Status.CERTIFIED : Status.NOT_CERTIFIED);
        if (!r.evaluations().isEmpty()) {
            EvaluationMetrics e = r.evaluations().get(r.evaluations().size() - 1);
            results.set(String.format(Locale.ROOT, "test %.1f %% · retain %.1f %% · forget %.1f %%",
                    100 * e.testAccuracy(), 100 * e.retainAccuracy(), 100 * e.forgetAccuracy()));
        }
        var c = r.certificate();
        detail.set(r.certified()
                ? String.format(Locale.ROOT, "(ε, δ) = (%s, %s)", fmt(c.epsilon()), fmt(c.delta()))
                : c.reason());
    }

    /**
     * Records a finished Newton run: certified only when every requested release was made and
     * each one is certified (§9.3); the detail says that releases compose.
     */
    public void finishNewton(NewtonRun.Result r) {
        newtonResult.set(r);
        List<NewtonRelease> rel = r.releases();
        long certified = rel.stream().filter(x -> x.certificate().certified()).count();
        boolean all = r.stopReason() == null && rel.size() == newton.requests() && certified == rel.size();
        status.set(all ? Status.CERTIFIED : Status.NOT_CERTIFIED);
        NewtonRelease last = rel.isEmpty() ? null : rel.get(rel.size() - 1);
        if (last != null && last.model() != null) {
            results.set(String.format(Locale.ROOT, "test %.1f %% · retain %.1f %% · forget %.1f %%",
                    100 * last.testAccuracy(), 100 * last.retainAccuracy(), 100 * last.forgetAccuracy())
                    + (last.distanceToRetrain() == null ? ""
                    : " · ‖w⁻ − w_retrain‖ = " + fmt(last.distanceToRetrain())));
        }
        if (all) {
            NewtonCertificate c = last.certificate();
            detail.set(String.format(Locale.ROOT, "(ε, δ) = (%s, %s) per release, σ = %s", fmt(c.epsilon()),
                    fmt(c.delta()), fmt(c.sigma()))
                    + (rel.size() > 1 ? "; an observer of all " + rel.size() + " releases faces up to ("
                    + fmt(rel.size() * c.epsilon()) + ", " + fmt(rel.size() * c.delta()) + ") (they compose)" : ""));
        } else {
            String why = r.stopReason() != null ? r.stopReason()
                    : rel.stream().filter(x -> !x.certificate().certified()).findFirst()
                    .map(x -> "request " + x.request() + ": " + x.certificate().reason())
                    .orElse(rel.size() + " of " + newton.requests() + " requests processed");
            detail.set(why);
        }
    }

    /** Stopped before the engine produced a result: no guarantee. */
    public void cancelledBeforeStart(String why) {
        status.set(Status.NOT_CERTIFIED);
        detail.set(why);
    }

    public void fail(String why) {
        status.set(Status.FAILED);
        detail.set(why);
    }

    /** Method and its parameters in one line (runs list). */
    public String parametersText() {
        StringBuilder b = new StringBuilder(methodId());
        parameters().forEach((k, v) -> {
            if (!k.equals("method")) {
                b.append(", ").append(k).append(" = ").append(v);
            }
        });
        return b.toString();
    }

    /** Every parameter of the run by name (reports). */
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        if (newton != null) {
            p.put("method", "newton");
            p.put("ε", fmt(newton.epsilon()));
            p.put("δ", fmt(newton.delta()));
            p.put("C", fmt(newton.c()));
            p.put("M", fmt(newton.m()));
            p.put("λ", fmt(newton.lambda()));
            p.put("Δ_LiSSA", fmt(newton.lissaErrorBudget()));
            p.put("s₁", String.valueOf(newton.s1()));
            p.put("s₂", String.valueOf(newton.s2()));
            p.put("H", fmt(newton.scale()));
            p.put("b", String.valueOf(newton.batchSize()));
            p.put("requests", String.valueOf(newton.requests()));
            p.put("fraction per request", fmt(newton.forgetFraction()));
            p.put("data", newton.data());
            p.put("original model", newton.model());
            p.put("retrain baseline", String.valueOf(newton.retrain()));
            p.put("seed", String.valueOf(newton.seed()));
            return p;
        }
        MethodConfig m = config.method();
        p.put("method", m.type().id());
        if (m.type().id().equals("retrain")) {
            p.put("fine-tune epochs", String.valueOf(config.fineTune().epochs()));
            return p;
        }
        p.put("ε", fmt(m.epsilon()));
        p.put("δ", fmt(m.delta()));
        put(p, "C₀", m.initClip());
        put(p, "C₁", m.gradClip());
        put(p, "C₂", m.modelClip());
        put(p, "η", m.learningRate());
        put(p, "λ", m.weightDecay());
        put(p, "σ", m.sigma());
        if (m.type().id().equals("gradient_clipping")) {
            p.put("schedule", m.schedule());
        }
        p.put("batch size", String.valueOf(m.batchSize()));
        p.put("fine-tune epochs", String.valueOf(config.fineTune().epochs()));
        p.put("data", config.data().source());
        p.put("forget", config.data().forgetFile() != null ? config.data().forgetFile()
                : fmt(config.data().forgetFraction()) + " of the training part");
        p.put("original model", config.model().path() != null ? config.model().path()
                : config.model().architecture() + " trained here for " + config.model().trainEpochs() + " epochs");
        p.put("seed", String.valueOf(config.seed()));
        return p;
    }

    private static void put(Map<String, String> p, String k, Double v) {
        if (v != null && v != 0) {
            p.put(k, fmt(v));
        }
    }

    static String fmt(Double v) {
        return v == null ? "—" : org.unlearning.workbench.app.fx.controls.NumberText.format(v, 4);
    }
}
