package org.unlearning.workbench.engine.run;

import org.nd4j.linalg.api.buffer.DataType;
import org.unlearning.workbench.accounting.method.Ledger;
import org.unlearning.workbench.accounting.method.MethodAccountant;
import org.unlearning.workbench.engine.audit.CanarySet;
import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.data.DatasetLoader;
import org.unlearning.workbench.engine.data.DatasetSplit;
import org.unlearning.workbench.engine.data.ForgetSet;
import org.unlearning.workbench.engine.data.Shuffle;
import org.unlearning.workbench.engine.model.Architecture;
import org.unlearning.workbench.engine.model.ModelMetadata;
import org.unlearning.workbench.engine.model.ModelSpec;
import org.unlearning.workbench.engine.model.ModelStore;
import org.unlearning.workbench.engine.model.WorkbenchModel;
import org.unlearning.workbench.engine.noise.GaussianNoise;
import org.unlearning.workbench.engine.unlearn.Calibration;
import org.unlearning.workbench.engine.unlearn.Calibrator;
import org.unlearning.workbench.engine.unlearn.DataConfig;
import org.unlearning.workbench.engine.unlearn.Evaluator;
import org.unlearning.workbench.engine.unlearn.MethodConfig;
import org.unlearning.workbench.engine.unlearn.MethodEngine;
import org.unlearning.workbench.engine.unlearn.MethodRun;
import org.unlearning.workbench.engine.unlearn.ModelConfig;
import org.unlearning.workbench.engine.unlearn.ModelFiles;
import org.unlearning.workbench.engine.unlearn.NoiseSource;
import org.unlearning.workbench.engine.unlearn.NoiselessFineTune;
import org.unlearning.workbench.engine.unlearn.OriginalTraining;
import org.unlearning.workbench.engine.unlearn.RequestOutcome;
import org.unlearning.workbench.engine.unlearn.RunContext;
import org.unlearning.workbench.engine.unlearn.RunStart;
import org.unlearning.workbench.engine.unlearn.UnlearningConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The one run pipeline of every method, used by the CLI and the window:
 * {@link #execute(UnlearningConfig, Path, RunListener, CancelToken)}.
 * <ol>
 *   <li>load the data and the deletion requests; plan the method with its accountant on the data's
 *       sizes — any problem refuses the run with an exception naming the cause (nothing is written);</li>
 *   <li>the original: loaded, trained here, or trained by the method itself;</li>
 *   <li>per deletion request, from the last released model: the method's phases (recorded by its
 *       running ledger), noise-free fine-tuning on the retain set, release, evaluation, certificate
 *       ({@link Certifier}), and the retrain baseline on the same retain set when asked;</li>
 *   <li>record — {@link RunDirectory}: models, certificates, {@code summary.json}, {@code metrics.csv},
 *       {@code requests.csv}. A cancellation or failure keeps the metrics and makes the release
 *       {@code not_certified} with the step it stopped at.</li>
 * </ol>
 */
public final class UnlearningPipeline {
    /** Forward-pass batch of the membership-inference attack. */
    private static final int MIA_BATCH = 256;

    private final UnlearningConfig config;
    private RunListener listener; // + the private log once the directory exists
    private final CancelToken cancel;
    private final Instant startedAt = Instant.now();

    private UnlearningPipeline(UnlearningConfig config, RunListener listener, CancelToken cancel) {
        this.config = config;
        this.listener = listener == null ? RunListener.NONE : listener;
        this.cancel = cancel == null ? CancelToken.none() : cancel;
    }

    /**
     * Runs {@code config} and writes its directory {@code out}.
     *
     * @throws IllegalArgumentException infeasible or invalid settings (the run does not start)
     * @throws IOException              unreadable data/model, or the directory cannot be written
     */
    public static RunResult execute(UnlearningConfig config, Path out, RunListener listener, CancelToken cancel)
            throws IOException {
        return new UnlearningPipeline(config, listener, cancel).run(out);
    }

    /** The data of a run. */
    private record Data(DatasetSplit split, Dataset train, List<ForgetSet> requests, ModelStore.SavedModel saved,
                        boolean standardized) {}

    /** The original the requests unlearn from. */
    private record Original(WorkbenchModel model, ModelMetadata metadata, String source) {}

    /** Counters carried from one request to the next. */
    private static final class Totals {
        int steps;
        long examples;
        long noisyExamples;
        double seconds;
        double retrainSeconds;
        long retrainExamples;
        boolean allRetrained = true;
    }

    private RunResult run(Path out) throws IOException {
        MethodEngine<?> engine = EngineRegistry.engine(config.method().key());
        if (engine.trainsOriginal() && config.model().path() != null) {
            throw new IllegalArgumentException(config.method().key() + " trains its own original in the run; remove model.path "
                    + "(--model)");
        }
        Data data = loadData();
        MethodConfig method = Calibrator.forData(config.method(),
                new MethodAccountant.DataFacts(data.train().size(), data.requests().get(0).size()));
        Calibration plan = Calibrator.calibrate(method); // refuses infeasible settings
        int requests = data.requests().size();
        if (requests > 1 && engine.trainsOriginal()) {
            throw new IllegalArgumentException(method.key() + " trains its original for one group of forgotten points: "
                    + "data.requests must be 1");
        }
        for (String note : plan.notes()) {
            listener.message(note);
        }
        Original original = engine.trainsOriginal() ? null : original(data);
        RunDirectory dir = RunDirectory.create(out);
        Files.writeString(dir.configJson(), config.toJson());
        LogFile log = new LogFile(dir.logFile());
        listener = RunListener.of(listener, log);

        // theory.md §14: secure noise (AES-CTR keyed from the DRBG) for the whole run; demonstration
        // noise is reseeded per request from the recorded seed, which stays in the private part
        GaussianNoise secure = config.secureNoise() ? GaussianNoise.secure() : null;
        NoiseSource runNoise = secure == null ? null : NoiseSource.of(secure);
        NoiseProvenance noise;
        if (secure != null) {
            noise = NoiseProvenance.of(secure);
        } else {
            try (GaussianNoise g = demonstrationNoise(config.seed())) {
                noise = NoiseProvenance.of(g);
            }
        }
        writeNoiseRecord(dir, noise, requests);
        NoiselessFineTune fineTune = new NoiselessFineTune(config.fineTune());
        int retainSize = data.train().size() - data.requests().get(0).size();
        int ftSteps = fineTune.plannedSteps(retainSize);
        int perEpoch = (retainSize + config.fineTune().batchSize() - 1) / config.fineTune().batchSize();
        boolean baseline = config.retrainBaseline() && !exact(plan);
        RunPlan runPlan = new RunPlan(method.key(), requests, plan.noisySteps(), plan.sigmaFirst(), plan.sigmaLast(),
                ftSteps, baseline && config.retrainRecipe().equals("fine_tune") ? ftSteps : 0, perEpoch,
                method.method().privacyStateLabel(), clipThreshold(engine, method), planNotes(plan, data, original));
        List<Release> releases = new ArrayList<>();
        List<EvaluationMetrics> allEvals = new ArrayList<>();
        List<EvaluationMetrics> retrainEvals = new ArrayList<>();
        Totals totals = new Totals();
        WorkbenchModel released = null;
        WorkbenchModel retrained = null;
        Provenance provenance = null;
        Certificate lastCertificate = null;
        Certificate published = null; // the certificate of the model in release/unlearned-model
        String failure = null;
        String stopReason = null;
        try (MetricsCsvWriter csv = new MetricsCsvWriter(dir.metricsCsv());
             MetricsCsvWriter retrainCsv = baseline ? new MetricsCsvWriter(dir.retrainMetricsCsv()) : null) {
            RunListener all = RunListener.of(csv, listener);
            listener.runStarted(runPlan);
            for (String line : runPlan.notes()) {
                listener.message(line);
            }
            provenance = Provenance.of(data.split(), config.data().splitSeed(), config.data().validationFraction(),
                    original == null ? null : original.source(), original == null ? null : original.model(),
                    original == null ? null : original.metadata());
            MethodRun<?> run;
            // a method that trains its original (DP-SGD) draws noise in start(): demonstration noise gets its own
            // recorded seed (originalTrainingSeed), distinct from the requests' seeds
            NoiseSource startNoise = runNoise != null || !engine.trainsOriginal() ? runNoise
                    : NoiseSource.of(demonstrationNoise(originalTrainingSeed()));
            try {
                run = start(engine, method, new RunStart(provenance, original == null ? null : original.model(),
                        original == null ? null : original.metadata(),
                        ModelSpec.forData(Architecture.fromName(config.model().architecture()), data.train()),
                        data.train(), data.split().test(), plan, startNoise, config.seed(), all, cancel));
            } catch (RunCancelledException e) {
                failure = "cancelled while the method trained its original (step " + e.step() + ")";
                run = null;
            } finally {
                if (startNoise != null && startNoise != runNoise) {
                    startNoise.close();
                }
            }
            if (run != null) {
                if (original == null) {
                    original = new Original(run.original(), null, "trained by " + method.key() + " in this run");
                    provenance = Provenance.of(data.split(), config.data().splitSeed(),
                            config.data().validationFraction(), original.source(), original.model(), null);
                }
                totals.steps = run.stepsBefore();
                WorkbenchModel current = original.model();
                for (int k = 1; k <= requests && failure == null && stopReason == null; k++) {
                    Request r = request(k, run, plan, data, current, all, retrainCsv == null ? null
                            : RunListener.of(retrainCsv, listener), runNoise, noise, provenance, original, totals, dir,
                            releases.stream().anyMatch(Release::released));
                    releases.add(r.release());
                    allEvals.addAll(r.evaluations());
                    retrainEvals.addAll(r.retrainEvaluations());
                    lastCertificate = r.release().certificate();
                    if (r.release().released() || published == null) {
                        published = lastCertificate;
                    }
                    failure = r.failure();
                    if (!r.outcomeReleased()) {
                        stopReason = "request " + k + " refused: " + lastCertificate.reason();
                    }
                    if (r.model() != null) {
                        released = r.model();
                        current = r.model();
                    }
                    retrained = r.retrained();
                    listener.released(r.release());
                    RequestsCsv.write(dir.requestsCsv(), releases);
                }
            }
        }
        if (runNoise != null) {
            runNoise.close(); // forgets the key
        }
        listener.message(failure == null ? "unlearning run finished" : failure);
        if (lastCertificate == null) {   // the method failed before any request: nothing released
            lastCertificate = Certifier.certify(new Certifier.Facts(1, method.method(), target(method), plan, null, null,
                    failure, 0, false, data.requests().get(0), null, noise, true, null,
                    dataRecord(data, provenance, data.requests().get(0))), provenance, startedAt);
            published = lastCertificate;
        }
        RunSummary summary = summary(method, lastCertificate, releases, allEvals, retrainEvals, totals, requests,
                stopReason, runPlan.clipThreshold());
        if (failure == null && released != null && original != null) {
            summary = membershipInference(summary, data, original.model(), released, retrained,
                    data.requests().get(releases.size() - 1));
        }
        RunJson.write(dir.summaryJson(), summary);
        RunJson.write(dir.publicSummaryJson(), PublicSummary.of(summary));
        RunJson.write(dir.certificateFile(), published); // last: everything it refers to is on disk
        log.close();
        RunResult result = new RunResult(lastCertificate, summary, allEvals, retrainEvals, releases, dir.root(), failure);
        listener.runFinished(result);
        return result;
    }

    /** The outcome of one request. */
    private record Request(Release release, WorkbenchModel model, WorkbenchModel retrained,
                           List<EvaluationMetrics> evaluations, List<EvaluationMetrics> retrainEvaluations,
                           String failure, boolean outcomeReleased) {}

    private Request request(int k, MethodRun<?> run, Calibration plan, Data data, WorkbenchModel from,
                            RunListener all, RunListener retrainListener, NoiseSource runNoise,
                            NoiseProvenance noiseProvenance, Provenance provenance, Original original, Totals totals,
                            RunDirectory dir, boolean releasedBefore) throws IOException {
        ForgetSet forget = data.requests().get(k - 1);
        int requests = data.requests().size();
        int[] retain = DeletionRequests.retained(data.train().size(), data.requests(), k);
        if (retain.length == 0) {
            throw new IllegalArgumentException("the forget set covers the whole training set: nothing to retain");
        }
        listener.requestStarted(k, requests, forget.size());
        if (requests > 1) {
            listener.message("request " + k + " of " + requests + ": " + forget.description() + ", " + retain.length
                    + " retained");
        }
        long seed = config.seed() + (k - 1);
        NoiseSource noise = config.secureNoise() ? runNoise : NoiseSource.of(demonstrationNoise(seed));
        NoiseProvenance np = noiseProvenance;
        try {
            return request(k, run, plan, data, from, all, retrainListener, noise, np, provenance, original, totals,
                    dir, releasedBefore, forget, requests, retain, seed);
        } finally {
            if (!config.secureNoise()) {
                noise.close();
            }
        }
    }

    private Request request(int k, MethodRun<?> run, Calibration plan, Data data, WorkbenchModel from,
                            RunListener all, RunListener retrainListener, NoiseSource noise,
                            NoiseProvenance np, Provenance provenance, Original original, Totals totals,
                            RunDirectory dir, boolean releasedBefore, ForgetSet forget, int requests, int[] retain,
                            long seed) throws IOException {
        Evaluator evaluator = new Evaluator(data.train(), retain, forget.indices(), data.split().test(),
                data.split().validation(), config.data().evaluationLimit(), config.seed(), from.dataType());
        WorkbenchModel model = from.copy();
        RunContext ctx = new RunContext(model, noise, data.train(), retain, forget.indices(), all, cancel, evaluator,
                config.evaluationsPerEpoch(), seed, k, totals.steps, totals.examples);
        long examplesBefore = totals.examples;
        Ledger ledger = null;
        RequestOutcome outcome = null;
        String failure = null;
        Integer stoppedAt = null;
        boolean earlyStop = false;
        try {
            ledger = run.ledger(plan);
            outcome = unlearn(run, ctx, plan, ledger);
            if (outcome.released()) {
                earlyStop = new NoiselessFineTune(config.fineTune()).run(ctx, outcome.fineTunePhase(), seed + 1);
                List<EvaluationMetrics> evals = ctx.evaluations();
                if (evals.isEmpty() || evals.get(evals.size() - 1).step() != ctx.step()) {
                    ctx.evaluate(RunPhase.UNLEARN, true);   // the release itself (a method without steps)
                }
            }
        } catch (RunCancelledException e) {
            stoppedAt = e.step();
            failure = "cancelled at step " + e.step();
        } catch (RuntimeException e) {
            stoppedAt = ctx.step();
            failure = "failed at step " + ctx.step() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
        }
        double seconds = ctx.wallSeconds();
        totals.steps = ctx.step();
        totals.examples = ctx.examples();
        totals.noisyExamples += ctx.noisyExamples();
        totals.seconds += seconds;
        Calibration used = outcome == null ? plan : outcome.plan();
        boolean releasedModel = failure == null && outcome != null && outcome.released();
        String sha = null;
        Path modelDir = requests > 1 ? dir.requestModel(k) : dir.unlearnedModel();
        EvaluationMetrics lastEval = ctx.evaluations().isEmpty() ? null : ctx.evaluations().get(ctx.evaluations().size() - 1);
        Certifier.Facts facts;
        boolean finite = true;
        String utility = null;
        if (releasedModel) {
            sha = ModelStore.paramsSha256(model);
            finite = finite(model);
            utility = utilityWarning(lastEval, data.train().numClasses());
        }
        facts = new Certifier.Facts(k, used.method().method(), target(used.method()), used, ledger, outcome, failure,
                stoppedAt, earlyStop, forget, sha, np, finite, utility, dataRecord(data, provenance, forget));
        Certificate cert = Certifier.certify(facts, provenance, startedAt);
        if (releasedModel) {
            save(model, modelDir, data, provenance, cert, forget, lastEval);
            if (requests > 1) {
                save(model, dir.unlearnedModel(), data, provenance, cert, forget, lastEval);
            }
        }
        Files.createDirectories(dir.requestForgetSet(k).getParent());
        Files.writeString(dir.requestForgetSet(k), joinIndices(forget.indices()), StandardCharsets.UTF_8);
        if (requests > 1) {
            Files.createDirectories(dir.requestCertificate(k).getParent());
            RunJson.write(dir.requestCertificate(k), cert);
        }
        listener.message("request " + k + ": " + cert.statusLine()
                + (cert.utilityWarning() == null ? "" : " [" + cert.utilityWarning() + "]"));

        // retrain baseline on the same retain set
        BaselineFigures baseline = null;
        WorkbenchModel retrained = null;
        List<EvaluationMetrics> retrainEvals = List.of();
        if (failure == null && releasedModel && retrainListener != null) {
            WorkbenchModel fresh = RetrainBaseline.fresh(model.spec(), config.seed(), original.metadata(),
                    config.retrainRecipe().equals("original"));
            RunContext rctx = new RunContext(fresh, noise, data.train(), retain, forget.indices(), retrainListener, cancel,
                    evaluator, config.evaluationsPerEpoch(), seed, k, 0, 0);
            try {
                if (config.retrainRecipe().equals("original")) {
                    RetrainBaseline.originalRecipe(rctx, original.metadata());
                } else {
                    RetrainBaseline.fineTuneRecipe(rctx, config.fineTune(), seed + 1);
                }
                retrainEvals = rctx.evaluations();
                baseline = BaselineFigures.of(retrainEvals.get(retrainEvals.size() - 1), rctx.wallSeconds());
                retrained = fresh;
                totals.retrainSeconds += rctx.wallSeconds();
                totals.retrainExamples += retrainEvals.get(retrainEvals.size() - 1).examplesProcessed();
            } catch (RunCancelledException e) {
                listener.message("retrain baseline cancelled at step " + e.step() + "; no compute savings");
                totals.allRetrained = false;
            }
        } else {
            totals.allRetrained = false;
        }
        Map<String, Double> diagnostics = new LinkedHashMap<>(outcome == null ? Map.of() : outcome.diagnostics());
        if (retrained != null && outcome != null && outcome.noiseFree() != null) {
            diagnostics.put("noise_free_distance_to_retrain", distance(outcome.noiseFree(), retrained));
        }
        Release release = new Release(k, forget.size(), retain.length, cert, releasedModel ? lastEval : null,
                totals.examples - examplesBefore, seconds, baseline,
                releasedModel ? distance(model, original.model()) : null,
                releasedModel && retrained != null ? distance(model, retrained) : null, diagnostics);
        return new Request(release, releasedModel ? model : null, retrained, ctx.evaluations(), retrainEvals, failure,
                outcome == null || outcome.released());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static RequestOutcome unlearn(MethodRun<?> run, RunContext ctx, Calibration plan, Ledger ledger) {
        return ((MethodRun) run).unlearn(ctx, plan, ledger);
    }

    @SuppressWarnings("unchecked")
    private static <P extends Record> MethodRun<?> start(MethodEngine<P> engine, MethodConfig m, RunStart s) {
        return engine.start(s, (P) m.params());
    }

    @SuppressWarnings("unchecked")
    private static <P extends Record> Double clipThreshold(MethodEngine<P> engine, MethodConfig m) {
        return engine.clipThreshold((P) m.params());
    }

    /** Exact unlearning (ε = δ = 0): the retrain baseline would only repeat the method. */
    private static boolean exact(Calibration plan) {
        return plan.epsilon() != null && plan.epsilon() == 0 && plan.delta() != null && plan.delta() == 0;
    }

    /** The target (ε, δ) of the method's parameters, or null when it has none. */
    private static double[] target(MethodConfig m) {
        Map<String, Object> v = m.values();
        return v.get("epsilon") instanceof Double e && v.get("delta") instanceof Double d ? new double[] {e, d} : null;
    }

    private void save(WorkbenchModel model, Path folder, Data data, Provenance provenance, Certificate cert,
                      ForgetSet forget, EvaluationMetrics last) throws IOException {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (last != null) {
            metrics.put("test_accuracy", last.testAccuracy());
            metrics.put("retain_accuracy", last.retainAccuracy()); // nothing on the forget set (theory.md §14)
        }
        Map<String, Object> record = provenance.modelRecord(cert.method(), cert.request(), forget, cert.status().id());
        if (data.standardized()) {
            record.put("standardize", true);
        }
        // no init seed: the run's seed also seeds demonstration noise and stays private (theory.md §14)
        ModelFiles.save(model, folder, data.split().name(), data.split().sha256(), config.data().splitSeed(),
                null, record, metrics);
    }

    private static double distance(WorkbenchModel a, WorkbenchModel b) {
        return a.params().castTo(DataType.DOUBLE).distance2(b.params().castTo(DataType.DOUBLE));
    }

    private RunSummary summary(MethodConfig method, Certificate last, List<Release> releases,
                               List<EvaluationMetrics> evals, List<EvaluationMetrics> retrainEvals, Totals totals,
                               int planned, String stopReason, Double gradientClip) {
        Release lastRelease = releases.isEmpty() ? null : releases.get(releases.size() - 1);
        EvaluationMetrics e = lastRelease == null ? null : lastRelease.evaluation();
        BaselineFigures retrain = lastRelease == null ? null : lastRelease.retrain();
        ComputeSavings savings = null;
        if (planned == 1 && retrain != null && !retrainEvals.isEmpty()) {
            double target = config.targetAccuracy() != null ? config.targetAccuracy()
                    : ComputeSavings.defaultTarget(retrainEvals);
            savings = ComputeSavings.ofRelease(target, evals, retrainEvals, e == null ? null : e.testAccuracy());
            listener.message(savings.describe());
        }
        RunSummary.CostVsRetrain cost = totals.allRetrained && totals.retrainSeconds > 0 && totals.retrainExamples > 0
                ? new RunSummary.CostVsRetrain(totals.seconds / totals.retrainSeconds,
                (double) totals.examples / totals.retrainExamples) : null;
        Certifier.RunVerdict verdict = Certifier.runStatus(releases, planned, last);
        return new RunSummary(method.key(), verdict.status(), verdict.line(), last == null ? null : last.utilityWarning(),
                planned, e == null ? null : RunSummary.finite(e.testAccuracy()),
                e == null ? null : RunSummary.finite(e.testLoss()), e == null ? null : RunSummary.finite(e.retainAccuracy()),
                e == null ? null : RunSummary.finite(e.forgetAccuracy()),
                e == null ? null : RunSummary.finite(e.validationAccuracy()), totals.examples, totals.noisyExamples,
                totals.steps, totals.seconds, retrain, savings, cost, null, null, null, null,
                releases.stream().map(RunSummary.RequestFigures::of).toList(), stopReason, gradientClip);
    }

    /**
     * Adds the loss-threshold membership-inference figures (forget vs test set, one forward pass
     * each per model, capped like the evaluation sets) of the original, unlearned and retrained models.
     */
    private RunSummary membershipInference(RunSummary summary, Data data, WorkbenchModel original,
                                           WorkbenchModel unlearned, WorkbenchModel retrained, ForgetSet forgetSet) {
        Random rnd = new Random(config.seed() ^ 0x3A1AL);
        int[] forget = cap(forgetSet.indices(), rnd);
        int[] test = cap(data.split().test().allIndices(), rnd);
        if (forget.length == 0 || test.length == 0) {
            return summary;
        }
        try {
            MembershipInference.Result before = attack(original, data, forget, test);
            MembershipInference.Result after = attack(unlearned, data, forget, test);
            MembershipInference.Result retrain = retrained == null ? null : attack(retrained, data, forget, test);
            listener.message(String.format("membership-inference AUC (forget vs test): original %.3f, unlearned %.3f%s",
                    before.auc(), after.auc(), retrain == null ? "" : String.format(", retrained %.3f", retrain.auc())));
            return summary.withMembershipInference(before, after, retrain);
        } catch (IllegalArgumentException e) { // NaN losses: no figure rather than a wrong one
            listener.message("membership inference skipped: " + e.getMessage());
            return summary;
        }
    }

    private static MembershipInference.Result attack(WorkbenchModel model, Data data, int[] forget, int[] test) {
        return MembershipInference.attack(model, data.train(), forget, data.split().test(), test, MIA_BATCH);
    }

    private int[] cap(int[] idx, Random rnd) {
        Integer limit = config.data().evaluationLimit();
        if (limit == null || idx.length <= limit) {
            return idx;
        }
        int[] copy = idx.clone();
        Shuffle.shuffle(copy, rnd);
        return Arrays.copyOf(copy, limit);
    }

    private Data loadData() throws IOException {
        DataConfig d = config.data();
        ModelConfig mc = config.model();
        ModelStore.SavedModel saved = mc.path() == null ? null : ModelFiles.load(resolveModelPath(mc.path()));
        boolean standardize = d.standardize() != null ? d.standardize()
                : saved != null && ModelFiles.trainedStandardized(saved);
        DatasetSplit split = DatasetLoader.load(d.source());
        if (d.validationFraction() > 0) {
            split = split.withValidation(d.validationFraction(), d.splitSeed());
        }
        List<ForgetSet> requests;
        if (d.canaries() != null) { // an audit run (theory.md §15): the canaries are planted and forgotten
            if (standardize) { // statistics of the training part, which holds no canary
                split = split.standardizedFrom(split.train().allIndices());
            }
            CanarySet canaries = CanarySet.plant(split.train(), d.canaries());
            Dataset train = canaries.dataset();
            requests = List.of(ForgetSet.ofIndices(train.size(), canaries.indices(), "the " + canaries.size()
                    + " audit canaries: " + canaries.describe()));
            return checked(new Data(split, train, requests, saved, standardize));
        }
        // the forget sets are chosen by index, independently of the feature values
        requests = DeletionRequests.of(d, split.train());
        if (standardize) { // theory.md §14: statistics of the retain set only (all requests' forget sets out)
            split = split.standardizedFrom(DeletionRequests.retained(split.train().size(), requests, requests.size()));
        }
        return checked(new Data(split, split.train(), requests, saved, standardize));
    }

    private static Data checked(Data data) {
        List<ForgetSet> requests = data.requests();
        if (requests.get(0).retainIndices().length == 0) {
            throw new IllegalArgumentException("the forget set covers the whole training set: nothing to retain");
        }
        return data;
    }

    private Original original(Data data) {
        ModelConfig mc = config.model();
        Architecture arch = Architecture.fromName(mc.architecture());
        if (data.saved() != null) {
            WorkbenchModel model = ModelFiles.compatible(data.saved(), Path.of(mc.path()), data.train());
            if (model.spec().architecture() != arch) {
                throw new IllegalArgumentException("model " + mc.path() + " is " + model.spec().architecture().cliName()
                        + " but the config says model.architecture: " + arch.cliName());
            }
            return new Original(model, data.saved().metadata(),
                    mc.path() + (data.standardized() ? " (features standardised with retain-set statistics)" : ""));
        }
        listener.message("training the original " + arch.cliName() + " on all " + data.train().size()
                + " training examples (forget set included) for " + mc.trainEpochs() + " epochs");
        WorkbenchModel model = OriginalTraining.train(ModelSpec.forData(arch, data.train()), data.train(),
                mc.trainEpochs(), mc.trainSeed(), cancel);
        return new Original(model, null, "trained here: " + arch.cliName() + ", " + mc.trainEpochs() + " epochs, seed "
                + mc.trainSeed());
    }

    /**
     * A relative {@code sample-models/...} path is looked up in the working directory, then in the
     * folder named by the {@code uw.sampleModels} system property (set by the test runner).
     */
    static Path resolveModelPath(String path) {
        Path p = Path.of(path);
        String dir = System.getProperty("uw.sampleModels");
        if (!Files.exists(p) && !p.isAbsolute() && dir != null && p.getNameCount() > 1
                && p.getName(0).toString().equals("sample-models")) {
            Path alt = Path.of(dir).resolve(p.subpath(1, p.getNameCount()));
            if (Files.exists(alt)) {
                return alt;
            }
        }
        return p;
    }

    private List<String> planNotes(Calibration plan, Data data, Original original) {
        List<String> notes = new ArrayList<>();
        ForgetSet first = data.requests().get(0);
        notes.add(String.format("data %s: %d train (%d forget%s, %d retain), %d test, %d validation",
                data.split().name(), data.train().size(), first.size(),
                data.requests().size() > 1 ? " per request × " + data.requests().size() : "",
                data.train().size() - first.size(), data.split().test().size(),
                data.split().hasValidation() ? data.split().validation().size() : 0));
        notes.add("original model: " + (original == null ? "trained by the method in this run" : original.source()));
        notes.add(plan.accountant());
        if (!exact(plan)) {
            notes.add(String.format("calibrated: T = %d noisy steps, sigma %s, guarantee (ε, δ) = (%s, %s)",
                    plan.noisySteps(), plan.sigmas().length == 0 ? "-" : plan.constantSigma() != null
                            ? String.format("%.6g", plan.constantSigma())
                            : String.format("%.6g → %.6g", plan.sigmaFirst(), plan.sigmaLast()),
                    plan.epsilon() == null ? "-" : String.format("%.6g", plan.epsilon()),
                    plan.delta() == null ? "-" : String.format("%.3g", plan.delta())));
        }
        return notes;
    }

    /** Demonstration seed of the noise a method draws while it trains its original: ~seed, unlike any request's. */
    private long originalTrainingSeed() {
        return ~config.seed();
    }

    /** Seeded noise for demonstrations (reproducible; never certified). */
    private static GaussianNoise demonstrationNoise(long seed) {
        return GaussianNoise.demonstration(seed);
    }

    /** The noise record of the private part: kind, generator and (demonstration only) the seeds. */
    private void writeNoiseRecord(RunDirectory dir, NoiseProvenance noise, int requests) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", noise.kind());
        m.put("secure", noise.secure());
        m.put("generator", noise.generator());
        if (!noise.secure()) {
            List<Long> seeds = new ArrayList<>();
            for (int k = 0; k < requests; k++) {
                seeds.add(config.seed() + k);
            }
            m.put("seed_per_request", seeds);
            if (EngineRegistry.engine(config.method().key()).trainsOriginal()) {
                m.put("seed_original_training", originalTrainingSeed());
            }
            m.put("note", "anyone holding these seeds can regenerate the noise and subtract it: never publish them");
        } else {
            m.put("note", "key and counter were drawn from the DRBG and never stored");
        }
        RunJson.write(dir.noiseRecord(), m);
    }

    /** True when every released parameter is finite. */
    private static boolean finite(WorkbenchModel model) {
        org.nd4j.linalg.api.ndarray.INDArray p = model.params();
        return !p.isNaN().any() && !p.isInfinite().any();
    }

    /** A warning when the release's test accuracy is within 2 points of chance (1 / classes), else null. */
    static String utilityWarning(EvaluationMetrics e, int classes) {
        if (e == null || classes < 2) {
            return null;
        }
        double chance = 1.0 / classes;
        double acc = e.testAccuracy();
        if (Double.isFinite(acc) && acc > chance + 0.02) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "utility warning: test accuracy %s is within 2 points of chance "
                + "(%.1f%%): the released model is not useful", Double.isFinite(acc)
                ? String.format(java.util.Locale.ROOT, "%.1f%%", 100 * acc) : "not measurable", 100 * chance);
    }

    /** The certificate's data record: enough to rebuild the forget set, and the preprocessing. */
    private Certificate.DataRecord dataRecord(Data data, Provenance provenance, ForgetSet forget) {
        DataConfig d = config.data();
        boolean random = d.canaries() == null && d.forgetFile() == null;
        return new Certificate.DataRecord(provenance.dataset(), provenance.datasetSha256(), provenance.splitSeed(),
                provenance.validationFraction(), forget.description(),
                random ? d.forgetFraction() : null, random ? d.requests() : null, // null: one plain forget_fraction draw
                !data.standardized() ? "none (features as loaded)" : d.canaries() != null
                        ? "features standardised per channel (mean, std) with statistics of the training part, "
                        + "which holds no canary"
                        : "features standardised per channel (mean, std) with statistics of the retain set only "
                        + "(the training part minus every request's forget set" + (config.data().validationFraction() > 0
                        ? " and the validation split" : "") + "); the retrain baseline uses the same statistics");
    }

    private static String joinIndices(int[] idx) {
        StringBuilder b = new StringBuilder();
        for (int i : idx) {
            b.append(i).append('\n');
        }
        return b.toString();
    }
}
