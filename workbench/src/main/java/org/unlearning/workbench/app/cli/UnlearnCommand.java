package org.unlearning.workbench.app.cli;

import org.unlearning.workbench.engine.run.CancelToken;
import org.unlearning.workbench.engine.run.Certificate;
import org.unlearning.workbench.engine.run.EvaluationMetrics;
import org.unlearning.workbench.engine.model.ComputeThreads;
import org.unlearning.workbench.engine.run.RunListener;
import org.unlearning.workbench.engine.run.RunPhase;
import org.unlearning.workbench.engine.run.RunResult;
import org.unlearning.workbench.engine.run.RunSummary;
import org.unlearning.workbench.engine.unlearn.ModelConfig;
import org.unlearning.workbench.engine.unlearn.Presets;
import org.unlearning.workbench.engine.unlearn.newton.NewtonRunConfig;
import org.unlearning.workbench.engine.unlearn.UnlearningConfig;
import org.unlearning.workbench.engine.unlearn.UnlearningRun;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code unlearn --config FILE --out DIR} or {@code unlearn --preset NAME --out DIR}: runs one
 * certified unlearning job headless and writes its run directory. Exit 0 when the run completed
 * (certified or, for a fixed-σ/T run, with its recomputed guarantee), 1 when it ended
 * not_certified, 2 on bad input or an infeasible setting.
 */
@Command(name = "unlearn", mixinStandardHelpOptions = true,
        description = {"Run certified unlearning (gradient clipping, model clipping, output perturbation) or the "
                + "retrain baseline, and write metrics.csv, summary.json, certificate.json and the model to --out.",
                "Presets: mnist-gradclip, mnist-modelclip, mnist-output-perturbation, mnist-retrain (bundled MNIST), "
                        + "cifar10-gradclip, cifar10-modelclip, cifar10-output-perturbation, cifar10-retrain (need --data); "
                        + "mnist-newton, mnist-newton-sequential (Newton + LiSSA, see the newton command)."})
public final class UnlearnCommand implements Callable<Integer> {
    static final class Source {
        @Option(names = "--config", paramLabel = "FILE", description = "run configuration (JSON or YAML)")
        Path config;

        @Option(names = "--preset", paramLabel = "NAME", description = "named configuration (see above)")
        String preset;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "run directory to write")
    Path out;

    @Option(names = "--data", paramLabel = "PATH", description = "override the data source (required by cifar10-* presets)")
    String data;

    @Option(names = "--model", paramLabel = "DIR", description = "original model: a folder saved by 'train' "
            + "(model.zip + model.json); default: the config's, else one is trained on all training data")
    String model;

    @Option(names = "--retrain-baseline", negatable = true, description = "also run the retrain baseline and report compute savings")
    Boolean retrainBaseline;

    @Option(names = "--seed", description = "override the seed (minibatch order, retrain init, seeded noise)")
    Long seed;

    @Option(names = "--secure-noise", description = "draw noise from a SecureRandom-seeded generator (seed not recorded)")
    boolean secureNoise;

    @Option(names = "--threads", paramLabel = "N",
            description = "native threads for ND4J (default: OMP_NUM_THREADS, else 1 — fastest for small models)")
    Integer threads;

    @Option(names = "--quiet", description = "print only the final lines")
    boolean quiet;

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (source.preset != null && NewtonRunConfig.PRESETS.contains(source.preset)) {
            return newton(); // Newton + LiSSA (§9) has its own engine; same run-directory files
        }
        if (source.preset != null && !Presets.NAMES.contains(source.preset)) {
            throw new IllegalArgumentException("--preset: unknown preset '" + source.preset + "' (available: "
                    + String.join(", ", Presets.NAMES) + ", " + String.join(", ", NewtonRunConfig.PRESETS) + ")");
        }
        UnlearningConfig cfg = source.config != null
                ? UnlearningConfig.load(source.config)
                : Presets.load(source.preset, data);
        if (source.config != null && data != null) {
            var d = cfg.data();
            cfg = cfg.withData(new org.unlearning.workbench.engine.unlearn.DataConfig(data, d.validationFraction(),
                    d.forgetFraction(), d.forgetFile(), d.splitSeed(), d.evaluationLimit(), d.standardize()));
        }
        if (model != null) {
            ModelConfig mc = cfg.model();
            cfg = cfg.withModel(new ModelConfig(model, mc.architecture(), mc.trainEpochs(), mc.trainSeed()));
        }
        if (retrainBaseline != null) {
            cfg = cfg.withRetrainBaseline(retrainBaseline);
        }
        if (seed != null) {
            cfg = cfg.withSeed(seed);
        }
        if (secureNoise) {
            cfg = cfg.withNoise("secure");
        }
        if (threads != null) {
            ComputeThreads.set(threads);
        } else {
            ComputeThreads.configureDefault(1);
        }
        CancelToken cancel = new CancelToken();
        Thread hook = new Thread(cancel::cancel);
        Runtime.getRuntime().addShutdownHook(hook);
        RunResult r;
        try {
            r = UnlearningRun.execute(cfg, out, quiet ? RunListener.NONE : new ConsoleListener(), cancel);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // JVM already shutting down
            }
        }
        print(r);
        return r.certified() ? CliSupport.EXIT_OK : CliSupport.EXIT_CHECK_FAILED;
    }

    private int newton() throws Exception {
        if (threads != null) {
            ComputeThreads.set(threads);
        } else {
            ComputeThreads.configureDefault(1);
        }
        NewtonRunConfig cfg = NewtonRunConfig.preset(source.preset).with(model, data, null, null, retrainBaseline);
        if (seed != null) {
            cfg = cfg.withSeed(seed);
        }
        return NewtonCommand.execute(cfg, out, quiet, secureNoise);
    }

    private static void print(RunResult r) {
        Certificate c = r.certificate();
        RunSummary s = r.summary();
        System.out.printf(Locale.ROOT, "status: %s (%s)%n", c.status().id(), c.reason());
        if (c.epsilon() != null) {
            System.out.printf(Locale.ROOT, "guarantee: epsilon = %.6g, delta = %.6g; noisy steps = %d, sigma = %s%n",
                    c.epsilon(), c.delta(), c.noisySteps(),
                    c.sigma() != null ? String.format(Locale.ROOT, "%.6g", c.sigma())
                            : c.sigmaFirst() == null ? "-" : String.format(Locale.ROOT, "%.6g..%.6g", c.sigmaFirst(), c.sigmaLast()));
        }
        if (s.testAccuracy() != null) {
            System.out.printf(Locale.ROOT, "test accuracy %.2f%%, retain %.2f%%, forget %.2f%%; %d examples processed, %.1f s%n",
                    100 * s.testAccuracy(), 100 * s.retainAccuracy(), 100 * s.forgetAccuracy(), s.examplesProcessed(),
                    s.wallSeconds());
        }
        if (s.computeSavings() != null) {
            System.out.println(s.computeSavings().describe());
        }
        System.out.println("run directory: " + r.directory());
    }

    /** Prints messages and evaluation points (not every step). */
    static final class ConsoleListener implements RunListener {
        @Override
        public void message(String text) {
            System.out.println(text);
        }

        @Override
        public void evaluated(EvaluationMetrics e) {
            System.out.printf(Locale.ROOT, "  [%-9s] step %5d  examples %8d  test %.2f%%  retain %.2f%%  forget %.2f%%%n",
                    e.phase().id(), e.step(), e.examplesProcessed(), 100 * e.testAccuracy(), 100 * e.retainAccuracy(),
                    100 * e.forgetAccuracy());
        }

        @Override
        public void phaseStarted(RunPhase phase, int plannedSteps) {
            if (plannedSteps > 0) {
                System.out.println(phase.id() + ": " + plannedSteps + " steps");
            }
        }
    }
}
