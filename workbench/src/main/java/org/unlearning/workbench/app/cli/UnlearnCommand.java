package org.unlearning.workbench.app.cli;

import org.unlearning.workbench.engine.model.ComputeThreads;
import org.unlearning.workbench.engine.io.OutputFolder;
import org.unlearning.workbench.engine.io.RunStatus;
import org.unlearning.workbench.engine.run.CancelToken;
import org.unlearning.workbench.engine.run.CertificateStatus;
import org.unlearning.workbench.engine.run.Certificate;
import org.unlearning.workbench.engine.run.EvaluationMetrics;
import org.unlearning.workbench.engine.run.Release;
import org.unlearning.workbench.engine.run.RunListener;
import org.unlearning.workbench.engine.run.RunPhase;
import org.unlearning.workbench.engine.run.RunResult;
import org.unlearning.workbench.engine.run.RunStatusLine;
import org.unlearning.workbench.engine.run.RunSummary;
import org.unlearning.workbench.engine.run.UnlearningPipeline;
import org.unlearning.workbench.engine.unlearn.MethodConfig;
import org.unlearning.workbench.engine.unlearn.ModelConfig;
import org.unlearning.workbench.engine.unlearn.Presets;
import org.unlearning.workbench.engine.unlearn.UnlearningConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code unlearn --config FILE --out DIR} or {@code unlearn --preset NAME --out DIR} (with the
 * pre-pipeline command name kept as an alias): runs one unlearning job of any method through the run pipeline headless and writes
 * its run directory. Exit 0 when every release is certified, 1 when one is not (or the run stopped),
 * 2 on bad input or an infeasible setting.
 */
@Command(name = "unlearn", aliases = "newton", mixinStandardHelpOptions = true,
        description = {"Run certified unlearning of any method (the method: section of the config) through the run "
                + "pipeline and write its run folder to --out. Exit 0 only when the release is certified; 1 for a weaker "
                + "guarantee, a demonstration (seeded noise) or not certified; 2 on bad input."})
public final class UnlearnCommand implements Callable<Integer> {
    /** The shipped preset names, for the help text. */
    static final class PresetNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Presets.NAMES.iterator();
        }
    }

    static final class Source {
        @Option(names = "--config", paramLabel = "FILE", description = "run configuration (JSON or YAML)")
        Path config;

        @Option(names = "--preset", paramLabel = "NAME", completionCandidates = PresetNames.class,
                description = "named configuration: ${COMPLETION-CANDIDATES}")
        String preset;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "run directory to write (new or empty)")
    Path out;

    @Option(names = "--overwrite", description = "If --out already holds an earlier run, move it aside to "
            + "DIR.replaced-<time> first (never mixed with the new run).")
    boolean overwrite;

    @Option(names = "--data", paramLabel = "PATH", description = "override the data source (required by presets "
            + "that need data, e.g. cifar10-*)")
    String data;

    @Option(names = "--model", paramLabel = "DIR", description = "original model: a folder saved by 'train' "
            + "(model.zip + model.json); default: the config's, else one is trained on all training data")
    String model;

    @Option(names = "--param", paramLabel = "key=value", description = "override a method parameter (repeatable; "
            + "keys as in 'accountant calc --method M --list', or the YAML key)")
    List<String> params = new ArrayList<>();

    @Option(names = "--requests", paramLabel = "N", description = "sequential deletion requests of --forget-fraction "
            + "each (each unlearned from the previous release)")
    Integer requests;

    @Option(names = "--forget-fraction", paramLabel = "F", description = "fraction of the training set to forget "
            + "(per request)")
    Double forgetFraction;

    @Option(names = "--retrain-baseline", negatable = true, description = "also run the retrain baseline and report compute savings")
    Boolean retrainBaseline;

    @Option(names = "--seed", description = "override the seed (minibatch order, retrain init, seeded noise)")
    Long seed;

    @Option(names = "--noise", paramLabel = "KIND", description = "secure (default: AES-CTR keyed from the JDK's DRBG, "
            + "nothing recorded) or demonstration (reproducible from --seed; never certified)")
    String noise;

    @Option(names = "--secure-noise", hidden = true, description = "same as --noise secure (the default)")
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
        UnlearningConfig cfg = resolve();
        if (threads != null) {
            ComputeThreads.set(threads);
        } else {
            ComputeThreads.configureDefault(1);
        }
        CancelToken cancel = new CancelToken();
        try (OutputFolder folder = OutputFolder.prepare(out, overwrite, "--out", "unlearn");
             CancelOnSignal signals = CancelOnSignal.install(cancel::cancel, CancelOnSignal.DEFAULT_GRACE, System.err)) {
            folder.movedAside().ifPresent(p -> System.err.println("moved the old content of " + out + " to " + p));
            RunStatus.begin(folder.dir(), "unlearn");
            RunResult r;
            try {
                r = UnlearningPipeline.execute(cfg, folder.dir(), quiet ? RunListener.NONE : new ConsoleListener(),
                        cancel);
            } catch (Exception | Error e) {
                if (!folder.discardIfUnused()) {
                    RunStatus.finish(folder.dir(), cancel.isCancelled() ? RunStatus.State.CANCELLED
                            : RunStatus.State.FAILED, RunStatusLine.aborted(cancel.isCancelled(), CliSupport.message(e)));
                }
                signals.finished();
                throw e;
            }
            // the status is replaced last, after the certificate and everything it refers to
            RunStatus.finish(folder.dir(), RunStatusLine.state(r, cancel.isCancelled()), RunStatusLine.detail(r));
            signals.finished();
            print(r);
            if (signals.signalled()) {
                return signals.exitCode();
            }
            return r.certified() && r.summary().status() == CertificateStatus.CERTIFIED
                    ? CliSupport.EXIT_OK : CliSupport.EXIT_CHECK_FAILED;
        }
    }

    /** The configuration: the file or preset with every option applied. */
    UnlearningConfig resolve() throws Exception {
        if (source.preset != null && !Presets.NAMES.contains(source.preset)) {
            throw new IllegalArgumentException("--preset: unknown preset '" + source.preset + "' (available: "
                    + String.join(", ", Presets.NAMES) + ")");
        }
        UnlearningConfig cfg = source.config != null ? UnlearningConfig.load(source.config) : Presets.load(source.preset, data);
        if (source.config != null && data != null) {
            cfg = cfg.with("data", cfg.data().withSource(data));
        }
        if (requests != null || forgetFraction != null) {
            cfg = cfg.with("data", cfg.data().withRequests(forgetFraction, requests));
        }
        if (model != null) {
            ModelConfig mc = cfg.model();
            String arch = org.unlearning.workbench.engine.unlearn.ModelFiles.architecture(Path.of(model))
                    .orElse(mc.architecture());
            cfg = cfg.with("model", new ModelConfig(model, arch, mc.trainEpochs(), mc.trainSeed()));
        }
        MethodConfig m = cfg.method();
        java.util.Set<String> given = new java.util.HashSet<>();
        for (Map.Entry<String, String> e : AccountantCommand.pairs(params).entrySet()) {
            String canonical = m.method().schema().parameter(e.getKey()).map(d -> d.key()).orElse(e.getKey());
            if (!given.add(canonical)) {
                throw new IllegalArgumentException("--param " + e.getKey() + ": " + canonical + " is given twice");
            }
            try {
                m = m.with(e.getKey(), e.getValue());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("--param " + e.getKey() + ": " + ex.getMessage(), ex);
            }
        }
        cfg = cfg.with("method", m);
        if (retrainBaseline != null) {
            cfg = cfg.with("retrainBaseline", retrainBaseline);
        }
        if (seed != null) {
            cfg = cfg.with("seed", seed);
        }
        if (noise != null && secureNoise && !noise.equalsIgnoreCase(UnlearningConfig.SECURE)) {
            throw new IllegalArgumentException("--secure-noise contradicts --noise " + noise);
        }
        if (noise != null) {
            cfg = cfg.with("noise", noise);
        } else if (secureNoise) {
            cfg = cfg.with("noise", UnlearningConfig.SECURE);
        }
        return cfg;
    }

    private static void print(RunResult r) {
        Certificate c = r.certificate();
        RunSummary s = r.summary();
        if (r.releases().size() > 1) {
            for (Release rel : r.releases()) {
                System.out.printf(Locale.ROOT, "request %d: %s, sigma %s, %d forgotten, %d retained%n", rel.request(),
                        rel.certificate().statusLine(), rel.certificate().sigma() == null ? "-"
                                : String.format(Locale.ROOT, "%.6g", rel.certificate().sigma()),
                        rel.forgetSize(), rel.retainSize());
            }
        }
        System.out.printf(Locale.ROOT, "status: %s%n", s.statusLine());
        if (s.utilityWarning() != null) {
            System.out.println(s.utilityWarning());
        }
        System.out.println("reason: " + c.reason());
        if (c.epsilon() != null) {
            System.out.printf(Locale.ROOT, "guarantee: epsilon = %.6g, delta = %.6g; noisy steps = %d, sigma = %s%n",
                    c.epsilon(), c.delta(), c.noisySteps(),
                    c.sigma() != null ? String.format(Locale.ROOT, "%.6g", c.sigma())
                            : c.sigmaFirst() == null ? "-" : String.format(Locale.ROOT, "%.6g..%.6g", c.sigmaFirst(), c.sigmaLast()));
            if (r.releases().size() > 1) {
                System.out.println("each release is certified on its own; releases of correlated estimates compose "
                        + "(an observer of k releases faces up to k·ε)");
            }
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

    /** Prints messages, evaluation points and progress changes (not every step). */
    static final class ConsoleListener implements RunListener {
        private String lastActivity = "";

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

        @Override
        public void progress(String activity, double fraction) {
            if (!activity.equals(lastActivity)) {
                lastActivity = activity;
                System.out.println("  " + activity + "…");
            }
        }
    }
}
