package org.unlearning.workbench.engine.unlearn.newton;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * LiSSA estimate of A⁻¹g (§9.2, Prop. 3.5):
 * <pre>
 * for i = 1..s1:  h_0 = g;  for j = 1..s2:  h_j = g + h_{j−1} − A_{β_j} h_{j−1} / H;   r_i = h_{s2}/H
 * v = (1/s1) Σ r_i
 * </pre>
 * Converges to A⁻¹g iff {@code 0 < eig(A) < 2H}. Divergence is flagged when
 * <ul>
 *   <li>a value becomes non-finite, or ‖h_j‖ exceeds {@link LissaConfig#divergenceNormLimit()}
 *       (the run stops), or</li>
 *   <li>for a fixed symmetric operator, the increment ‖h_j − h_{j−1}‖ = ‖(I − A/H)^j g‖ grows:
 *       it cannot when the spectral radius of I − A/H is ≤ 1 (the run completes, as the
 *       reference recursion does).</li>
 * </ul>
 * Cancellation is checked before every Hessian-vector product.
 */
public final class LissaSolver {
    static final int TRACE_POINTS = 200;
    private static final double GROWTH_TOLERANCE = 1e-9;
    private static final double GROWTH_FLOOR = 1e-10;

    /** Per-step progress (repetition 0-based, depth 1-based, relative increment). */
    @FunctionalInterface
    public interface Listener {
        void step(int repetition, int depth, double relativeIncrement);
    }

    private LissaSolver() {}

    public static LissaResult solve(HessianSampler hessian, double[] g, LissaConfig config) {
        return solve(hessian, g, config, () -> false, null);
    }

    /**
     * @throws CancellationException when {@code cancelled} becomes true
     * @throws IllegalArgumentException when g has the wrong length or non-finite entries
     */
    public static LissaResult solve(HessianSampler hessian, double[] g, LissaConfig config,
                                    BooleanSupplier cancelled, Listener listener) {
        int d = hessian.dimension();
        Vectors.requireLength(g, d, "g");
        if (!Vectors.allFinite(g)) {
            throw new IllegalArgumentException("gradient g has non-finite entries");
        }
        int s1 = config.repetitions();
        int s2 = config.depth();
        double scale = config.scale();
        int[] traceDepths = traceDepths(s2);
        double[] trace = new double[traceDepths.length];
        double gNorm = Vectors.norm(g);
        if (gNorm == 0) {
            return new LissaResult(new double[d], false, null, 0, trace, traceDepths, 0, 0, 0);
        }
        SplittableRandom rng = new SplittableRandom(config.seed());
        int tailStart = s2 - Math.max(1, s2 / 10) + 1;
        double[][] estimates = new double[s1][];
        double tailSum = 0;
        long tailCount = 0;
        long products = 0;
        String reason = null;
        boolean hardStop = false;
        int done = 0;
        for (int i = 0; i < s1 && !hardStop; i++) {
            double[] h = g.clone();
            double previousIncrement = Double.POSITIVE_INFINITY;
            int tracePos = 0;
            for (int j = 1; j <= s2; j++) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("LiSSA cancelled at repetition " + (i + 1)
                            + ", depth " + j);
                }
                double[] ah = hessian.draw(rng).apply(h);
                products++;
                double incSq = 0;
                for (int k = 0; k < d; k++) {
                    double inc = g[k] - ah[k] / scale;
                    h[k] += inc;
                    incSq += inc * inc;
                }
                double increment = Math.sqrt(incSq);
                double rel = increment / gNorm;
                if (listener != null) {
                    listener.step(i, j, rel);
                }
                if (tracePos < traceDepths.length && traceDepths[tracePos] == j) {
                    trace[tracePos++] += rel / s1;
                }
                if (j >= tailStart) {
                    tailSum += rel;
                    tailCount++;
                }
                double hNorm = Vectors.norm(h);
                if (!Double.isFinite(hNorm) || !Double.isFinite(increment)) {
                    reason = "LiSSA produced non-finite values at repetition " + (i + 1) + ", depth " + j
                            + ": the scale H = " + scale + " is too small for the largest Hessian"
                            + " eigenvalue (needs H > λ_max/2) or the Hessian is indefinite";
                    hardStop = true;
                    break;
                }
                if (hNorm > config.divergenceNormLimit()) {
                    reason = String.format("LiSSA diverged at repetition %d, depth %d: ‖h‖ = %.4g exceeds"
                            + " the limit %.4g for a convergent recursion (scale H = %s too small for the"
                            + " largest Hessian eigenvalue, or λ + λ_min ≤ 0)", i + 1, j, hNorm,
                            config.divergenceNormLimit(), scale);
                    hardStop = true;
                    break;
                }
                if (hessian.deterministic() && reason == null
                        && increment > previousIncrement * (1 + GROWTH_TOLERANCE) + GROWTH_FLOOR * gNorm) {
                    reason = String.format("LiSSA diverges: the increment ‖h_j − h_{j−1}‖ grew at depth %d"
                            + " (spectral radius of I − A/H exceeds 1: the scale H = %s is below"
                            + " λ_max/2, or A is not positive definite)", j, scale);
                }
                previousIncrement = increment;
            }
            estimates[i] = h;
            Vectors.scale(1.0 / scale, h);
            done = i + 1;
        }
        double[] v = new double[d];
        for (int i = 0; i < done; i++) {
            Vectors.axpy(1.0 / done, estimates[i], v);
        }
        double spread = 0;
        double vNorm = Vectors.norm(v);
        if (done > 1 && vNorm > 0 && Double.isFinite(vNorm)) {
            for (int i = 0; i < done; i++) {
                spread += Vectors.distance(estimates[i], v) / vNorm / done;
            }
        }
        double residual = tailCount == 0 ? Double.NaN : tailSum / tailCount;
        if (reason != null && !Double.isFinite(residual)) {
            residual = Double.POSITIVE_INFINITY;
        }
        return new LissaResult(v, reason != null, reason, residual, trace, traceDepths, spread, products,
                products * hessian.examplesPerProduct());
    }

    private static int[] traceDepths(int s2) {
        int n = Math.min(TRACE_POINTS, s2);
        int[] depths = new int[n];
        for (int k = 0; k < n; k++) {
            depths[k] = (int) Math.round((double) (k + 1) * s2 / n);
        }
        return Arrays.stream(depths).distinct().toArray();
    }
}
