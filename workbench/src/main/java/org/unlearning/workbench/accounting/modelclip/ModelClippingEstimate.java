package org.unlearning.workbench.accounting.modelclip;

import java.util.Arrays;

/**
 * A fast, provisional evaluation of the §5.2 recursion δ_{t+1} = δ_t γ_t for the live calculator:
 * exact steps while ln δ_t moves by more than {@link #LEAP} per step, then leaps of k steps over
 * which ln γ barely changes, ln δ_{t+k} ≈ ln δ_t + k ln γ(δ at the leap's midpoint) (the midpoint
 * rule on the sum of k logarithms). Bounded work — about 2·|ln δ_target|/{@link #LEAP} evaluations
 * of γ, well under a millisecond — whatever T is. T and δ_T are estimates (typically within a
 * fraction of a percent): never a certificate. The window shows them as provisional until the
 * exact recursion ({@link ModelClippingAccountant#run}) has finished off the FX thread.
 */
public final class ModelClippingEstimate {
    /** Largest change of ln δ per leap. */
    static final double LEAP = 0.05;

    private ModelClippingEstimate() {}

    /**
     * Estimated walk of the recursion.
     *
     * @param feasible the target δ is estimated to be reached within the cap (or, for a fixed T, δ_T ≤ δ)
     * @param steps    estimated T (first t with δ_t ≤ δ), or the fixed T; null when infeasible
     * @param deltaT   estimated δ after the last step walked
     * @param t        the steps at which δ was evaluated (0 first), for the δ_t curve
     * @param deltas   δ at those steps
     * @param reason   why it is infeasible (null when feasible)
     */
    public record Estimate(boolean feasible, Long steps, double deltaT, double[] t, double[] deltas, String reason) {}

    /** Estimated T: the recursion until δ_t ≤ δ or max_steps (as {@link ModelClippingAccountant#run}). */
    public static Estimate run(ModelClippingAccountant.Setting s) {
        return walk(s, s.maxSteps(), true);
    }

    /** Estimated T with the cap {@code cap} instead of the setting's max_steps. */
    public static Estimate run(ModelClippingAccountant.Setting s, long cap) {
        return walk(s, cap, true);
    }

    /** Estimated δ after exactly {@code steps} noisy steps (as {@link ModelClippingAccountant#deltaAfter}). */
    public static Estimate after(ModelClippingAccountant.Setting s, long steps) {
        return walk(s, steps, false);
    }

    private static Estimate walk(ModelClippingAccountant.Setting s, long limit, boolean untilTarget) {
        double d = s.delta0();
        double logTarget = Math.log(s.delta());
        long t = 0;
        double[] ts = new double[64];
        double[] ds = new double[64];
        int n = 0;
        ts[n] = 0;
        ds[n++] = d;
        while (true) {
            if (untilTarget && d <= s.delta()) {
                return done(true, t, d, ts, ds, n, null);
            }
            if (t >= limit || d == 0) {
                if (untilTarget) {
                    return done(false, null, d, ts, ds, n, "delta_t is estimated to be still " + d + " > delta = "
                            + s.delta() + " after max_steps = " + limit + " noisy steps; increase sigma or decrease C2");
                }
                return done(d <= s.delta(), limit, d, ts, ds, n, null);
            }
            double gamma = s.gamma(t, d);
            double g = Math.log(gamma);
            long k = 1;
            if (t > 0 && g > -LEAP) {
                if (!(g < 0)) {
                    return done(false, null, d, ts, ds, n, "the contraction coefficient theta rounds to 1 at r = "
                            + s.r() + " (2*C2/sigma too large), so delta_t never decreases; increase sigma or decrease C2");
                }
                k = (long) Math.min(LEAP / -g, limit - t);
            }
            if (k <= 1) {
                d *= gamma;
                t++;
            } else {
                double y = Math.log(d);
                double gm = Math.log(s.gamma(t, Math.exp(y + 0.5 * (k - 1) * g)));
                if (!(gm < 0)) {
                    gm = g;
                }
                if (untilTarget && y + k * gm <= logTarget) {
                    k = Math.max(1, (long) Math.ceil((logTarget - y) / gm)); // first step at or below the target
                }
                d = Math.exp(y + k * gm);
                t += k;
            }
            if (n == ts.length) {
                ts = Arrays.copyOf(ts, 2 * n);
                ds = Arrays.copyOf(ds, 2 * n);
            }
            ts[n] = t;
            ds[n++] = d;
        }
    }

    private static Estimate done(boolean feasible, Long steps, double d, double[] ts, double[] ds, int n, String reason) {
        return new Estimate(feasible, steps, d, Arrays.copyOf(ts, n), Arrays.copyOf(ds, n), reason);
    }
}
