package org.unlearning.workbench.accounting.modelclip;

import org.unlearning.workbench.accounting.Require;
import org.unlearning.workbench.accounting.Numerics;

/**
 * Model clipping, Paper A eq. (4) (§5): δ_{t+1} = δ_t · θ_{ε̃(ε, δ_t)}(r) with ε fixed
 * (E_γ contraction, Asoodeh et al. 2020).
 */
public final class ModelClippingAccountant {
    /** Reference cap on the number of noisy steps (§5.2). */
    public static final long DEFAULT_MAX_STEPS = 1_000_000L;

    private ModelClippingAccountant() {}

    /**
     * Setting of the recursion.
     *
     * @param epsilon         target ε &gt; 0
     * @param delta           target δ in (0, 1)
     * @param sigma           per-step noise std &gt; 0
     * @param c2              model clip radius &gt; 0
     * @param variant         noise placement
     * @param c1              gradient clip (before_projection only; else ignored, may be 0)
     * @param eta             learning rate (before_projection only)
     * @param c0              initial clip radius (≥ 0; used for σ0 &gt; 0 and the strict first step)
     * @param sigma0          initial noise std (0 = none → δ_0 = 1)
     * @param maxSteps        cap → infeasible
     * @param strictFirstStep before_projection: first step uses r = 2(max(C0, C2) + ηC1)/σ
     */
    public record Setting(double epsilon, double delta, double sigma, double c2, ModelClippingVariant variant,
                          double c1, double eta, double c0, double sigma0, long maxSteps,
                          boolean strictFirstStep) {
        public Setting {
            Require.positive("epsilon", epsilon);
            Require.probability("delta", delta);
            Require.positive("sigma", sigma);
            Require.positive("C2", c2);
            if (variant == null) {
                variant = ModelClippingVariant.AFTER_PROJECTION;
            }
            Require.nonNegative("C0", c0);
            Require.nonNegative("sigma0", sigma0);
            Require.atLeast("max_steps", maxSteps, 1);
            if (variant == ModelClippingVariant.BEFORE_PROJECTION) {
                Require.nonNegative("C1", c1);
                Require.nonNegative("eta", eta);
            }
            double rr = variant == ModelClippingVariant.AFTER_PROJECTION ? 2 * c2 / sigma
                    : 2 * (Math.max(c0, c2) + eta * c1) / sigma;
            if (!Double.isFinite(rr)) {
                throw new IllegalArgumentException("sigma must be large enough that 2*C2/sigma is finite (got sigma = "
                        + sigma + ", C2 = " + c2 + ")");
            }
            if (sigma0 > 0 && !Double.isFinite(2 * c0 / sigma0)) {
                throw new IllegalArgumentException("sigma0 must be large enough that 2*C0/sigma0 is finite (got sigma0 = "
                        + sigma0 + ")");
            }
        }

        /** After-projection default setting (paper's experiments). */
        public static Setting of(double epsilon, double delta, double sigma, double c2) {
            return new Setting(epsilon, delta, sigma, c2, ModelClippingVariant.AFTER_PROJECTION, 0, 0, 0, 0,
                    DEFAULT_MAX_STEPS, true);
        }

        /** r for steps t ≥ 1 (and t = 0 unless strict). */
        public double r() {
            return variant == ModelClippingVariant.AFTER_PROJECTION ? 2 * c2 / sigma : 2 * (c2 + eta * c1) / sigma;
        }

        /**
         * r for the first step: the strict value 2(max(C0, C2) + ηC1)/σ, or +∞ when the first
         * input is unbounded (A-13, see {@link #firstStepUnbounded()}).
         */
        public double rFirst() {
            if (firstStepUnbounded()) {
                return Double.POSITIVE_INFINITY;
            }
            if (variant == ModelClippingVariant.BEFORE_PROJECTION && strictFirstStep) {
                return 2 * (Math.max(c0, c2) + eta * c1) / sigma;
            }
            return r();
        }

        /**
         * noise before projection with σ0 &gt; 0 and the strict first step — x_0 = Π_{C0}(x̂) + ξ_0
         * is unbounded, so the first kernel contracts nothing (γ_0 = 1, δ_1 = δ_0).
         */
        public boolean firstStepUnbounded() {
            return variant == ModelClippingVariant.BEFORE_PROJECTION && strictFirstStep && sigma0 > 0;
        }

        /** Whether the first step is accounted differently from the later ones. */
        public boolean firstStepSpecial() {
            return rFirst() != r();
        }

        /** γ_t = θ_{ε̃(ε, δ_t)}(r_t) of noisy step t from δ_t (§5.2); 1 for an unbounded first step. */
        public double gamma(long t, double deltaT) {
            if (t == 0 && firstStepUnbounded()) {
                return 1.0;
            }
            return Numerics.theta(Numerics.epsTilde(epsilon, deltaT), t == 0 ? rFirst() : r());
        }

        /** δ_{t+1} = δ_t γ_t: the one step of the recursion, shared by the plan, the ledger and {@link #deltaAfter}. */
        public double next(long t, double deltaT) {
            return deltaT == 0 ? 0 : deltaT * gamma(t, deltaT);
        }

        /** δ_0 = θ_ε(2 C0/σ0) if σ0 &gt; 0 else 1. */
        public double delta0() {
            return sigma0 > 0 ? Numerics.theta(epsilon, 2 * c0 / sigma0) : 1.0;
        }
    }

    /** Runs the recursion until δ_t ≤ δ or max_steps (§5.2). */
    public static ModelClippingRun run(Setting s) {
        return run(s, false);
    }

    /**
     * Runs the recursion; with {@code keepTrace} the result carries δ_t for t = 0..T (or up to the
     * cap). A fixed point (δ_{t+1} = δ_t, e.g. θ rounds to 1) is reported as infeasible at once,
     * since the recursion can then never progress.
     */
    public static ModelClippingRun run(Setting s, boolean keepTrace) {
        double d = s.delta0();
        double r = s.r();
        double[] trace = keepTrace ? new double[16] : null;
        int len = 0;
        if (keepTrace) {
            trace[len++] = d;
        }
        Double gamma1 = null;
        long t = 0;
        while (true) {
            if (d <= s.delta()) {
                return new ModelClippingRun(true, t, s.delta0(), d, gamma1, null,
                        keepTrace ? java.util.Arrays.copyOf(trace, len) : null);
            }
            if (t >= s.maxSteps()) {
                return infeasible(s, d, trace, len, "delta_t is still " + d + " > delta = " + s.delta()
                        + " after max_steps = " + s.maxSteps() + " noisy steps; increase sigma or decrease C2");
            }
            checkCancelled(t);
            double gamma = s.gamma(t, d);
            double next = d * gamma;
            if (t == 0) {
                gamma1 = gamma;
            }
            if (next >= d && (t > 0 || !s.firstStepSpecial())) {
                return infeasible(s, d, trace, len, "the contraction coefficient theta rounds to 1 at r = "
                        + r + " (2*C2/sigma too large), so delta_t never decreases; increase sigma or decrease C2");
            }
            d = next;
            t++;
            if (keepTrace) {
                if (len == trace.length) {
                    trace = java.util.Arrays.copyOf(trace, Math.min(Integer.MAX_VALUE - 8, 2 * len));
                }
                trace[len++] = d;
            }
        }
    }

    private static ModelClippingRun infeasible(Setting s, double d, double[] trace, int len, String reason) {
        return new ModelClippingRun(false, null, s.delta0(), d, null, reason,
                trace != null ? java.util.Arrays.copyOf(trace, len) : null);
    }

    /** δ after exactly {@code steps} noisy steps (user-fixed T). */
    public static double deltaAfter(Setting s, long steps) {
        Require.atLeast("T", steps, 0);
        double d = s.delta0();
        for (long t = 0; t < steps && d > 0; t++) {
            checkCancelled(t);
            double next = s.next(t, d);
            if (next >= d && t > 0) {
                break; // fixed point: further steps change nothing
            }
            d = next;
        }
        return d;
    }

    /**
     * Long walks stop when their thread is interrupted (the live calculator cancels a stale exact
     * computation this way); checked every 4,096 steps, so the walk's cost is unchanged.
     */
    private static void checkCancelled(long t) {
        if ((t & 0xFFF) == 0xFFF && Thread.currentThread().isInterrupted()) {
            throw new java.util.concurrent.CancellationException("model-clipping recursion cancelled at step " + t);
        }
    }
}
