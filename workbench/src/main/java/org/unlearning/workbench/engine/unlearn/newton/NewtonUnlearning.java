package org.unlearning.workbench.engine.unlearn.newton;

import org.unlearning.workbench.accounting.newton.NewtonGradient;
import org.unlearning.workbench.accounting.GaussianMechanism;
import org.unlearning.workbench.accounting.method.Calculation;
import org.unlearning.workbench.accounting.newton.NewtonAccountant;
import org.unlearning.workbench.accounting.newton.NewtonMethod;
import org.unlearning.workbench.accounting.newton.NewtonParams;
import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.model.WorkbenchModel;
import org.unlearning.workbench.engine.unlearn.NoiseSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Certified Newton unlearning with LiSSA (Zhang et al. 2024; theory.md §9) over a timeline of
 * deletion requests D_u1, D_u2, … (§9.4, Algorithm 2). Per request k, from the noise-free
 * w~_{k−1} (w~_0 = w*):
 * <pre>
 *   D_rk = D_r(k−1) \ D_uk
 *   g    = ∇L(w~_{k−1}; D_rk) + wd·w          (exact retain gradient; D_u shortcut only if stationary)
 *   λ_min, λ_max of ∇²L(w~_{k−1}; D_rk)       (Lanczos on float64 Hessian-vector products)
 *   v    = LiSSA(∇²L_β + (wd + λ)I, g)        (mini-batches of b drawn with replacement from D_rk)
 *   w~_k = w~_{k−1} − v                       (kept internally, never released)
 *   Δ    = 2C(MC + λ)/(λ + λ_min) + Δ_LiSSA;  σ = exact Gaussian calibration of (Δ, ε, δ)
 *   release w⁻_k = w~_k + ξ_k, ξ_k ~ N(0, σ²I), fresh noise per release
 * </pre>
 * A request is refused (nothing released, the timeline stops) when λ + λ_min ≤ 0, when the LiSSA
 * scale is below λ_max/2 or when LiSSA diverges. A release has problems (not certified) when
 * ‖w~_{k−1}‖ &gt; C or when the measured LiSSA error bound ‖H_λ v − g‖/(λ + λ_min) exceeds the budget
 * Δ_LiSSA. The run pipeline evaluates, certifies and compares each release with retraining.
 * Not thread-safe; run it on one background thread.
 */
public final class NewtonUnlearning {
    /** Stop-watch phases reported to the {@link Progress} listener. */
    public enum Phase { GRADIENT, SPECTRUM, LISSA, RESIDUAL, EVALUATION, RETRAIN }

    /** Progress of a request; fraction in [0, 1] within the phase. */
    @FunctionalInterface
    public interface Progress {
        void update(int request, Phase phase, double fraction);

        Progress NONE = (r, p, f) -> {};
    }

    private static final int EVAL_BATCH = 1000;
    private static final double STATIONARITY_TOLERANCE = 1e-3;
    private static final double DIVERGENCE_MARGIN = 1e3;
    private static final double FLOAT32_ROUNDING_ALLOWANCE = 1e-5;
    private static final double STEP_CHECK_TOLERANCE = 0.1;

    private final WorkbenchModel original;
    private final Dataset train;
    private final Dataset test;
    private final NewtonConfig config;
    private final ModelGradientFunction f;
    private final double[] wStar;
    private final boolean[] deleted;
    private double[] chain;
    private int[] retain;
    private int processed;
    private String stopReason;
    private double trainedRadius = Double.NaN;
    private final NewtonMethod accountant = new NewtonMethod();

    /**
     * @param original  w*, trained with the norm constraint ‖w‖ ≤ C (any precision; not modified)
     * @param train     the training set D the indices refer to
     * @param test      held-out set for the noise-free estimate's test accuracy (may be null)
     */
    public NewtonUnlearning(WorkbenchModel original, Dataset train, Dataset test, NewtonConfig config) {
        original.spec().requireCompatible(train);
        if (test != null) {
            original.spec().requireCompatible(test);
        }
        this.original = original.copy();
        this.train = train;
        this.test = test;
        this.config = config;
        this.f = new ModelGradientFunction(original, train, config.gradientChunk());
        this.wStar = ModelGradientFunction.flatParams(original);
        if (!Vectors.allFinite(wStar)) {
            throw new IllegalArgumentException("original model has non-finite parameters");
        }
        this.chain = wStar.clone();
        this.deleted = new boolean[train.size()];
        this.retain = train.allIndices();
    }

    /**
     * Declares the norm constraint the original was trained under (projection onto ‖w‖ ≤ radius
     * after every step, §9.1; from the model's metadata). Releases are certified only when it is
     * declared and ≤ C; {@code null} = trained without projection.
     */
    public NewtonUnlearning trainedWithNormConstraint(Double radius) {
        this.trainedRadius = radius == null ? Double.POSITIVE_INFINITY : radius;
        return this;
    }

    public NewtonConfig config() {
        return config;
    }

    /** The current retain set D_rk (a copy). */
    public int[] retainIndices() {
        return retain.clone();
    }

    public int requestsProcessed() {
        return processed;
    }

    /** Why the timeline stopped, or null while it accepts requests. */
    public String stopReason() {
        return stopReason;
    }

    /** ‖w*‖ of the original. */
    public double originalNorm() {
        return Vectors.norm(wStar);
    }

    /**
     * Processes the next deletion request.
     *
     * @param forget indices into the training set, none deleted before
     * @param noise  the release noise (fresh for every release)
     * @throws IllegalArgumentException for a bad request (empty, out of range, repeated, already deleted,
     *                                  or deleting everything)
     * @throws IllegalStateException    when an earlier request was refused
     * @throws java.util.concurrent.CancellationException when cancelled (the timeline is unchanged)
     */
    public NewtonRelease request(int[] forget, BooleanSupplier cancelled, Progress progress, NoiseSource noise) {
        if (stopReason != null) {
            throw new IllegalStateException("the deletion timeline stopped at request " + processed + ": " + stopReason);
        }
        BooleanSupplier cancel = cancelled == null ? () -> false : cancelled;
        Progress p = progress == null ? Progress.NONE : progress;
        int k = processed + 1;
        int[] newRetain = validate(forget, k);
        double[] w = chain;
        double wNorm = Vectors.norm(w);
        double gamma = config.lambda();
        double wd = config.weightDecay();
        LissaConfig lc = config.lissa();

        // --- gradient (§9.1, §9.4)
        long t0 = System.nanoTime();
        long e0 = f.examplesEvaluated();
        p.update(k, Phase.GRADIENT, 0);
        double[] g;
        String gradientUsed;
        if (config.gradient() == NewtonGradient.FORGET_SHORTCUT) {
            double[] gu = f.meanGradient(w, forget);
            Vectors.axpy(wd, w, gu);
            double[] gAll = f.meanGradient(w, retain);
            Vectors.axpy(wd, w, gAll);
            int n = retain.length;
            double[] exact = gAll.clone(); // ∇L(D_r) = (n ∇L(D) − n_u ∇L(D_u)) / n_r
            Vectors.scale((double) n / newRetain.length, exact);
            Vectors.axpy(-(double) forget.length / newRetain.length, gu, exact);
            double stationarity = Vectors.norm(gAll);
            if (stationarity <= STATIONARITY_TOLERANCE * Math.max(Vectors.norm(exact), Double.MIN_NORMAL)) {
                g = gu;
                Vectors.scale(-(double) forget.length / newRetain.length, g);
                gradientUsed = String.format(Locale.ROOT, "D_u shortcut -(n_u/n_r) grad L(w; D_u) (stationarity "
                        + "verified: |grad L(w; D)| = %.3g)", stationarity);
            } else {
                g = exact;
                gradientUsed = String.format(Locale.ROOT, "exact retain gradient: the D_u shortcut was requested but "
                        + "w is not a stationary point (|grad L(w; D)| = %.3g)", stationarity);
            }
        } else {
            g = f.meanGradient(w, newRetain);
            Vectors.axpy(wd, w, g);
            gradientUsed = "exact retain gradient grad L(w; D_r) over all " + newRetain.length + " retained examples";
        }
        long newtonNanos = System.nanoTime() - t0;
        long newtonExamples = f.examplesEvaluated() - e0;

        // --- λ_min, λ_max of ∇²L(w; D_r) (weight decay included, λ not) (§9.3)
        long t1 = System.nanoTime();
        long e1 = f.examplesEvaluated();
        p.update(k, Phase.SPECTRUM, 0);
        int[] spectrumSet = spectrumSubset(newRetain, k);
        int[] lanczosStep = {0};
        SpectrumEstimate spectrum = SmallestEigenvalue.estimate(
                new FiniteDifferenceHvp(f, w, spectrumSet, wd, config.finiteDifferenceStep()),
                config.lanczosIterations(), config.lanczosTolerance(), lc.seed() + 31L * k, () -> {
                    p.update(k, Phase.SPECTRUM, Math.min(1, (double) lanczosStep[0]++ / config.lanczosIterations()));
                    return cancel.getAsBoolean();
                });
        // ReLU kinks: the curvature along the λ_min Ritz vector must not depend on the difference step;
        // the bound takes the smaller of the two values (conservative)
        double stepCheck = Double.NaN;
        double lambdaMin = spectrum.lambdaMinLower();
        if (spectrum.minVector() != null) {
            double[] y = spectrum.minVector();
            stepCheck = Vectors.dot(y, new FiniteDifferenceHvp(f, w, spectrumSet, wd,
                    config.finiteDifferenceStep() * 10).apply(y));
            lambdaMin = Math.min(lambdaMin, stepCheck - spectrum.lambdaMinResidual());
        }
        long certNanos = System.nanoTime() - t1;
        long certExamples = f.examplesEvaluated() - e1;

        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("C", config.normBound());
        inputs.put("M", config.hessianLipschitz());
        inputs.put("lambda", gamma);
        inputs.put("weight_decay", wd);
        inputs.put("lambda_min", lambdaMin);
        inputs.put("lambda_min_ritz", spectrum.lambdaMin());
        inputs.put("lambda_min_residual", spectrum.lambdaMinResidual());
        inputs.put("lambda_max", spectrum.lambdaMax());
        inputs.put("lambda_min_at_10x_step", stepCheck);
        inputs.put("hvp_step", config.finiteDifferenceStep());
        inputs.put("lissa_error_budget", config.lissaErrorBudget());
        inputs.put("epsilon", config.epsilon());
        inputs.put("delta", config.delta());
        inputs.put("s1", lc.repetitions());
        inputs.put("s2", lc.depth());
        inputs.put("H", lc.scale());
        inputs.put("b", lc.batchSize());
        inputs.put("n_u", forget.length);
        inputs.put("n_r", newRetain.length);
        inputs.put("norm_w", wNorm);
        Map<String, Object> outputs = new LinkedHashMap<>();

        // Theorem 3.4 uses ‖w − w~*‖ ≤ 2C with w~* ∈ B(C). A later chain point w~_{k−1} may leave B(C)
        // (the Newton step from a boundary point points outward); then ‖w − w~*‖ ≤ C + ‖w‖ ≤ 2‖w‖ and
        // the bound is evaluated with radius C_k = ‖w‖ instead (conservative).
        double cEff = Math.max(effectiveRadius(config.normBound()), wNorm);
        inputs.put("C_effective", cEff);
        NewtonAccountant.ErrorBound bound = NewtonAccountant.errorBound(cEff, config.hessianLipschitz(), gamma, lambdaMin);
        if (!bound.valid()) {
            return refuse(k, forget, newRetain, String.format(Locale.ROOT, "lambda + lambda_min = %.4g + %.4g <= 0: the "
                            + "local convex approximation has no error bound (Theorem 3.4); increase lambda above %.4g",
                    gamma, lambdaMin, -lambdaMin), inputs, outputs, gradientUsed, spectrum, null, newtonNanos,
                    newtonExamples, certNanos, certExamples);
        }
        double lambdaMaxA = spectrum.lambdaMaxUpper() + gamma;
        outputs.put("lambda_max_regularised", lambdaMaxA);
        if (!(lc.scale() > lambdaMaxA / 2)) {
            return refuse(k, forget, newRetain, String.format(Locale.ROOT, "LiSSA scale H = %s is too small for the "
                            + "largest eigenvalue %.4g of the regularised Hessian (needs H > %.4g); the recursion "
                            + "would diverge", lc.scale(), lambdaMaxA, lambdaMaxA / 2), inputs, outputs, gradientUsed,
                    spectrum, null, newtonNanos, newtonExamples, certNanos, certExamples);
        }

        // --- LiSSA (§9.2)
        long t2 = System.nanoTime();
        long e2 = f.examplesEvaluated();
        double gNorm = Vectors.norm(g);
        LissaConfig run = lc.withDivergenceNormLimit(
                DIVERGENCE_MARGIN * lc.scale() * Math.max(gNorm, Double.MIN_NORMAL) / (gamma + lambdaMin));
        long total = (long) lc.repetitions() * lc.depth();
        LissaResult lissa = LissaSolver.solve(
                HessianSampler.miniBatch(f, w, newRetain, lc.batchSize(), wd + gamma, config.finiteDifferenceStep()),
                g, run, cancel, (rep, depth, rel) -> {
                    if (depth % 50 == 0) {
                        p.update(k, Phase.LISSA, ((double) rep * lc.depth() + depth) / total);
                    }
                });
        newtonNanos += System.nanoTime() - t2;
        newtonExamples += f.examplesEvaluated() - e2;
        outputs.put("lissa_recursion_residual", lissa.recursionResidual());
        if (lissa.diverged()) {
            return refuse(k, forget, newRetain, lissa.divergenceReason(), inputs, outputs, gradientUsed, spectrum, lissa,
                    newtonNanos, newtonExamples, certNanos, certExamples);
        }
        double[] v = lissa.solution();
        double[] wTilde = Vectors.minus(w, v);

        // --- a-posteriori LiSSA error: ‖v − H_λ⁻¹g‖ ≤ ‖H_λ v − g‖ / (λ + λ_min)
        long t3 = System.nanoTime();
        long e3 = f.examplesEvaluated();
        p.update(k, Phase.RESIDUAL, 0);
        double[] hv = new FiniteDifferenceHvp(f, w, newRetain, wd + gamma, config.finiteDifferenceStep()).apply(v);
        double residualNorm = Vectors.distance(hv, g);
        double fullResidual = residualNorm / Math.max(gNorm, Double.MIN_NORMAL);
        double lissaError = residualNorm / (gamma + lambdaMin);
        certNanos += System.nanoTime() - t3;
        certExamples += f.examplesEvaluated() - e3;

        // --- σ from Δ (the calculator the window shows; exact Gaussian calibration)
        NewtonParams measured = NewtonParams.theorem34(config.epsilon(), config.delta(), cEff,
                config.hessianLipschitz(), gamma, lambdaMin, config.lissaErrorBudget());
        Calculation calc = accountant.plan(measured);
        double sigma = calc.sigma();
        double deltaTotal = bound.delta() + config.lissaErrorBudget();
        outputs.put("Delta_N", bound.delta());
        outputs.put("Delta", deltaTotal);
        outputs.put("sigma", sigma);
        outputs.put("sigma_classical", GaussianMechanism.classicalSigma(deltaTotal, config.epsilon(), config.delta()));
        outputs.put("lissa_full_residual", fullResidual);
        outputs.put("lissa_error_bound_measured", lissaError);
        outputs.put("dominant_term", dominantTerm(config, gamma));
        double neededSigma = GaussianMechanism.exactSigma(bound.delta() + lissaError, config.epsilon(), config.delta());
        outputs.put("sigma_needed_for_measured_lissa_error", neededSigma);

        // --- release w⁻ = w~ + N(0, σ²I), fresh noise
        long t4 = System.nanoTime();
        double[] released = wTilde.clone();
        for (int i = 0; i < released.length; i++) {
            released[i] += sigma * noise.nextGaussian();
        }
        newtonNanos += System.nanoTime() - t4;

        List<String> failures = new ArrayList<>();
        if (Double.isNaN(trainedRadius)) {
            failures.add("the norm constraint the original was trained under is unknown (Theorem 3.4 needs training "
                    + "projected onto |w| <= C)");
        } else if (!(trainedRadius <= config.normBound())) {
            failures.add(Double.isInfinite(trainedRadius)
                    ? "the original was trained without the norm constraint (no projection onto |w| <= C), so the "
                    + "retrained minimiser need not lie in the ball of Theorem 3.4; train it with --projection-radius"
                    : "the original was trained with projection radius " + trainedRadius + " > C = " + config.normBound());
        }
        if (Double.isFinite(stepCheck)
                && Math.abs(stepCheck - spectrum.lambdaMin()) > STEP_CHECK_TOLERANCE * (gamma + lambdaMin)) {
            failures.add(String.format(Locale.ROOT, "lambda_min is not stable under the finite-difference step "
                    + "(%.4g at h = %s, %.4g at 10h, more than 10 %% of lambda + lambda_min): ReLU kinks corrupt the "
                    + "Hessian-vector products at this point", spectrum.lambdaMin(), config.finiteDifferenceStep(),
                    stepCheck));
        }
        if (k == 1 && wNorm > effectiveRadius(config.normBound())) {
            failures.add(String.format(Locale.ROOT, "the original has norm %.7g > C = %s (%.7g with the float32 "
                    + "rounding allowance): it was not trained under this norm constraint", wNorm,
                    config.normBound(), effectiveRadius(config.normBound())));
        }
        if (lissaError > config.lissaErrorBudget()) {
            failures.add(String.format(Locale.ROOT, "the measured LiSSA error bound %.4g exceeds the budget Delta_LiSSA "
                    + "= %s (sigma %.4g would be needed); raise s2 or s1, lower H towards lambda_max, or raise the budget",
                    lissaError, config.lissaErrorBudget(), neededSigma));
        }
        String verified = String.format(Locale.ROOT, "sigma = %.6g derived from Delta = %.6g (Delta_N %.6g + "
                        + "Delta_LiSSA %s) at (epsilon, delta) = (%s, %s); radius used in the bound %.6g (|w| = %.6g, C = %s); "
                        + "LiSSA error bounded a posteriori by %.3g <= Delta_LiSSA (relative residual %.3g); "
                        + "lambda + lambda_min = %.4g > 0", sigma, deltaTotal, bound.delta(), config.lissaErrorBudget(),
                config.epsilon(), config.delta(), cEff, wNorm, config.normBound(), lissaError, fullResidual,
                gamma + lambdaMin);

        // --- measurements (§9.5): the release and the noise-free estimate (internal diagnostic)
        p.update(k, Phase.EVALUATION, 0);
        WorkbenchModel releasedModel = original.copy();
        ModelGradientFunction.setParams(releasedModel, released);
        WorkbenchModel noiseFree = original.copy();
        ModelGradientFunction.setParams(noiseFree, wTilde);
        double noiseFreeTest = test == null ? Double.NaN : noiseFree.evaluate(test, EVAL_BATCH).accuracy();
        double[] releasedParams = ModelGradientFunction.flatParams(releasedModel);

        // --- advance the noise-free chain
        chain = wTilde;
        retain = newRetain;
        for (int i : forget) {
            deleted[i] = true;
        }
        processed = k;
        return new NewtonRelease(k, forget.length, newRetain.length, releasedModel, noiseFree, measured, sigma,
                deltaTotal, failures, verified, inputs, outputs, assumptions(calc), warnings(k, calc), gradientUsed,
                spectrum, lissa, fullResidual, newtonNanos / 1e9, newtonExamples, certNanos / 1e9, certExamples,
                noiseFreeTest, Vectors.distance(releasedParams, wStar));
    }

    private NewtonRelease refuse(int k, int[] forget, int[] newRetain, String reason, Map<String, Object> inputs,
                                 Map<String, Object> outputs, String gradientUsed, SpectrumEstimate spectrum,
                                 LissaResult lissa, long newtonNanos, long newtonExamples, long certNanos,
                                 long certExamples) {
        stopReason = "request " + k + " refused: " + reason;
        processed = k;
        return new NewtonRelease(k, forget.length, newRetain.length, null, null, null, Double.NaN, Double.NaN,
                List.of("refused: " + reason), null, inputs, outputs, List.of(),
                List.of("Nothing was released and the data of request " + k + " is NOT unlearned; later requests of "
                        + "this timeline are refused."), gradientUsed, spectrum, lissa, Double.NaN, newtonNanos / 1e9,
                newtonExamples, certNanos / 1e9, certExamples, Double.NaN, Double.NaN);
    }

    private int[] validate(int[] forget, int k) {
        if (forget == null || forget.length == 0) {
            throw new IllegalArgumentException("deletion request " + k + " is empty");
        }
        boolean[] seen = new boolean[train.size()];
        for (int i : forget) {
            if (i < 0 || i >= train.size()) {
                throw new IllegalArgumentException("deletion request " + k + ": index " + i
                        + " is outside the training set [0, " + train.size() + ")");
            }
            if (deleted[i]) {
                throw new IllegalArgumentException("deletion request " + k + ": example " + i
                        + " was already deleted by an earlier request");
            }
            if (seen[i]) {
                throw new IllegalArgumentException("deletion request " + k + ": example " + i + " is listed twice");
            }
            seen[i] = true;
        }
        int[] next = Arrays.stream(retain).filter(i -> !seen[i]).toArray();
        if (next.length == 0) {
            throw new IllegalArgumentException("deletion request " + k + " would delete the whole retain set");
        }
        return next;
    }

    private int[] spectrumSubset(int[] newRetain, int k) {
        int m = config.spectrumSubsample();
        if (m == 0 || m >= newRetain.length) {
            return newRetain;
        }
        int[] copy = newRetain.clone();
        SplittableRandom rng = new SplittableRandom(config.lissa().seed() + 17L * k);
        for (int i = 0; i < m; i++) { // partial Fisher–Yates: m distinct examples
            int j = i + rng.nextInt(copy.length - i);
            int t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
        }
        return Arrays.copyOf(copy, m);
    }

    /**
     * C·(1 + 1e−5): a projection computed in float32 leaves ‖w‖ up to ~1e−6·C above C; the bound
     * is evaluated on this slightly larger ball so that it covers both w and the retrained minimiser.
     */
    static double effectiveRadius(double c) {
        return c * (1 + FLOAT32_ROUNDING_ALLOWANCE);
    }

    private static String dominantTerm(NewtonConfig c, double gamma) {
        double mc = c.hessianLipschitz() * c.normBound();
        return mc >= gamma ? "M*C (curvature change across the ball of radius C)" : "lambda (local convex approximation)";
    }

    private List<String> assumptions(Calculation calc) {
        List<String> a = new ArrayList<>();
        a.add("lambda_min is estimated by Lanczos on central-difference Hessian-vector products in float64 and "
                + "lowered by the Ritz residual; Lanczos can miss an isolated smaller eigenvalue, and lambda_min is "
                + "data-dependent while Theorem 3.4 treats it as a constant.");
        if (config.spectrumSubsample() > 0) {
            a.add("lambda_min was estimated on a subsample of " + config.spectrumSubsample()
                    + " retained examples, not on the whole retain set.");
        }
        a.add("M = " + config.hessianLipschitz() + " is the user's statement of the Hessian's Lipschitz constant; "
                + "it is not verified.");
        a.add("The LiSSA error is bounded a posteriori by |H_lambda v - g| / (lambda + lambda_min) on the whole "
                + "retain set and must not exceed Delta_LiSSA = " + config.lissaErrorBudget() + ".");
        return a;
    }

    private static List<String> warnings(int k, Calculation calc) {
        List<String> w = new ArrayList<>(calc.warnings());
        w.remove(NewtonMethod.COMPOSITION_WARNING);
        w.add(k == 1 ? "Each further release from this deletion timeline comes from a correlated noise-free estimate; "
                + "the guarantees of several releases compose (an observer of k releases may gain up to k times epsilon)."
                : "This is release " + k + " of one deletion timeline: the releases come from correlated noise-free "
                + "estimates, so their guarantees compose (up to " + k + " times epsilon and delta for an observer "
                + "of all of them).");
        return w;
    }
}
