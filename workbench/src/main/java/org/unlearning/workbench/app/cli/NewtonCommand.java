package org.unlearning.workbench.app.cli;

import org.unlearning.workbench.engine.model.ComputeThreads;
import org.unlearning.workbench.engine.unlearn.newton.NewtonCertificate;
import org.unlearning.workbench.engine.unlearn.newton.NewtonRelease;
import org.unlearning.workbench.engine.unlearn.newton.NewtonRun;
import org.unlearning.workbench.engine.unlearn.newton.NewtonRunConfig;
import org.unlearning.workbench.engine.unlearn.newton.NewtonUnlearning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Certified Newton unlearning with LiSSA (theory.md §9) over one or more deletion requests. */
@Command(name = "newton", mixinStandardHelpOptions = true,
        description = {"Certified Newton unlearning with LiSSA (Zhang et al. 2024) of one or more deletion requests "
                + "from a norm-constrained model; sigma is derived from Delta = Theorem 3.4 bound + Delta_LiSSA and "
                + "(epsilon, delta). Writes the run directory and prints summary.json.",
                "Exit status: 0 every release certified, 1 a release was not certified or refused, 2 bad input.",
                "Presets: mnist-newton (1 % of the bundled digits), mnist-newton-sequential (five requests of 1 %)."})
public final class NewtonCommand implements Callable<Integer> {
    @Option(names = "--preset", paramLabel = "NAME", description = "mnist-newton or mnist-newton-sequential.")
    String preset;

    @Option(names = "--config", paramLabel = "FILE", description = "A run file (YAML/JSON, keys as in the presets; missing keys from mnist-newton).")
    Path config;

    @Option(names = "--model", paramLabel = "DIR", description = "Original model folder (overrides the preset's).")
    String model;

    @Option(names = "--data", paramLabel = "PATH", description = "Dataset (overrides the preset's; default bundled).")
    String data;

    @Option(names = "--requests", description = "Number of successive deletion requests.")
    Integer requests;

    @Option(names = "--forget-fraction", paramLabel = "F", description = "Fraction of the training set per request.")
    Double forgetFraction;

    @Option(names = "--epsilon", description = "Target epsilon of every release.")
    Double epsilon;

    @Option(names = "--delta", description = "Target delta of every release.")
    Double delta;

    @Option(names = "--C", paramLabel = "C", description = "Norm constraint the original was trained under.")
    Double c;

    @Option(names = "--M", paramLabel = "M", description = "Lipschitz constant of the Hessian (your assumption).")
    Double m;

    @Option(names = "--lambda", description = "Local convex approximation lambda (Theorem 3.4).")
    Double lambda;

    @Option(names = "--lissa-budget", paramLabel = "D", description = "Delta_LiSSA added to the Theorem 3.4 bound.")
    Double lissaBudget;

    @Option(names = "--s1", description = "LiSSA repetitions.")
    Integer s1;

    @Option(names = "--s2", description = "LiSSA depth.")
    Integer s2;

    @Option(names = "--scale", paramLabel = "H", description = "LiSSA scale H (> lambda_max / 2).")
    Double scale;

    @Option(names = "--batch", paramLabel = "B", description = "LiSSA Hessian mini-batch size.")
    Integer batch;

    @Option(names = "--lanczos-iterations", description = "Lanczos steps for lambda_min.")
    Integer lanczos;

    @Option(names = "--spectrum-subsample", paramLabel = "N", description = "Retain examples for lambda_min (0 = all).")
    Integer subsample;

    @Option(names = "--secure-noise", description = "Draw the release noise from a SecureRandom-seeded generator "
            + "(seed not recorded; default: seeded, reproducible, seed in the certificate).")
    boolean secureNoise;

    @Option(names = "--no-retrain", description = "Skip the retraining baseline.")
    boolean noRetrain;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Run directory to write.")
    Path out;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        ComputeThreads.configureDefault(1);
        return execute(resolve(), out, quiet, secureNoise);
    }

    /**
     * Runs a Newton configuration, prints progress (stderr) and summary.json (stdout); Ctrl-C
     * cancels cleanly. Also used by {@code unlearn --preset mnist-newton…}.
     *
     * @return 0 every release certified, 1 otherwise
     */
    static int execute(NewtonRunConfig cfg, Path out, boolean quiet, boolean secureNoise) throws Exception {
        NewtonRun.Listener listener = new NewtonRun.Listener() {
            private String last = "";

            @Override
            public void update(int request, NewtonUnlearning.Phase phase, double fraction) {
                String key = request + " " + phase;
                if (!quiet && !key.equals(last)) {
                    last = key;
                    System.err.printf(Locale.ROOT, "request %d: %s%n", request, phase.name().toLowerCase(Locale.ROOT));
                }
            }

            @Override
            public void onRelease(NewtonRelease r) {
                if (quiet) {
                    return;
                }
                NewtonCertificate c = r.certificate();
                System.err.printf(Locale.ROOT, "request %d: %s (forgot %d, %d retained)%n  %s%n", r.request(),
                        c.status().name().toLowerCase(Locale.ROOT), r.forgetSize(), r.retainSize(), c.reason());
                if (r.model() != null) {
                    System.err.printf(Locale.ROOT, "  sigma %.4g  lambda_min %.4g  test acc %.4f (noise-free %.4f)  "
                                    + "newton %.1fs + certification %.1fs%s%n", c.sigma(), r.spectrum().lambdaMinLower(),
                            r.testAccuracy(), r.noiseFreeTestAccuracy(), r.newtonSeconds(), r.certificationSeconds(),
                            r.retrain() == null ? "" : String.format(Locale.ROOT, "  vs retrain %.1fs (test acc %.4f)",
                                    r.retrain().seconds(), r.retrain().testAccuracy()));
                }
                for (String w : c.warnings()) {
                    System.err.println("  warning: " + w);
                }
            }
        };
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> { // Ctrl-C: stop at the next check and let the run directory be written
            cancelled.set(true);
            try {
                stopped.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        NewtonRun.Result result;
        try {
            result = NewtonRun.run(cfg, out, listener, cancelled::get, secureNoise);
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down
            }
        }
        System.out.println(Files.readString(out.resolve("summary.json"), StandardCharsets.UTF_8));
        boolean allCertified = result.releases().stream().allMatch(r -> r.certificate().certified());
        return allCertified && result.releases().size() == cfg.requests() ? CliSupport.EXIT_OK
                : CliSupport.EXIT_CHECK_FAILED;
    }

    NewtonRunConfig resolve() throws Exception {
        if ((preset == null) == (config == null)) {
            throw new IllegalArgumentException("give exactly one of --preset NAME or --config FILE");
        }
        NewtonRunConfig cfg;
        if (preset != null) {
            cfg = NewtonRunConfig.preset(preset);
        } else {
            if (!Files.isRegularFile(config)) {
                throw new java.nio.file.NoSuchFileException(config.toString(), null, "--config file not found");
            }
            cfg = NewtonRunConfig.parse(Files.readString(config, StandardCharsets.UTF_8), config.toString(),
                    NewtonRunConfig.preset("mnist-newton"));
        }
        cfg = cfg.with(model, data, requests, forgetFraction, noRetrain ? Boolean.FALSE : null);
        cfg = cfg.withGuarantee(or(epsilon, cfg.epsilon()), or(delta, cfg.delta()), or(c, cfg.c()), or(m, cfg.m()),
                or(lambda, cfg.lambda()), or(lissaBudget, cfg.lissaErrorBudget()));
        cfg = cfg.withLissa(s1 == null ? cfg.s1() : s1, s2 == null ? cfg.s2() : s2, or(scale, cfg.scale()),
                batch == null ? cfg.batchSize() : batch);
        cfg = cfg.withSpectrum(lanczos == null ? cfg.lanczosIterations() : lanczos,
                subsample == null ? cfg.spectrumSubsample() : subsample);
        cfg.newtonConfig(0); // validates every engine parameter before any work
        return cfg;
    }

    private static double or(Double v, double fallback) {
        return v == null ? fallback : v;
    }
}
