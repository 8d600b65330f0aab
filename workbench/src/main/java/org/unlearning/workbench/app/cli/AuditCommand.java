package org.unlearning.workbench.app.cli;

import org.unlearning.workbench.app.chart.AuditCharts;
import org.unlearning.workbench.engine.audit.AuditConfig;
import org.unlearning.workbench.engine.audit.AuditReport;
import org.unlearning.workbench.engine.audit.AuditRunner;
import org.unlearning.workbench.engine.audit.AuditRuns;
import org.unlearning.workbench.engine.io.OutputFolder;
import org.unlearning.workbench.engine.io.RunStatus;
import org.unlearning.workbench.engine.model.ComputeThreads;
import org.unlearning.workbench.engine.run.CancelToken;
import org.unlearning.workbench.engine.run.RunCancelledException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code audit --preset NAME --out DIR}: the empirical audit of theory.md §15 (ε̂ beside the certified ε). */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Empirical privacy audit (theory.md §15): plants canaries, trains the two fixed originals "
                + "(with and without them), runs each method R times per world with fresh noise, attacks every "
                + "release and turns the attack's success into a lower bound ε̂ (Clopper–Pearson, 95 %% confidence "
                + "by default) beside the certified ε; also the one-run audit and the power check against a "
                + "non-private reference. Writes DIR/audit.json and DIR/figures/ (ROC, histograms, ε̂ vs ε; PNG, SVG, PDF).")
public final class AuditCommand implements Callable<Integer> {
    static final class Source {
        @Option(names = "--preset", paramLabel = "NAME", description = "a bundled audit: mnist-audit-smoke, mnist-audit")
        String preset;

        @Option(names = "--config", paramLabel = "FILE", description = "an audit file (YAML or JSON)")
        Path config;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "a new or empty folder for the audit")
    Path out;

    @Option(names = "--runs", paramLabel = "R", description = "runs per world (overrides the preset; at least 4)")
    Integer runs;

    @Option(names = "--methods", split = ",", paramLabel = "KEY", description = "audit only these methods of the preset")
    List<String> methods;

    @Option(names = "--workers", paramLabel = "N", description = "runs at once (default: one per core)")
    Integer workers;

    @Option(names = "--no-figures", description = "write audit.json only")
    boolean noFigures;

    @Option(names = "--overwrite", description = "move an existing non-empty --out folder aside")
    boolean overwrite;

    @Option(names = "--quiet", description = "no progress lines")
    boolean quiet;

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        ComputeThreads.configureDefault(1);
        if (workers != null && workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
        }
        AuditConfig cfg = source.preset != null ? AuditConfig.preset(source.preset) : AuditConfig.load(source.config);
        if (runs != null) {
            cfg = cfg.withRuns(runs);
        }
        if (methods != null && !methods.isEmpty()) {
            cfg = cfg.withMethods(methods);
        }
        CancelToken cancel = new CancelToken();
        try (OutputFolder folder = OutputFolder.prepare(out, overwrite, "--out", "audit");
             CancelOnSignal signals = CancelOnSignal.install(cancel::cancel, CancelOnSignal.DEFAULT_GRACE, System.err)) {
            folder.movedAside().ifPresent(p -> System.err.println("moved the old content of " + out + " to " + p));
            RunStatus.begin(folder.dir(), "audit");
            long[] last = {0};
            AuditRunner.Progress progress = (msg, f) -> {
                long now = System.nanoTime();
                if (!quiet && (now - last[0] > 2_000_000_000L || f >= 1 || msg.startsWith("training"))) {
                    last[0] = now;
                    System.err.printf(Locale.ROOT, "[%5.1f%%] %s%n", 100 * f, msg);
                }
            };
            AuditReport report;
            try {
                report = AuditRunner.run(cfg, folder.dir(), AuditRuns.local(workers), progress, cancel);
            } catch (RunCancelledException e) {
                RunStatus.finish(folder.dir(), RunStatus.State.CANCELLED, "audit cancelled; no audit.json written");
                System.err.println("audit cancelled; no audit.json written");
                signals.finished();
                return signals.signalled() ? signals.exitCode() : CliSupport.EXIT_CHECK_FAILED;
            } catch (Exception | Error e) {
                RunStatus.finish(folder.dir(), RunStatus.State.FAILED, CliSupport.message(e));
                signals.finished();
                throw e;
            }
            if (!noFigures) {
                AuditCharts.writeAll(report, folder.dir().resolve("figures"));
            }
            RunStatus.finish(folder.dir(), RunStatus.State.COMPLETED, "audit written");
            signals.finished();
            print(report);
            return CliSupport.EXIT_OK;
        }
    }

    private static void print(AuditReport r) {
        System.out.printf(Locale.ROOT, "audit %s: R = %d runs per world, α = %.3g, score = %s; canaries: %s%n",
                r.audit(), r.runsPerWorld(), r.alpha(), r.statistic(), r.canaries().description());
        for (AuditReport.MethodAudit m : r.methods()) {
            System.out.printf(Locale.ROOT, "  %-20s ε̂ = %.3f (%.0f%% conf.)   certified ε = %.3f   %s%s%n", m.method(),
                    m.epsilonHat(), 100 * m.confidence(), m.certifiedEpsilon(),
                    m.withinCertificate() ? "ok" : "ε̂ > ε: CERTIFICATE VIOLATED",
                    m.oneRun() == null ? "" : String.format(Locale.ROOT, "   one-run ε̂ = %.3f", m.oneRun().epsilonHat()));
        }
        System.out.printf(Locale.ROOT, "  %-20s ε̂ = %.3f (power check; originals: ε̂ = %.3f)%n", "non-private ref.",
                r.powerCheck().epsilonHat(), r.powerCheck().originalEpsilonHat());
        System.out.println("  " + r.powerCheck().statement());
    }
}
