package org.unlearning.workbench.engine.unlearn.newton;

import org.unlearning.workbench.accounting.newton.NewtonLedger;
import org.unlearning.workbench.accounting.newton.NewtonMethod;
import org.unlearning.workbench.accounting.newton.NewtonParams;
import org.unlearning.workbench.engine.model.ModelMetadata;
import org.unlearning.workbench.engine.model.WorkbenchModel;
import org.unlearning.workbench.engine.run.RunCancelledException;
import org.unlearning.workbench.engine.run.RunPhase;
import org.unlearning.workbench.engine.unlearn.ModelFiles;
import org.unlearning.workbench.engine.unlearn.Calibration;
import org.unlearning.workbench.engine.unlearn.Calibrator;
import org.unlearning.workbench.engine.unlearn.MethodConfig;
import org.unlearning.workbench.engine.unlearn.MethodEngine;
import org.unlearning.workbench.engine.unlearn.MethodRun;
import org.unlearning.workbench.engine.unlearn.RequestOutcome;
import org.unlearning.workbench.engine.unlearn.RunContext;
import org.unlearning.workbench.engine.unlearn.RunStart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Certified Newton unlearning with LiSSA (Zhang et al. 2024; theory.md §9) in the run pipeline: one
 * {@link NewtonUnlearning} timeline per run keeps the noise-free chain w~_k across deletion requests;
 * each request measures λ_min, re-plans σ from the measured Δ with the accountant, and releases
 * w~_k + ξ_k, which the pipeline evaluates, certifies and compares with retraining.
 */
public final class NewtonEngine implements MethodEngine<NewtonParams> {
    private final NewtonMethod accountant = new NewtonMethod();

    @Override
    public NewtonMethod accountant() {
        return accountant;
    }

    @Override
    public MethodRun<NewtonLedger> start(RunStart start, NewtonParams p) {
        WorkbenchModel original = start.original();
        ModelMetadata md = start.originalMetadata();
        Map<String, Object> hp = md == null || md.hyperparameters() == null ? Map.of() : md.hyperparameters();
        if (md != null && md.datasetSha256() != null && !md.datasetSha256().equals(start.provenance().datasetSha256())) {
            throw new IllegalArgumentException("the original was trained on dataset " + md.dataset() + " (sha256 "
                    + md.datasetSha256() + "), not on " + start.provenance().dataset()
                    + ": the Newton step needs the training set it unlearns from");
        }
        double trainingWd = ModelFiles.hyperparameter(hp, "weight_decay", 0);
        Double radius = md == null ? Double.NaN
                : hp.get("projection_radius") == null ? null : ModelFiles.hyperparameter(hp, "projection_radius", Double.NaN);
        NewtonConfig config = new NewtonConfig(p.lambda(), p.weightDecay() == null ? trainingWd : p.weightDecay(), p.c(),
                p.m(), p.lissaError(), p.epsilon(), p.delta(),
                new LissaConfig(p.s1(), p.s2(), p.scale(), p.hessianBatch(), start.seed()), p.gradient(),
                p.lanczosIterations(), p.lanczosTolerance(), p.spectrumSubsample(), FiniteDifferenceHvp.DEFAULT_STEP,
                500);
        NewtonUnlearning timeline = new NewtonUnlearning(original, start.train(), start.test(), config);
        if (radius == null || !Double.isNaN(radius)) {
            timeline.trainedWithNormConstraint(radius);
        }
        return new MethodRun<>() {
            @Override
            public WorkbenchModel original() {
                return original;
            }

            @Override
            public NewtonLedger ledger(Calibration plan) {
                return accountant.ledger(p, plan.plan());
            }

            @Override
            public RequestOutcome unlearn(RunContext ctx, Calibration plan, NewtonLedger ledger) {
                ctx.listener().phaseStarted(RunPhase.UNLEARN, 0);
                int phases = NewtonUnlearning.Phase.values().length;
                NewtonRelease r;
                try {
                    r = timeline.request(ctx.forget(), ctx.cancel()::isCancelled,
                            (k, phase, f) -> ctx.progress(phase.name().toLowerCase(Locale.ROOT),
                                    (phase.ordinal() + (Double.isFinite(f) ? Math.max(0, Math.min(1, f)) : 0)) / phases),
                            ctx.noise());
                } catch (CancellationException e) {
                    throw new RunCancelledException(ctx.step());
                }
                ctx.addExamples(r.totalExamples());
                Calibration used = plan;
                if (r.released()) {
                    used = Calibrator.calibrate(new MethodConfig(accountant, r.measured()))
                            .withInputs(plan.accountantInputs());   // configured values; measured ones below
                    ledger.recordRelease(r.sensitivity(), r.sigma());
                    ctx.model().setParams(r.model().params());
                }
                Map<String, Object> inputs = new LinkedHashMap<>();
                r.inputs().forEach((k, v) -> {   // what was measured or derived; configured values are the plan's
                    if (k.equals("lambda_min") || k.equals("weight_decay") || accountant.schema().parameter(k).isEmpty()) {
                        inputs.put(k, v);
                    }
                });
                inputs.put("gradient_used", r.gradientUsed());
                List<String> assumptions = new ArrayList<>(r.assumptions());
                for (String w : r.warnings()) {
                    assumptions.add("Warning: " + w);
                }
                return new RequestOutcome(used, r.released(), r.problems(), r.verified(), RunPhase.FINE_TUNE,
                        inputs, r.outputs(), assumptions, diagnostics(r), r.noiseFree());
            }
        };
    }

    /** The per-request figures of requests.csv and the window's per-request charts. */
    private static Map<String, Double> diagnostics(NewtonRelease r) {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("Delta", finite(r.sensitivity()));
        d.put("Delta_N", r.outputs().get("Delta_N") instanceof Double x ? finite(x) : null);
        d.put("lambda_min", r.spectrum() == null ? null : finite(r.spectrum().lambdaMinLower()));
        d.put("lambda_max", r.spectrum() == null ? null : finite(r.spectrum().lambdaMax()));
        d.put("lissa_recursion_residual", r.lissa() == null ? null : finite(r.lissa().recursionResidual()));
        d.put("lissa_full_residual", finite(r.lissaFullResidual()));
        d.put("lissa_error_bound", r.outputs().get("lissa_error_bound_measured") instanceof Double x ? finite(x) : null);
        d.put("newton_seconds", r.newtonSeconds());
        d.put("newton_examples", (double) r.newtonExamples());
        d.put("certification_seconds", r.certificationSeconds());
        d.put("certification_examples", (double) r.certificationExamples());
        d.put("noise_free_test_accuracy", finite(r.noiseFreeTestAccuracy()));
        return d;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
