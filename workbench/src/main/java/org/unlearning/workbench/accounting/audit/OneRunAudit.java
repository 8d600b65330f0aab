package org.unlearning.workbench.accounting.audit;

import org.apache.commons.math3.special.Gamma;
import org.unlearning.workbench.accounting.Require;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The one-run audit with many canaries (theory.md §15.3), after Steinke, Nasr and Jagielski,
 * "Privacy Auditing with One (1) Training Run", NeurIPS 2023 (arXiv:2305.08846). Each of m canaries
 * is in W1 (trained on, then forgotten) or W0 (absent) with probability ½; after one original
 * training and one unlearning every canary is scored, the auditor guesses W1 for the k₊ highest
 * scores and W0 for the k₋ lowest and abstains on the rest; v of the r = k₊ + k₋ guesses are right.
 * <p>
 * If the release is (ε, δ)-DP in each canary, the paper's Theorem 5.2 in its ternary-guess form
 * (Corollary 5.4, the form it uses for all its experiments) bounds
 * <pre>
 *   P[W ≥ v] ≤ f(v) + 2mδ · max_{i = 1..v} (f(v − i) − f(v)) / i,   f(u) = P[Binomial(r, e^ε/(1+e^ε)) ≥ u]
 * </pre>
 * (f(u) = 1 for u ≤ 0, so shifts i > v add nothing). With δ = 0 this is the binomial bound of
 * §15.3. The right-hand side is the p-value of the hypothesis "the release is (ε, δ)-DP"; ε̂ is the
 * largest ε that it rejects at level α, found by bracketing and bisection to 1e-12 and reported
 * at the conservative end of the bracket.
 */
public final class OneRunAudit {
    private static final double EPS_TOLERANCE = 1e-12;
    private static final double EPS_CAP = 1e4;

    /** The guesses made from one run's canary scores. */
    public record Guesses(int guesses, int correct) {}

    /**
     * One audit.
     *
     * @param canaries     m
     * @param guesses      r = k₊ + k₋ (fewer if there are not enough canaries)
     * @param correct      v
     * @param epsilonHat   the lower bound on ε at {@code confidence}
     * @param ceiling      ε̂ if all r guesses had been right: no audit of this size shows more
     */
    public record Result(int canaries, int kPlus, int kMinus, int guesses, int correct, double delta,
                         double alpha, double epsilonHat, double ceiling) {
        public double confidence() { return 1 - alpha; }

        public String describe() {
            return String.format(java.util.Locale.ROOT,
                    "ε̂ = %.4g at %.0f%% confidence (one run, m = %d canaries, %d of %d guesses right: top %d / bottom %d, "
                            + "δ = %.3g); %d guesses can show at most ε̂ = %.3g",
                    epsilonHat, 100 * confidence(), canaries, correct, guesses, kPlus, kMinus, delta, guesses, ceiling);
        }
    }

    private OneRunAudit() {}

    /**
     * The paper's p-value: an upper bound on the probability of {@code v} or more correct guesses
     * out of {@code r} when each of the {@code m} canaries has an (ε, δ) guarantee (capped at 1).
     */
    public static double pValue(int m, int r, int v, double epsilon, double delta) {
        checkCounts(m, r, v);
        Require.nonNegative("epsilon", epsilon);
        DistinguishingAudit.checkDelta(delta);
        if (v == 0) {
            return 1;
        }
        double[] pmf = binomialPmf(r, epsilon);
        // f(v) = Σ_{k ≥ v} pmf(k), summed from the small end of the tail
        double tail = 0;
        for (int k = r; k >= v; k--) {
            tail += pmf[k];
        }
        double p = tail;
        if (delta > 0) {
            // (f(v − i) − f(v)) / i = Σ_{k = v−i}^{v−1} pmf(k) / i, i = 1..v
            double alphaTerm = 0;
            double band = 0;
            for (int i = 1; i <= v; i++) {
                band += pmf[v - i];
                alphaTerm = Math.max(alphaTerm, band / i);
            }
            p += alphaTerm * 2.0 * m * delta;
        }
        return Math.min(p, 1);
    }

    /**
     * ε̂: the largest ε whose (ε, δ) guarantee the observed {@code v} of {@code r} correct guesses
     * rejects at level {@code alpha} (0 if even ε = 0 is not rejected).
     */
    public static double epsilonLowerBound(int m, int r, int v, double delta, double alpha) {
        checkCounts(m, r, v);
        Require.probability("alpha", alpha);
        DistinguishingAudit.checkDelta(delta);
        if (!(pValue(m, r, v, 0, delta) < alpha)) {
            return 0;
        }
        double lo = 0;   // invariant: p(lo) < alpha
        double hi = 1;   // invariant: p(hi) ≥ alpha
        while (pValue(m, r, v, hi, delta) < alpha) {
            lo = hi;
            hi *= 2;
            if (hi > EPS_CAP) {
                // only when every guess is right and the bound never saturates: report the cap
                return lo;
            }
        }
        while (hi - lo > EPS_TOLERANCE * Math.max(1, hi)) {
            double mid = 0.5 * (lo + hi);
            if (pValue(m, r, v, mid, delta) < alpha) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Guesses from scores: W1 for the {@code kPlus} highest, W0 for the {@code kMinus} lowest,
     * abstain on the rest; ties are ordered by canary index (which is independent of the worlds).
     */
    public static Guesses guess(double[] scores, boolean[] inW1, int kPlus, int kMinus) {
        if (scores.length != inW1.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + inW1.length + " world labels");
        }
        Require.atLeast("k+", kPlus, 0);
        Require.atLeast("k-", kMinus, 0);
        if ((long) kPlus + kMinus > scores.length) {
            throw new IllegalArgumentException("k+ + k- = " + ((long) kPlus + kMinus) + " guesses exceed the "
                    + scores.length + " canaries");
        }
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("canary score " + i + " is NaN");
            }
        }
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> scores[i]).thenComparingInt(i -> i));
        int correct = 0;
        for (int j = 0; j < kMinus; j++) {
            if (!inW1[order[j]]) {
                correct++;
            }
        }
        for (int j = scores.length - kPlus; j < scores.length; j++) {
            if (inW1[order[j]]) {
                correct++;
            }
        }
        return new Guesses(kPlus + kMinus, correct);
    }

    /** Guess from the scores, then bound ε (theory.md §15.3). */
    public static Result audit(double[] scores, boolean[] inW1, int kPlus, int kMinus, double delta, double alpha) {
        Guesses g = guess(scores, inW1, kPlus, kMinus);
        int m = scores.length;
        double eps = epsilonLowerBound(m, g.guesses(), g.correct(), delta, alpha);
        double ceiling = epsilonLowerBound(m, g.guesses(), g.guesses(), delta, alpha);
        return new Result(m, kPlus, kMinus, g.guesses(), g.correct(), delta, alpha, eps, ceiling);
    }

    /** pmf of Binomial(r, e^ε/(1+e^ε)) for k = 0..r, from log-gamma in log space. */
    private static double[] binomialPmf(int r, double epsilon) {
        double logQ = -Math.log1p(Math.exp(-epsilon));             // ln(e^ε/(1+e^ε))
        double log1mQ = -epsilon - Math.log1p(Math.exp(-epsilon)); // ln(1/(1+e^ε))
        double logRFact = Gamma.logGamma(r + 1.0);
        double[] pmf = new double[r + 1];
        for (int k = 0; k <= r; k++) {
            pmf[k] = Math.exp(logRFact - Gamma.logGamma(k + 1.0) - Gamma.logGamma(r - k + 1.0)
                    + k * logQ + (r - k) * log1mQ);
        }
        return pmf;
    }

    private static void checkCounts(int m, int r, int v) {
        Require.atLeast("canaries m", m, 1);
        if (r < 0 || r > m) {
            throw new IllegalArgumentException("guesses r must be in [0, m] = [0, " + m + "] (got " + r + ")");
        }
        if (v < 0 || v > r) {
            throw new IllegalArgumentException("correct guesses v must be in [0, r] = [0, " + r + "] (got " + v + ")");
        }
    }
}
