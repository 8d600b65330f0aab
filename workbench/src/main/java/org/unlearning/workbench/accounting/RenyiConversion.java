package org.unlearning.workbench.accounting;

/**
 * Rényi-DP → (ε, δ) conversions of theory.md §3.
 * <ul>
 * <li>(C1) {@link #legacyAuthorsEpsilon}: the authors' code conversion that forgets the factor α
 *     ("legacy (authors') ε", discrepancy A-1) — reproduction only, never the certified figure;</li>
 * <li>(C2) {@link #improved}: the correct conversion for a linear curve α·ρ_R (workbench default);</li>
 * <li>(C3) {@link #classic}: Mironov's closed form (valid, looser);</li>
 * <li>inverses {@link #maxRhoImproved} and {@link #maxRhoClassic};</li>
 * <li>(C4) {@link #curve}: the dp_accounting conversion of an arbitrary RDP curve.</li>
 * </ul>
 */
public final class RenyiConversion {
    /** Order grids of the authors' code (§3 C1). */
    public enum LegacyGrid {
        /** numpy.linspace(1.001, 1000, 10000) in trainer.py. */
        TRAINER(1000.0, 10000),
        /** numpy.linspace(1.001, 100, 1000) in viz_accountants.py. */
        VIZ(100.0, 1000);

        private final double[] alphas;
        private final double[] lnAlpha;
        private final double[] invAm1;
        private final double[] lnRatio;

        LegacyGrid(double stop, int num) {
            alphas = new double[num];
            lnAlpha = new double[num];
            invAm1 = new double[num];
            lnRatio = new double[num];
            double start = 1.001;
            double step = (stop - start) / (num - 1);
            for (int k = 0; k < num; k++) {
                alphas[k] = k * step + start;
            }
            alphas[num - 1] = stop;
            for (int k = 0; k < num; k++) {
                double a = alphas[k];
                lnAlpha[k] = Math.log(a);
                invAm1[k] = a - 1;
                lnRatio[k] = Math.log((a - 1) / a);
            }
        }

        double[] alphas() {
            return alphas;
        }
    }

    private static final double U_MIN = -20, U_MAX = 40, U_STEP = 0.25; // coarser than §3's 0.05: f is unimodal in u (tested against a dense scan)
    private static final int U_POINTS = (int) Math.round((U_MAX - U_MIN) / U_STEP) + 1;
    private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

    private RenyiConversion() {}

    /**
     * (C1) authors' conversion: min over the grid of ε_R − (ln δ + ln α)/(α − 1) + ln((α − 1)/α),
     * with ε_R NOT multiplied by α. Only ever shown as "legacy (authors') ε".
     */
    public static ConversionResult legacyAuthorsEpsilon(double epsRenyi, double delta, LegacyGrid grid) {
        Require.nonNegative("eps_renyi", epsRenyi);
        Require.probability("delta", delta);
        double lnDelta = Math.log(delta);
        double best = Double.POSITIVE_INFINITY;
        int bestK = 0;
        double[] la = grid.lnAlpha, am1 = grid.invAm1, lr = grid.lnRatio;
        for (int k = 0; k < la.length; k++) {
            double e = epsRenyi - (lnDelta + la[k]) / am1[k] + lr[k];
            if (e < best) {
                best = e;
                bestK = k;
            }
        }
        return new ConversionResult(best, grid.alphas[bestK]);
    }

    /** f(α) of (C2) at α = 1 + e^u: α ρ + ln(1 − 1/α) − (ln δ + ln α)/(α − 1). */
    private static double f(double u, double rho, double lnDelta) {
        double am1 = Math.exp(u);
        double lnAlpha = Math.log1p(am1);
        return (1 + am1) * rho + (u - lnAlpha) - (lnDelta + lnAlpha) / am1;
    }

    /**
     * (C2) ε(ρ_R, δ) = max(0, inf_{α>1} α ρ_R + ln(1 − 1/α) − (ln δ + ln α)/(α − 1)):
     * grid in u = ln(α − 1) on [−20, 40] (wider than §3's [−20, 20] so that ε down to ~1e−12 keeps its optimal
     * order inside the grid) step 0.25, then golden-section refinement to |Δu| < 1e−13.
     */
    public static ConversionResult improved(double rho, double delta) {
        Require.nonNegative("rho_R", rho);
        Require.probability("delta", delta);
        if (rho == 0) {
            return new ConversionResult(0.0, 0.0);
        }
        double lnDelta = Math.log(delta);
        Optimum m = minimiseOverU(u -> f(u, rho, lnDelta));
        return new ConversionResult(Math.max(0.0, m.value()), 1 + Math.exp(m.u()));
    }

    /** (C3) Mironov 2017 Prop. 3: ε = ρ + 2 sqrt(ρ ln(1/δ)), attained at α* = 1 + sqrt(ln(1/δ)/ρ). */
    public static ConversionResult classic(double rho, double delta) {
        Require.nonNegative("rho_R", rho);
        Require.probability("delta", delta);
        double l = -Math.log(delta);
        if (rho == 0) {
            return new ConversionResult(0.0, 0.0);
        }
        return new ConversionResult(rho + 2 * Math.sqrt(rho * l), 1 + Math.sqrt(l / rho));
    }

    /**
     * Inverse of (C2): ρ_max(ε, δ) = max{ρ : ε(ρ, δ) ≤ ε}, by the calibration search to relative
     * 1e−13 from the exact dual ρ = sup_{α>1} (ε − g(α))/α with g(α) = ln(1 − 1/α) − (ln δ + ln α)/(α − 1)
     * (ε(ρ) ≤ ε iff some α has αρ + g(α) ≤ ε) as the starting point; the result converts to at most ε.
     */
    public static double maxRhoImproved(double eps, double delta) {
        Require.positive("epsilon", eps);
        Require.probability("delta", delta);
        double lnDelta = Math.log(delta);
        // maximise h by minimising −h (negation is exact, so the search is the same)
        double dual = Math.max(0.0, -minimiseOverU(u -> -h(u, eps, lnDelta)).value());
        return CalibrationSearch.largest(rho -> improved(rho, delta).epsilon() <= eps, dual, 1e-13)
                .orElseThrow(() -> new IllegalArgumentException("epsilon must be large enough for a positive Renyi "
                        + "coefficient at this delta (got " + eps + ")"));
    }

    /** Minimum of a function of u = ln(α − 1) and where it is attained. */
    private record Optimum(double u, double value) {}

    /**
     * Grid over u ∈ [U_MIN, U_MIN + (U_POINTS − 1)·U_STEP], then golden-section refinement around
     * the best grid point to |Δu| < 1e−13 (§3, C2); the grid point wins if refinement does not beat it.
     */
    private static Optimum minimiseOverU(java.util.function.DoubleUnaryOperator fn) {
        int best = 0;
        double bestVal = Double.POSITIVE_INFINITY;
        for (int i = 0; i < U_POINTS; i++) {
            double v = fn.applyAsDouble(U_MIN + i * U_STEP);
            if (v < bestVal) {
                bestVal = v;
                best = i;
            }
        }
        double lo = U_MIN + Math.max(0, best - 1) * U_STEP;
        double hi = U_MIN + Math.min(U_POINTS - 1, best + 1) * U_STEP;
        double x1 = hi - GOLDEN * (hi - lo), x2 = lo + GOLDEN * (hi - lo);
        double f1 = fn.applyAsDouble(x1), f2 = fn.applyAsDouble(x2);
        while (hi - lo > 1e-13) {
            if (f1 <= f2) {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - GOLDEN * (hi - lo);
                f1 = fn.applyAsDouble(x1);
            } else {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + GOLDEN * (hi - lo);
                f2 = fn.applyAsDouble(x2);
            }
        }
        double refined = Math.min(f1, f2);
        if (bestVal < refined) {
            return new Optimum(U_MIN + best * U_STEP, bestVal);
        }
        return new Optimum(f1 <= f2 ? x1 : x2, refined);
    }

    private static double h(double u, double eps, double lnDelta) {
        double am1 = Math.exp(u);
        double lnAlpha = Math.log1p(am1);
        double g = (u - lnAlpha) - (lnDelta + lnAlpha) / am1;
        return (eps - g) / (1 + am1);
    }

    /** Inverse of (C3): ρ_max = (sqrt(ln(1/δ) + ε) − sqrt(ln(1/δ)))². */
    public static double maxRhoClassic(double eps, double delta) {
        Require.positive("epsilon", eps);
        Require.probability("delta", delta);
        double l = -Math.log(delta);
        // (√(l+ε) − √l)² = ε² / (√(l+ε) + √l)², free of cancellation
        double s = Math.sqrt(l + eps) + Math.sqrt(l);
        return eps * eps / (s * s);
    }

    /**
     * (C4) dp_accounting's conversion of an RDP curve: per order a with total RDP r,
     * r &lt; 0 → 0; δ² + expm1(−r) &gt; 0 → 0; a &gt; 1.01 → r + log1p(−1/a) − ln(δ a)/(a − 1);
     * otherwise +∞. Returns max(0, min) and the minimising order; ε is +∞ (documented) only if
     * every order is unusable — callers turn that into "infeasible".
     */
    public static ConversionResult curve(double[] orders, double[] rdp, double delta) {
        Require.probability("delta", delta);
        if (orders.length != rdp.length || orders.length == 0) {
            throw new IllegalArgumentException("orders and rdp must have the same non-zero length");
        }
        double lnDelta = Math.log(delta);
        double best = Double.POSITIVE_INFINITY, bestAlpha = orders[0];
        for (int i = 0; i < orders.length; i++) {
            double a = orders[i], r = rdp[i];
            double e;
            if (r < 0) {
                e = 0;
            } else if (delta * delta + Math.expm1(-r) > 0) {
                e = 0;
            } else if (a > 1.01) {
                e = r + Math.log1p(-1 / a) - (lnDelta + Math.log(a)) / (a - 1);
            } else {
                e = Double.POSITIVE_INFINITY;
            }
            if (e < best) {
                best = e;
                bestAlpha = a;
            }
        }
        return new ConversionResult(Math.max(0.0, best), bestAlpha);
    }
}
