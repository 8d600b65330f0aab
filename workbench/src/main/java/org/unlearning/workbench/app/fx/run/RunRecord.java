package org.unlearning.workbench.app.fx.run;

import org.unlearning.workbench.app.chart.RunSeries;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.unlearning.workbench.accounting.method.ParameterDescription;
import org.unlearning.workbench.engine.run.Certificate;
import org.unlearning.workbench.engine.run.EvaluationMetrics;
import org.unlearning.workbench.engine.run.Release;
import org.unlearning.workbench.engine.run.RunPlan;
import org.unlearning.workbench.engine.run.RunResult;
import org.unlearning.workbench.engine.unlearn.MethodConfig;
import org.unlearning.workbench.engine.unlearn.UnlearningConfig;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One run of the session: its configuration, live chart data, status and result (FX thread). */
public final class RunRecord {
    public enum Status {
        RUNNING("running"), CERTIFIED("certified"), WEAKER("certified at a weaker guarantee"),
        DEMONSTRATION("demonstration"), NOT_CERTIFIED("not certified"), FAILED("failed");

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
    private RunSeries series;
    private final ObjectProperty<Status> status = new SimpleObjectProperty<>(Status.RUNNING);
    private final ObjectProperty<RunResult> result = new SimpleObjectProperty<>();
    private final StringProperty results = new SimpleStringProperty("");
    private final StringProperty detail = new SimpleStringProperty("");
    private final ObjectProperty<RunPlan> plan = new SimpleObjectProperty<>();

    public RunRecord(int id, UnlearningConfig config, Path directory) {
        this.id = id;
        this.config = config;
        this.directory = directory;
        this.series = new RunSeries("privacy state");
    }

    /** The engine's plan arrived: charts per step (with the method's privacy label and clip line) or per request. */
    public void planned(RunPlan plan) {
        this.plan.set(plan);
        series = plan.perRequest() ? RunSeries.perRequest(plan.method()) : new RunSeries(plan.privacyLabel());
        if (plan.clipThreshold() != null) {
            series.setGradientClip(plan.clipThreshold());
        }
    }

    public int id() {
        return id;
    }

    public String name() {
        return "Run " + id;
    }

    /** The run's configuration. */
    public UnlearningConfig config() {
        return config;
    }

    /** Method key as in the CLI and certificates (e.g. "gradient_clipping"). */
    public String methodId() {
        return config.method().key();
    }

    /** True once the run produced a result whose files can be exported. */
    public boolean hasResult() {
        return result.get() != null;
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

    /**
     * Records the outcome: certified only when every requested release was made and each one is
     * certified; with several releases (or a release without steps) the detail says that releases compose.
     */
    public void finish(RunResult r) {
        result.set(r);
        // the one status vocabulary (CertificateStatus): the run list shows the summary's status
        status.set(!r.certified() && r.failure() != null ? Status.NOT_CERTIFIED : switch (r.summary().status()) {
            case CERTIFIED -> Status.CERTIFIED;
            case CERTIFIED_WEAKER -> Status.WEAKER;
            case DEMONSTRATION -> Status.DEMONSTRATION;
            case NOT_CERTIFIED -> Status.NOT_CERTIFIED;
        });
        List<Release> rel = r.releases();
        Release last = rel.isEmpty() ? null : rel.get(rel.size() - 1);
        EvaluationMetrics e = last != null && last.evaluation() != null ? last.evaluation()
                : r.evaluations().isEmpty() ? null : r.evaluations().get(r.evaluations().size() - 1);
        if (e != null) {
            results.set(String.format(Locale.ROOT, "test %.1f %% · retain %.1f %% · forget %.1f %%",
                    100 * e.testAccuracy(), 100 * e.retainAccuracy(), 100 * e.forgetAccuracy())
                    + (last == null || last.distanceToRetrain() == null ? ""
                    : " · ‖w⁻ − w_retrain‖ = " + fmt(last.distanceToRetrain())));
        }
        Certificate c = r.certificate();
        String warning = r.summary().utilityWarning() == null ? "" : " — " + r.summary().utilityWarning();
        if (status.get() == Status.WEAKER || status.get() == Status.DEMONSTRATION) {
            detail.set(r.summary().statusLine() + warning);
        } else if (!r.certified()) {
            String why = r.failure() != null ? r.failure() : r.summary().stopReason() != null ? r.summary().stopReason()
                    : rel.stream().filter(x -> !x.certificate().certified()).findFirst()
                    .map(x -> (rel.size() > 1 ? "request " + x.request() + ": " : "") + x.certificate().reason())
                    .orElse(c.reason());
            detail.set(why + warning);
        } else if (rel.size() > 1 || series.isPerRequest()) {
            detail.set(String.format(Locale.ROOT, "(ε, δ) = (%s, %s) per release, σ = %s", fmt(c.epsilon()),
                    fmt(c.delta()), fmt(c.sigma()))
                    + (rel.size() > 1 ? "; an observer of all " + rel.size() + " releases faces up to ("
                    + fmt(rel.size() * c.epsilon()) + ", " + fmt(rel.size() * c.delta()) + ") (they compose)" : ""));
        } else {
            detail.set(String.format(Locale.ROOT, "(ε, δ) = (%s, %s)", fmt(c.epsilon()), fmt(c.delta())) + warning);
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

    // ---- figures of the comparison table (null: not known / not measured) ----------------

    /** The engine's plan once it arrived (T, σ before the result). */
    public ObjectProperty<RunPlan> planProperty() {
        return plan;
    }

    /** Achieved ε once finished, else the requested ε. */
    public Double epsilon() {
        Certificate c = result.get() == null ? null : result.get().certificate();
        return c != null && c.epsilon() != null ? c.epsilon() : number(config.method().values().get("epsilon"));
    }

    /** Achieved δ once finished, else the requested δ. */
    public Double delta() {
        Certificate c = result.get() == null ? null : result.get().certificate();
        return c != null && c.delta() != null ? c.delta() : number(config.method().values().get("delta"));
    }

    /** Noisy steps run (planned while running). */
    public Integer steps() {
        if (result.get() != null && result.get().certificate() != null) {
            return result.get().certificate().noisySteps();
        }
        return plan.get() == null ? null : plan.get().noisySteps();
    }

    /** σ (first σ of a schedule); null without noise. */
    public Double sigma() {
        Certificate c = result.get() == null ? null : result.get().certificate();
        Double v = c == null ? null : c.sigma() != null ? c.sigma() : c.sigmaFirst();
        if (v == null && plan.get() != null && plan.get().sigmaFirst() > 0) {
            v = plan.get().sigmaFirst();
        }
        return v != null && v > 0 ? v : null;
    }

    public Double testAccuracy() {
        return result.get() == null ? null : result.get().summary().testAccuracy();
    }

    public Double retainAccuracy() {
        return result.get() == null ? null : result.get().summary().retainAccuracy();
    }

    public Double forgetAccuracy() {
        return result.get() == null ? null : result.get().summary().forgetAccuracy();
    }

    /** 1 − unlearning/retraining examples to the target accuracy; null without baseline or not reached. */
    public Double savings() {
        var cs = result.get() == null ? null : result.get().summary().computeSavings();
        return cs == null ? null : cs.savings();
    }

    /** Membership-inference AUC (forget vs test set) of the released model; 0.5 = cannot tell. */
    public Double miaAuc() {
        var m = result.get() == null ? null : result.get().summary().forgetMiaAuc();
        return m == null ? null : m.unlearned();
    }

    /** The same attack's AUC on the original and the retrained model (null if not measured). */
    public MiaAucs miaAucs() {
        var m = result.get() == null ? null : result.get().summary().forgetMiaAuc();
        return m == null ? null : new MiaAucs(m.original(), m.unlearned(), m.retrain());
    }

    /** Membership-inference AUC of the original, released and retrained model. */
    public record MiaAucs(Double original, Double unlearned, Double retrain) {}

    private static Double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : null;
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

    /** Every parameter of the run by name (reports): the method's, then data, model and budget. */
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        MethodConfig m = config.method();
        p.put("method", m.key());
        Map<String, Object> values = m.values();
        for (ParameterDescription d : m.method().schema().parameters()) {
            Object v = values.get(d.key());
            if (v != null && d.runInput()) {
                p.put(d.symbol().isEmpty() ? d.key() : d.symbol(), v instanceof Number n ? fmt(n.doubleValue()) : v.toString());
            }
        }
        p.put("fine-tune epochs", String.valueOf(config.fineTune().epochs()));
        p.put("data", config.data().source());
        p.put("forget", config.data().forgetFile() != null ? config.data().forgetFile()
                : fmt(config.data().forgetFraction()) + " of the training part"
                + (config.data().requests() != null && config.data().requests() > 1
                ? " per request × " + config.data().requests() : ""));
        p.put("original model", config.model().path() != null ? config.model().path()
                : config.model().architecture() + " trained here for " + config.model().trainEpochs() + " epochs");
        p.put("retrain baseline", String.valueOf(config.retrainBaseline()));
        p.put("seed", String.valueOf(config.seed()));
        return p;
    }

    static String fmt(Double v) {
        return v == null ? "—" : org.unlearning.workbench.app.fx.controls.NumberText.format(v, 4);
    }
}
