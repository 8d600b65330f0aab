package org.unlearning.workbench.engine.unlearn;

import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.data.DatasetLoader;
import org.unlearning.workbench.engine.data.DatasetSplit;
import org.unlearning.workbench.engine.data.ForgetSet;
import org.unlearning.workbench.engine.data.Shuffle;
import org.unlearning.workbench.engine.model.Architecture;
import org.unlearning.workbench.engine.model.ModelSpec;
import org.unlearning.workbench.engine.model.ModelStore;
import org.unlearning.workbench.engine.model.WorkbenchModel;
import org.unlearning.workbench.engine.run.BaselineFigures;
import org.unlearning.workbench.engine.run.CancelToken;
import org.unlearning.workbench.engine.run.Certificate;
import org.unlearning.workbench.engine.run.CertificateStatus;
import org.unlearning.workbench.engine.run.ComputeSavings;
import org.unlearning.workbench.engine.run.EvaluationMetrics;
import org.unlearning.workbench.engine.run.MembershipInference;
import org.unlearning.workbench.engine.run.MetricsCsvWriter;
import org.unlearning.workbench.engine.run.NoiseProvenance;
import org.unlearning.workbench.engine.run.RunCancelledException;
import org.unlearning.workbench.engine.run.RunDirectory;
import org.unlearning.workbench.engine.run.RunJson;
import org.unlearning.workbench.engine.run.RunListener;
import org.unlearning.workbench.engine.run.RunPhase;
import org.unlearning.workbench.engine.run.RunPlan;
import org.unlearning.workbench.engine.run.RunResult;
import org.unlearning.workbench.engine.run.RunSummary;

import java.io.IOException;
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
 * The single engine entry used by the CLI and the window:
 * {@link #execute(UnlearningConfig, Path, RunListener, CancelToken)}.
 * <ol>
 *   <li>prepare — calibrate from the accountant, load data, forget set and original model; any
 *       problem here refuses the run with an exception naming the cause (nothing is written);</li>
 *   <li>run — initial clip (and draw), noisy phase fed to the running ledger, noise-free
 *       fine-tune, optional retrain baseline; a cancellation or failure keeps the metrics and
 *       makes the run {@code not_certified} with the step it stopped at;</li>
 *   <li>record — model, {@code certificate.json}, {@code summary.json}, {@code metrics.csv}.</li>
 * </ol>
 */
public final class UnlearningRun {
    /** Relative tolerance between the planned and the ledger's ε (both double, same formula). */
    private static final double LEDGER_TOLERANCE = 1e-9;
    /** Forward-pass batch of the membership-inference attack. */
    private static final int MIA_BATCH = 256;

    private final UnlearningConfig config;
    private final RunListener listener;
    private final CancelToken cancel;
    private final Instant startedAt = Instant.now();

    private UnlearningRun(UnlearningConfig config, RunListener listener, CancelToken cancel) {
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
        return new UnlearningRun(config, listener, cancel).run(out);
    }

    /** Loaded inputs of a run. */
    private record Inputs(DatasetSplit split, Dataset train, ForgetSet forget, int[] retain, WorkbenchModel original,
                          String originalSource) {}

    private RunResult run(Path out) throws IOException {
        MethodConfig m = config.method();
        Calibration cal = Calibrator.calibrate(m); // refuses infeasible settings
        for (String note : cal.notes()) {
            listener.message(note);
        }
        Inputs in = prepare();
        RunDirectory dir = RunDirectory.create(out);
        Files.writeString(dir.configJson(), config.toJson());

        NoiseSource noise = config.secureNoise() ? NoiseSource.secure() : NoiseSource.seeded(config.seed());
        NoiseProvenance provenance = noise.isSecure() ? NoiseProvenance.secure() : NoiseProvenance.seeded(config.seed());
        Evaluator evaluator = new Evaluator(in.train(), in.retain(), in.forget().indices(), in.split().test(),
                in.split().validation(), config.data().evaluationLimit(), config.seed(), in.original().dataType());
        NoiselessFineTune fineTune = new NoiselessFineTune(config.fineTune());
        int ftSteps = fineTune.plannedSteps(in.retain().length);
        int perEpoch = (in.retain().length + config.fineTune().batchSize() - 1) / config.fineTune().batchSize();
        RunPlan plan = new RunPlan(m.type().id(), cal.noisySteps(), cal.sigmaFirst(), cal.sigmaLast(), ftSteps,
                config.retrainBaseline() && m.type() != MethodKind.RETRAIN ? ftSteps : 0, perEpoch,
                planNotes(cal, in));
        listener.runStarted(plan);
        for (String line : plan.notes()) {
            listener.message(line);
        }

        WorkbenchModel model = m.type() == MethodKind.RETRAIN
                ? RetrainBaseline.freshModel(in.original().spec(), config.seed())
                : in.original().copy();
        NoisyPhaseLedger ledger = cal.noisySteps() > 0 || m.type() == MethodKind.MODEL_CLIPPING
                ? Calibrator.ledger(m) : null;
        String failure = null;
        Integer stoppedAt = null;
        boolean earlyStop = false;
        RunContext ctx;
        try (MetricsCsvWriter csv = new MetricsCsvWriter(dir.metricsCsv())) {
            ctx = new RunContext(model, noise, in.train(), in.retain(), RunListener.of(csv, listener), cancel,
                    evaluator, config.evaluationsPerEpoch(), System.nanoTime());
            try {
                earlyStop = runMethod(ctx, m, cal, ledger, fineTune);
            } catch (RunCancelledException e) {
                stoppedAt = e.step();
                failure = "cancelled at step " + e.step();
            } catch (RuntimeException e) {
                stoppedAt = ctx.step;
                failure = "failed at step " + ctx.step + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
        double unlearnWall = ctx.wallSeconds();
        listener.message(failure == null ? "unlearning run finished" : failure);

        // Retrain baseline: same data, seed and budget; fresh initialisation.
        List<EvaluationMetrics> retrainEvals = List.of();
        BaselineFigures retrainFigures = null;
        ComputeSavings savings = null;
        WorkbenchModel retrained = null;
        if (failure == null && config.retrainBaseline() && m.type() != MethodKind.RETRAIN) {
            long t0 = System.nanoTime();
            WorkbenchModel fresh = RetrainBaseline.freshModel(in.original().spec(), config.seed());
            try (MetricsCsvWriter csv = new MetricsCsvWriter(dir.retrainMetricsCsv())) {
                RunContext rctx = new RunContext(fresh, noise, in.train(), in.retain(),
                        RunListener.of(csv, listener), cancel, evaluator, config.evaluationsPerEpoch(), t0);
                try {
                    new RetrainBaseline(config.fineTune()).run(rctx, config.seed() + 1);
                    retrainEvals = rctx.evaluations;
                    retrainFigures = BaselineFigures.of(retrainEvals.get(retrainEvals.size() - 1), rctx.wallSeconds());
                    retrained = fresh;
                    double target = config.targetAccuracy() != null ? config.targetAccuracy()
                            : ComputeSavings.defaultTarget(retrainEvals);
                    savings = ComputeSavings.of(target, ctx.evaluations, retrainEvals);
                    listener.message(savings.describe());
                } catch (RunCancelledException e) {
                    listener.message("retrain baseline cancelled at step " + e.step()
                            + "; the unlearning run itself completed");
                    retrainEvals = rctx.evaluations;
                }
            }
        }
        noise.close();

        // Record.
        EvaluationMetrics lastEval = ctx.evaluations.isEmpty() ? null : ctx.evaluations.get(ctx.evaluations.size() - 1);
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("produced_by", "unlearn " + config.name());
        prov.put("method", m.type().id());
        prov.put("forget_set_sha256", in.forget().sha256());
        prov.put("original_model_sha256", ModelFiles.sha256(in.original()));
        prov.put("status", failure == null ? "completed" : failure);
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (lastEval != null) {
            metrics.put("test_accuracy", lastEval.testAccuracy());
            metrics.put("retain_accuracy", lastEval.retainAccuracy());
            metrics.put("forget_accuracy", lastEval.forgetAccuracy());
        }
        ModelFiles.save(model, dir.unlearnedModel(), in.split().name(), in.split().sha256(),
                config.data().splitSeed(), config.seed(), prov, metrics);
        String unlearnedSha = ModelFiles.sha256(model);
        Certificate cert = certificate(m, cal, ledger, ctx, failure, stoppedAt, earlyStop, in, unlearnedSha, provenance);
        RunSummary summary = RunSummary.of(m.type().id(), cert.status(), lastEval, ctx.examples, ctx.noisyExamples,
                ctx.step, unlearnWall, retrainFigures, savings);
        if (failure == null) {
            summary = membershipInference(summary, in, model, retrained);
        }
        RunJson.write(dir.certificateJson(), cert);
        RunJson.write(dir.summaryJson(), summary);
        RunResult result = new RunResult(cert, summary, ctx.evaluations, retrainEvals, dir.root(), failure);
        listener.runFinished(result);
        return result;
    }

    /**
     * Adds the loss-threshold membership-inference figures (forget vs test set, one forward pass
     * each per model, capped like the evaluation sets) of the original, unlearned and retrained models.
     */
    private RunSummary membershipInference(RunSummary summary, Inputs in, WorkbenchModel unlearned,
                                           WorkbenchModel retrained) {
        Random rnd = new Random(config.seed() ^ 0x3A1AL);
        int[] forget = cap(in.forget().indices(), rnd);
        int[] test = cap(in.split().test().allIndices(), rnd);
        if (forget.length == 0 || test.length == 0) {
            return summary;
        }
        try {
            MembershipInference.Result original = attack(in.original(), in, forget, test);
            MembershipInference.Result after = attack(unlearned, in, forget, test);
            MembershipInference.Result retrain = retrained == null ? null : attack(retrained, in, forget, test);
            listener.message(String.format("membership-inference AUC (forget vs test): original %.3f, unlearned %.3f%s",
                    original.auc(), after.auc(), retrain == null ? "" : String.format(", retrained %.3f", retrain.auc())));
            return summary.withMembershipInference(original, after, retrain);
        } catch (IllegalArgumentException e) { // NaN losses: no figure rather than a wrong one
            listener.message("membership inference skipped: " + e.getMessage());
            return summary;
        }
    }

    private static MembershipInference.Result attack(WorkbenchModel model, Inputs in, int[] forget, int[] test) {
        return MembershipInference.attack(model, in.train(), forget, in.split().test(), test, MIA_BATCH);
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

    /** Runs the method's phases; returns whether the fine-tune stopped early on its target. */
    private boolean runMethod(RunContext ctx, MethodConfig m, Calibration cal, NoisyPhaseLedger ledger,
                              NoiselessFineTune fineTune) {
        long seed = config.seed();
        switch (m.type()) {
            case GRADIENT_CLIPPING -> {
                GradientClippingUnlearner u = new GradientClippingUnlearner(m, cal);
                ctx.listener.phaseStarted(RunPhase.INITIAL, 0);
                u.initialClip(ctx);
                ctx.evaluate(RunPhase.INITIAL, false);
                u.noisyPhase(ctx, ledger, seed);
            }
            case MODEL_CLIPPING -> {
                ModelClippingUnlearner u = new ModelClippingUnlearner(m, cal);
                ctx.listener.phaseStarted(RunPhase.INITIAL, 0);
                u.initialClip(ctx);
                ctx.evaluate(RunPhase.INITIAL, ((ModelClippingPhaseLedger) ledger).reachedTarget());
                u.noisyPhase(ctx, (ModelClippingPhaseLedger) ledger, seed);
            }
            case OUTPUT_PERTURBATION -> {
                ctx.listener.phaseStarted(RunPhase.INITIAL, 0);
                new OutputPerturbationUnlearner(m, cal).perturb(ctx);
                ctx.evaluate(RunPhase.INITIAL, true);
            }
            case RETRAIN -> {
                ctx.evaluate(RunPhase.INITIAL, true);
                return fineTune.run(ctx, RunPhase.RETRAIN, seed + 1);
            }
        }
        return fineTune.run(ctx, RunPhase.FINE_TUNE, seed + 1);
    }

    private Inputs prepare() throws IOException {
        DataConfig d = config.data();
        ModelConfig mc = config.model();
        ModelStore.SavedModel saved = mc.path() == null ? null : ModelFiles.load(resolveModelPath(mc.path()));
        boolean standardize = d.standardize() != null ? d.standardize()
                : saved != null && ModelFiles.trainedStandardized(saved);
        DatasetSplit split = DatasetLoader.load(d.source());
        if (standardize) {
            split = split.standardized(); // training-part statistics, as the original saw them
        }
        if (d.validationFraction() > 0) {
            split = split.withValidation(d.validationFraction(), d.splitSeed());
        }
        Dataset train = split.train();
        ForgetSet forget = d.forgetFile() != null
                ? ForgetSet.fromFile(train, Path.of(d.forgetFile()))
                : ForgetSet.randomFraction(train, d.forgetFraction(), d.splitSeed());
        int[] retain = forget.retainIndices();
        if (retain.length == 0) {
            throw new IllegalArgumentException("the forget set covers the whole training set: nothing to retain");
        }
        Architecture arch = Architecture.fromName(mc.architecture());
        WorkbenchModel original;
        String source;
        if (saved != null) {
            original = ModelFiles.compatible(saved, Path.of(mc.path()), train);
            if (original.spec().architecture() != arch) {
                throw new IllegalArgumentException("model " + mc.path() + " is " + original.spec().architecture().cliName()
                        + " but the config says model.architecture: " + arch.cliName());
            }
            source = mc.path() + (standardize ? " (features standardised as in its training)" : "");
        } else {
            listener.message("training the original " + arch.cliName() + " on all " + train.size()
                    + " training examples (forget set included) for " + mc.trainEpochs() + " epochs");
            original = OriginalTraining.train(ModelSpec.forData(arch, train), train, mc.trainEpochs(), mc.trainSeed(),
                    cancel);
            source = "trained here: " + arch.cliName() + ", " + mc.trainEpochs() + " epochs, seed " + mc.trainSeed();
        }
        return new Inputs(split, train, forget, retain, original, source);
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

    private List<String> planNotes(Calibration cal, Inputs in) {
        List<String> notes = new ArrayList<>();
        notes.add(String.format("data %s: %d train (%d forget, %d retain), %d test, %d validation",
                in.split().name(), in.train().size(), in.forget().size(), in.retain().length,
                in.split().test().size(), in.split().hasValidation() ? in.split().validation().size() : 0));
        notes.add("original model: " + in.originalSource());
        notes.add(cal.accountant());
        if (cal.method() != MethodKind.RETRAIN) {
            notes.add(String.format("calibrated: T = %d noisy steps, sigma %s, guarantee (ε, δ) = (%.6g, %.3g)",
                    cal.noisySteps(), cal.constantSigma() != null ? String.format("%.6g", cal.constantSigma())
                            : String.format("%.6g → %.6g", cal.sigmaFirst(), cal.sigmaLast()),
                    cal.epsilon(), cal.delta()));
        }
        return notes;
    }

    private Certificate certificate(MethodConfig m, Calibration cal, NoisyPhaseLedger ledger, RunContext ctx,
                                    String failure, Integer stoppedAt, boolean earlyStop, Inputs in,
                                    String unlearnedSha, NoiseProvenance noise) {
        Map<String, Object> outputs = new LinkedHashMap<>(cal.accountantOutputs());
        Double eps = null;
        Double delta = null;
        List<String> problems = new ArrayList<>();
        if (failure != null) {
            problems.add(failure);
        }
        int executed = ledger == null ? 0 : ledger.steps();
        switch (m.type()) {
            case GRADIENT_CLIPPING, MODEL_CLIPPING -> {
                if (executed != cal.noisySteps()) {
                    problems.add("the noisy phase ran " + executed + " of the " + cal.noisySteps() + " calibrated steps");
                } else if (!ledger.valid()) {
                    problems.add("the running accountant does not certify the executed steps");
                } else {
                    eps = ledger.epsilon();
                    delta = ledger.delta();
                    double planned = m.type() == MethodKind.GRADIENT_CLIPPING ? cal.epsilon() : cal.delta();
                    double got = m.type() == MethodKind.GRADIENT_CLIPPING ? eps : delta;
                    if (Math.abs(got - planned) > LEDGER_TOLERANCE * Math.max(Math.abs(planned), 1e-300)) {
                        problems.add("ledger and calibration disagree: " + got + " vs " + planned);
                    }
                }
                Map<String, Object> ledgerOut = ledger == null ? Map.of() : ledger.outputs();
                for (Map.Entry<String, Object> e : ledgerOut.entrySet()) {
                    outputs.put("ledger_" + e.getKey(), e.getValue());
                }
                outputs.put("ledger_steps", executed);
            }
            case OUTPUT_PERTURBATION -> {
                eps = cal.epsilon();
                delta = cal.delta();
            }
            case RETRAIN -> {
                eps = 0.0;
                delta = 0.0;
            }
        }
        boolean certified = problems.isEmpty();
        if (!certified) {
            eps = null;
            delta = null;
        }
        String reason = certified
                ? reasonCertified(m, cal, executed, earlyStop)
                : String.join("; ", problems);
        Map<String, String> software = new LinkedHashMap<>();
        String v = UnlearningRun.class.getPackage().getImplementationVersion();
        software.put("unlearning_workbench", v == null ? "dev" : v);
        software.put("java", System.getProperty("java.version"));
        software.putAll(org.unlearning.workbench.engine.model.ModelStore.libraryVersions());
        software.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        List<String> assumptions = assumptions(m, in);
        return new Certificate(certified ? CertificateStatus.CERTIFIED : CertificateStatus.NOT_CERTIFIED, reason,
                m.type().id(), m.epsilon(), m.delta(), eps, delta, executed, cal.noisySteps(), cal.constantSigma(),
                cal.sigmas().length == 0 ? null : cal.sigmaFirst(), cal.sigmas().length == 0 ? null : cal.sigmaLast(),
                cal.schedule(), cal.accountant(), cal.accountantInputs(), outputs, in.split().sha256(),
                in.forget().sha256(), ModelFiles.sha256(in.original()), unlearnedSha, noise, software,
                startedAt.toString(), Instant.now().toString(), stoppedAt, assumptions,
                certified ? Statement.of(m.type(), eps, delta, in.forget().size()) : Statement.notCertified(reason));
    }

    private static String reasonCertified(MethodConfig m, Calibration cal, int executed, boolean earlyStop) {
        String base = switch (m.type()) {
            case GRADIENT_CLIPPING -> "all " + executed + " calibrated noisy steps ran with the calibrated sigma, "
                    + "gradient clip C1 and initial clip C0; (ε, δ) from the running PABI ledger";
            case MODEL_CLIPPING -> "all " + executed + " noisy steps ran with sigma and projection radius C2 until "
                    + "the running ledger's δ_t reached the target";
            case OUTPUT_PERTURBATION -> "the clipped model received one Gaussian draw with the calibrated sigma";
            case RETRAIN -> "the model was trained from a fresh initialisation on the retain set only";
        };
        return base + (earlyStop ? "; fine-tuning stopped at its target accuracy" : "");
    }

    private static List<String> assumptions(MethodConfig m, Inputs in) {
        List<String> a = new ArrayList<>();
        if (m.type() == MethodKind.RETRAIN) {
            a.add("the retrained model depends on the retain set, the seed and the architecture only");
            return a;
        }
        a.add("the guarantee compares against the same noisy procedure run on the retain set from any model in "
                + "the initial clipping ball (theory.md §1); anything after the noisy phase uses the retain set "
                + "only (post-processing)");
        a.add("minibatches are drawn from the retain set only; their order is shared by the coupled runs and "
                + "does not enter the accountant (§4.1 note iii)");
        a.add("plain SGD without momentum in the noisy phase; clipping is global L2 on the minibatch mean gradient");
        a.add("noise is Gaussian, drawn by ND4J's generator, added in the model's floating-point type ("
                + in.original().dataType() + "); clipping uses norms computed in double with a 1e-6 safety margin");
        a.add("the forget set is the stated list of training indices; its hash identifies it. The guarantee holds for "
                + "every training example outside the retain set (also a validation split the original was trained on)");
        return a;
    }
}
