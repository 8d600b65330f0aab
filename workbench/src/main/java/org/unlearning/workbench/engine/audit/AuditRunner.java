package org.unlearning.workbench.engine.audit;

import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.data.DatasetLoader;
import org.unlearning.workbench.engine.data.DatasetSplit;
import org.unlearning.workbench.engine.model.Architecture;
import org.unlearning.workbench.engine.model.ModelSpec;
import org.unlearning.workbench.engine.model.WorkbenchModel;
import org.unlearning.workbench.engine.run.CancelToken;
import org.unlearning.workbench.engine.run.RunCancelledException;
import org.unlearning.workbench.engine.run.RunDirectory;
import org.unlearning.workbench.engine.run.RunListener;
import org.unlearning.workbench.engine.run.RunPhase;
import org.unlearning.workbench.engine.sweep.ResultRow;
import org.unlearning.workbench.engine.sweep.SweepTask;
import org.unlearning.workbench.engine.sweep.UnlearningTaskExecutor;
import org.unlearning.workbench.engine.unlearn.DataConfig;
import org.unlearning.workbench.engine.unlearn.MethodConfig;
import org.unlearning.workbench.engine.unlearn.ModelConfig;
import org.unlearning.workbench.engine.unlearn.ModelFiles;
import org.unlearning.workbench.engine.unlearn.NoiseSource;
import org.unlearning.workbench.engine.unlearn.NoiselessFineTune;
import org.unlearning.workbench.engine.unlearn.OriginalTraining;
import org.unlearning.workbench.engine.unlearn.RunContext;
import org.unlearning.workbench.engine.unlearn.UnlearningConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs an audit (theory.md §15) and writes {@code audit.json}:
 * <ol>
 *   <li>plants the canaries (§15.4) and trains the two fixed originals, W1 with every canary and W0
 *       without (§15.1), saved under {@code private/originals/};</li>
 *   <li>R unlearning runs per world and method through the common pipeline (sweep tasks whose data
 *       section plants the canaries and forgets them; run r of both worlds has seed + r, noise fresh
 *       per run), each release scored by the mean statistic over the canaries;</li>
 *   <li>per method the distinguishing audit (§15.2: τ on the first half, counts on the second,
 *       Clopper–Pearson, ε̂) beside the certificates' ε (§15.1), and optionally the one-run audit (§15.3);</li>
 *   <li>the power check (§15.4): the same attack against the originals and against plain
 *       fine-tuning of each original on D_r with the methods' fine-tuning budget, no noise, no clipping.</li>
 * </ol>
 * Audited methods are those whose release depends only on the original and D_r (noisy fine-tuning,
 * output perturbation, retraining): W0 may then forget the absent canaries without changing its
 * computation. Other methods (an update that reads D_f, or a method that trains its own original) are
 * refused with a message.
 */
public final class AuditRunner {
    /** Methods the two worlds of §15.1 are implemented for, and what their ε̂ is compared with. */
    private static final Map<String, String> COMPARED_WITH = Map.of(
            "gradient_clipping", "the certificate's ε (§15.1: any two starting points, same D_r)",
            "model_clipping", "the certificate's ε (§15.1: any two starting points, same D_r)",
            "output_perturbation", "the certificate's ε (§15.1: any two starting points, same D_r)",
            "retrain", "0: both worlds train on the same D_r with the same seed (§15.1)");
    private static final int SCORE_BATCH = 256;

    /** Progress of an audit: what it is doing and the fraction done. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (m, f) -> { };

        void update(String message, double fraction);
    }

    private final AuditConfig cfg;
    private final Path out;
    private final AuditRuns runs;
    private final Progress progress;
    private final CancelToken cancel;
    private int done;
    private int total;

    private AuditRunner(AuditConfig cfg, Path out, AuditRuns runs, Progress progress, CancelToken cancel) {
        this.cfg = cfg;
        this.out = out;
        this.runs = runs;
        this.progress = progress == null ? Progress.NONE : progress;
        this.cancel = cancel == null ? CancelToken.none() : cancel;
    }

    /**
     * Runs the audit into folder {@code out} and writes {@code out/audit.json}.
     *
     * @throws IllegalArgumentException a method that cannot be audited, or a run the pipeline refused
     * @throws RunCancelledException    when {@code cancel} stopped it (nothing is written to audit.json)
     */
    public static AuditReport run(AuditConfig cfg, Path out, AuditRuns runs, Progress progress, CancelToken cancel)
            throws IOException {
        for (MethodConfig m : cfg.methods()) {
            if (!COMPARED_WITH.containsKey(m.key())) {
                throw new IllegalArgumentException("method " + m.key() + " cannot be audited yet: the two worlds of "
                        + "§15.1 are implemented for releases computed from the original and D_r alone (its update "
                        + "reads the forget set, or it trains its own original); audited methods: "
                        + String.join(", ", COMPARED_WITH.keySet().stream().sorted().toList()));
            }
        }
        return new AuditRunner(cfg, out, runs, progress, cancel).run();
    }

    private AuditReport run() throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(out);
        int r = cfg.runs();
        int methods = cfg.methods().size();
        boolean one = cfg.oneRun() != null;
        total = 2 + 2 * r * methods + 2 * r + (one ? 1 + methods + 1 : 0);
        Dataset train = loadTrain();
        CanarySet set = CanarySet.plant(train, cfg.canaries());
        progress.update("canaries: " + set.describe(), 0);
        boolean[] all = new boolean[set.size()];
        Arrays.fill(all, true);
        Path w1 = original(set, all, "w1");
        Path w0 = original(set, new boolean[set.size()], "w0");

        List<SweepTask> tasks = new ArrayList<>();
        for (MethodConfig m : cfg.methods()) {
            for (String world : List.of("w1", "w0")) {
                for (int k = 0; k < r; k++) {
                    tasks.add(task(m, cfg.canaries(), world.equals("w1") ? w1 : w0, cfg.seed() + k,
                            Map.of("method", m.key(), "world", world, "run", Integer.toString(k))));
                }
            }
        }
        List<ResultRow> rows = execute(tasks);

        CanaryScores.Statistic stat = cfg.scoreStatistic();
        // power check first: every method entry carries the reference's ε̂
        WorkbenchModel o1 = ModelFiles.load(w1).model();
        WorkbenchModel o0 = ModelFiles.load(w0).model();
        double s1 = meanScore(o1, set, stat);
        double s0 = meanScore(o0, set, stat);
        double[] c1 = new double[r];
        double[] c0 = new double[r];
        Arrays.fill(c1, s1);
        Arrays.fill(c0, s0);
        double originalEps = s1 == s0 ? 0 : AuditReport.Distinguishing.of(c1, c0, cfg.alpha(), 0).epsilonHat();
        double[] f1 = new double[r];
        double[] f0 = new double[r];
        for (int k = 0; k < r; k++) {
            f1[k] = meanScore(fineTuned(o1, set, cfg.seed() + k), set, stat);
            f0[k] = meanScore(fineTuned(o0, set, cfg.seed() + k), set, stat);
            step("non-private reference: plain fine-tuning, run " + (k + 1) + " of " + r);
        }
        AuditReport.Distinguishing reference = AuditReport.Distinguishing.of(f1, f0, cfg.alpha(), 0);

        // one-run audit (§15.3)
        Map<String, AuditReport.OneRun> oneRuns = new LinkedHashMap<>();
        AuditReport.OneRun oneRunReference = null;
        CanarySet oneSet = null;
        if (one) {
            AuditConfig.OneRun o = cfg.oneRun();
            oneSet = CanarySet.plant(train, o.canaries());
            boolean[] flips = oneSet.coinFlips(o.seed());
            Path orig = original(oneSet, flips, "one-run");
            List<SweepTask> oneTasks = new ArrayList<>();
            for (MethodConfig m : cfg.methods()) {
                oneTasks.add(task(m, o.canaries(), orig, cfg.seed(), Map.of("method", m.key(), "world", "one-run",
                        "run", "0")));
            }
            List<ResultRow> oneRows = execute(oneTasks);
            for (int i = 0; i < oneRows.size(); i++) {
                ResultRow row = oneRows.get(i);
                double[] sc = releaseModel(row, oneSet, stat);
                oneRuns.put(cfg.methods().get(i).key(), AuditReport.OneRun.of(sc, flips, o, delta(row), cfg.alpha()));
            }
            WorkbenchModel oneOriginal = ModelFiles.load(orig).model();
            double[] sc = CanaryScores.of(fineTuned(oneOriginal, oneSet, cfg.seed()), oneSet.dataset(), oneSet.indices(),
                    SCORE_BATCH).get(stat);
            oneRunReference = AuditReport.OneRun.of(sc, flips, o, 0, cfg.alpha());
            step("one-run audit of the non-private reference");
        }

        List<AuditReport.MethodAudit> audits = new ArrayList<>();
        for (int mi = 0; mi < methods; mi++) {
            MethodConfig m = cfg.methods().get(mi);
            List<ResultRow> mine = rows.subList(2 * r * mi, 2 * r * (mi + 1));
            double[] a1 = new double[r];
            double[] a0 = new double[r];
            int certified = 0;
            double eps = 0;
            double del = 0;
            for (int k = 0; k < 2 * r; k++) {
                ResultRow row = mine.get(k);
                double s = mean(releaseModel(row, set, stat));
                if (k < r) {
                    a1[k] = s;
                } else {
                    a0[k - r] = s;
                }
                certified += "certified".equals(row.get(ResultRow.STATUS)) ? 1 : 0;
                eps = Math.max(eps, achieved(row, "achieved_epsilon"));
                del = Math.max(del, achieved(row, "achieved_delta"));
            }
            double certifiedEps = m.key().equals("retrain") ? 0 : eps;
            AuditReport.Distinguishing d = AuditReport.Distinguishing.of(a1, a0, cfg.alpha(), del);
            audits.add(new AuditReport.MethodAudit(m.key(), certifiedEps, del, COMPARED_WITH.get(m.key()),
                    d.epsilonHat(), d.confidence(), d.epsilonHat() <= certifiedEps, reference.epsilonHat(), certified,
                    d, oneRuns.get(m.key())));
        }
        boolean separates = reference.epsilonHat() > 0;
        String statement = separates
                ? String.format(java.util.Locale.ROOT, "the attack separates the worlds without unlearning "
                + "(non-private reference: ε̂ = %.3g at %.0f%% confidence; originals: score %.4g with the canaries vs "
                + "%.4g without): this audit could detect leakage of that size", reference.epsilonHat(),
                100 * reference.confidence(), s1, s0)
                : AuditReport.NO_POWER;
        AuditReport.PowerCheck power = new AuditReport.PowerCheck(reference.epsilonHat(), s1, s0, originalEps, reference,
                oneRunReference, separates, statement);
        List<String> notes = List.of(
                "ε̂ is a lower bound on the ε any (ε, δ) guarantee of the release can have, at the stated confidence; "
                        + "ε̂ > certified ε would mean the certificate is wrong, ε̂ well below it is the normal outcome of a "
                        + "real attack against a worst-case bound",
                String.format(java.util.Locale.ROOT, "with R = %d runs per world (half choose the threshold, half are "
                        + "counted) ε̂ cannot exceed %.3g however strong the attack", r, reference.ceiling()),
                "score of a release: the mean " + stat.label() + " over the " + set.size()
                        + " canaries (all in W1, all absent in W0)",
                "the originals are fixed (one per world); their ε̂ is that of R identical copies");
        AuditReport report = new AuditReport(cfg.name(), r, cfg.alpha(), 1 - cfg.alpha(), stat.label(),
                AuditReport.Canaries.of(set), oneSet == null ? null : AuditReport.Canaries.of(oneSet), audits, power,
                notes, (System.nanoTime() - t0) / 1e9);
        report.write(out);
        progress.update("audit written: " + out.resolve(AuditReport.FILE), 1);
        return report;
    }

    private Dataset loadTrain() throws IOException {
        DataConfig d = cfg.data();
        DatasetSplit split = DatasetLoader.load(d.source());
        if (Boolean.TRUE.equals(d.standardize())) {
            split = split.standardized();
        }
        if (d.validationFraction() > 0) {
            split = split.withValidation(d.validationFraction(), d.splitSeed());
        }
        return split.train();
    }

    /** Trains and saves the original of one world (the canaries with {@code inW1}). */
    private Path original(CanarySet set, boolean[] inW1, String name) throws IOException {
        ModelConfig mc = cfg.model();
        Path dir = out.resolve("private").resolve("originals").resolve(name);
        progress.update("training original " + name + " (" + mc.architecture() + ", " + mc.trainEpochs() + " epochs, "
                + set.plantedIndices(inW1).length + " of " + set.size() + " canaries planted)", fraction());
        WorkbenchModel model = OriginalTraining.train(ModelSpec.forData(Architecture.fromName(mc.architecture()),
                set.dataset()), set.dataset(), set.trainingIndices(inW1), mc.trainEpochs(), mc.trainSeed(), cancel);
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("audit_world", name);
        hp.put("canaries_planted", set.plantedIndices(inW1).length);
        hp.put("standardize", Boolean.TRUE.equals(cfg.data().standardize()));
        ModelFiles.save(model, dir, set.dataset().name(), set.sha256(), cfg.data().splitSeed(), mc.trainSeed(), hp,
                Map.of());
        step("original " + name + " trained");
        return dir;
    }

    private SweepTask task(MethodConfig m, CanarySpec canaries, Path original, long seed, Map<String, String> labels) {
        DataConfig d = cfg.data();
        DataConfig data = new DataConfig(d.source(), d.validationFraction(), null, null, d.splitSeed(),
                d.evaluationLimit(), Boolean.TRUE.equals(d.standardize()), null, null, canaries);
        ModelConfig model = new ModelConfig(original.toAbsolutePath().toString(), cfg.model().architecture(),
                cfg.model().trainEpochs(), cfg.model().trainSeed());
        UnlearningConfig c = new UnlearningConfig(cfg.name() + "/" + m.key() + "/" + labels.get("world"), data, model, m,
                cfg.fineTune(), false, null, null, seed, cfg.noise(), 1);
        return UnlearningTaskExecutor.task(c, out.resolve("runs"), labels);
    }

    /** Runs tasks; any run refused or failed stops the audit with its reason. */
    private List<ResultRow> execute(List<SweepTask> tasks) {
        CancelToken inner = new CancelToken();
        Thread relay = relay(inner);
        String[] problem = new String[1];
        List<ResultRow> rows;
        try {
            rows = runs.run(tasks, new UnlearningTaskExecutor(out), row -> {
                if (!row.completed()) {
                    if (problem[0] == null) {
                        problem[0] = row.get("method") + " run " + row.get("task_id") + " " + row.get(ResultRow.STATUS)
                                + ": " + row.get("reason");
                    }
                    inner.cancel();
                }
                note(row.get("method") + " " + row.get("world") + " run " + row.get("run") + ": "
                        + row.get(ResultRow.STATUS));
            }, inner);
        } finally {
            relay.interrupt();
        }
        if (cancel.isCancelled()) {
            throw new RunCancelledException(done);
        }
        if (problem[0] != null) {
            throw new IllegalArgumentException("audit stopped: " + problem[0]);
        }
        if (rows.size() != tasks.size()) {
            throw new IllegalStateException(rows.size() + " of " + tasks.size() + " audit runs came back");
        }
        return rows;
    }

    /** Forwards the caller's cancel to {@code inner} (the runs also stop on a failed run). */
    private Thread relay(CancelToken inner) {
        Thread t = new Thread(() -> {
            try {
                while (!cancel.isCancelled()) {
                    Thread.sleep(100);
                }
                inner.cancel();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "audit-cancel-relay");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Per-canary scores of a run's release, read from its run folder. */
    private static double[] releaseModel(ResultRow row, CanarySet set, CanaryScores.Statistic stat) throws IOException {
        Path folder = Path.of((String) row.get(ResultRow.RUN_FOLDER));
        WorkbenchModel model = ModelFiles.load(new RunDirectory(folder).unlearnedModel()).model();
        return CanaryScores.of(model, set.dataset(), set.indices(), SCORE_BATCH).get(stat);
    }

    /**
     * The non-private reference (§15.4): {@code original} fine-tuned on D_r (every non-canary
     * example) exactly as the pipeline fine-tunes a release of run seed {@code seed}, without noise or clipping.
     */
    private WorkbenchModel fineTuned(WorkbenchModel original, CanarySet set, long seed) {
        WorkbenchModel model = original.copy();
        try (NoiseSource unused = NoiseSource.seeded(seed)) {
            RunContext ctx = new RunContext(model, unused, set.dataset(), set.nonCanaryIndices(), set.indices(),
                    RunListener.NONE, cancel, null, 1, seed, 1, 0, 0);
            new NoiselessFineTune(cfg.fineTune()).run(ctx, RunPhase.FINE_TUNE, seed + 1);
        }
        return model;
    }

    private static double meanScore(WorkbenchModel model, CanarySet set, CanaryScores.Statistic stat) {
        return mean(CanaryScores.of(model, set.dataset(), set.indices(), SCORE_BATCH).get(stat));
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }

    private static double delta(ResultRow row) {
        return achieved(row, "achieved_delta");
    }

    /**
     * A release's achieved ε or δ from its results row (0 when nothing was certified); a row without
     * the column is an error, never a silent 0 (an ε axis once overwrote a column named "epsilon").
     */
    private static double achieved(ResultRow row, String column) {
        if (!row.values().containsKey(column)) {
            throw new IllegalStateException("results row has no '" + column + "' column: " + row.values().keySet());
        }
        return number(row.get(column));
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }

    /** One unit of work done (from any worker thread); never throws. */
    private synchronized void note(String message) {
        done++;
        progress.update(message, fraction());
    }

    private synchronized void step(String message) {
        done++;
        progress.update(message, fraction());
        if (cancel.isCancelled()) {
            throw new RunCancelledException(done);
        }
    }

    private synchronized double fraction() {
        return total == 0 ? 0 : Math.min(1, (double) done / total);
    }

    static Set<String> auditedMethods() {
        return COMPARED_WITH.keySet();
    }
}
