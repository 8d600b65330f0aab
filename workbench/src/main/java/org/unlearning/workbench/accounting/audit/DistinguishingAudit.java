package org.unlearning.workbench.accounting.audit;

import org.unlearning.workbench.accounting.Require;

import java.util.Arrays;

/**
 * The distinguishing audit over many runs (theory.md §15.2): R releases per world, each scored by
 * a statistic of the canary (higher = "was trained", W1). The runs of each world are split by
 * position: the first ⌊R/2⌋ choose the threshold τ, the rest are counted,
 * {@code TP = #{W1: s ≥ τ}}, {@code FP = #{W0: s ≥ τ}}. With one-sided Clopper–Pearson bounds at
 * confidence {@code 1 − α/2} each (α split between the two proportions),
 * <pre>
 *   ε̂ = max( ln((TPR_lo − δ_a) / FPR_hi),  ln((1 − FPR_hi − δ_a) / (1 − TPR_lo)),  0 )
 * </pre>
 * is a lower bound on the ε of any (ε, δ_a) guarantee of the audited pair, at confidence 1 − α.
 * A term whose numerator is ≤ 0 contributes nothing.
 */
public final class DistinguishingAudit {

    /** The counted evidence and what it proves. */
    public record Evidence(int truePositives, int positives, int falsePositives, int negatives,
                           double tprLower, double fprUpper, double alpha, double deltaAudit, double epsilonHat) {
        public double confidence() { return 1 - alpha; }
    }

    /**
     * A full audit.
     *
     * @param threshold          τ, chosen on the selection half
     * @param evidence           counts on the other half and ε̂ with its bounds
     * @param selectionW1        W1 runs used to choose τ
     * @param selectionW0        W0 runs used to choose τ
     * @param runsW1             W1 runs in all (R)
     * @param runsW0             W0 runs in all
     * @param perfectSeparation  the ε̂ these counts give when the attack separates the counted
     *                           halves perfectly: no audit of this size can show more
     * @param roughCeiling       ln(R/3) with R = min(runsW1, runsW0): "ε̂ cannot exceed about ln(R/3)"
     */
    public record Result(double threshold, Evidence evidence, int selectionW1, int selectionW0,
                         int runsW1, int runsW0, double perfectSeparation, double roughCeiling) {
        public double epsilonHat() { return evidence.epsilonHat(); }
        public double confidence() { return evidence.confidence(); }

        /** One line for a report. */
        public String describe() {
            return String.format(java.util.Locale.ROOT,
                    "ε̂ = %.4g at %.0f%% confidence (TP %d/%d, FP %d/%d, TPR ≥ %.4g, FPR ≤ %.4g, τ = %.6g, δ_a = %.3g); "
                            + "with R = %d/%d runs per world ε̂ cannot exceed %.3g (about ln(R/3) = %.3g)",
                    epsilonHat(), 100 * confidence(), evidence.truePositives(), evidence.positives(),
                    evidence.falsePositives(), evidence.negatives(), evidence.tprLower(), evidence.fprUpper(),
                    threshold, evidence.deltaAudit(), runsW1, runsW0, perfectSeparation, roughCeiling);
        }
    }

    private DistinguishingAudit() {}

    /**
     * ε̂ from counts: TP of {@code positives} W1 releases and FP of {@code negatives} W0 releases at
     * or above the threshold, α split equally between the two Clopper–Pearson bounds.
     */
    public static Evidence evidence(int truePositives, int positives, int falsePositives, int negatives,
                                    double alpha, double deltaAudit) {
        Require.probability("alpha", alpha);
        checkDelta(deltaAudit);
        double side = 1 - alpha / 2;
        double tprLo = ClopperPearson.lower(truePositives, positives, side);
        double fprHi = ClopperPearson.upper(falsePositives, negatives, side);
        double eps = 0;
        if (tprLo - deltaAudit > 0) {
            eps = Math.max(eps, Math.log(tprLo - deltaAudit) - Math.log(fprHi));
        }
        double complement = 1 - fprHi - deltaAudit;
        if (complement > 0) {
            // 1 − TPR_lo > 0 always: the lower bound of a proportion is < 1
            eps = Math.max(eps, Math.log(complement) - Math.log1p(-tprLo));
        }
        return new Evidence(truePositives, positives, falsePositives, negatives, tprLo, fprHi, alpha, deltaAudit, eps);
    }

    /**
     * The threshold that maximises ε̂ on the given (selection) scores, ties broken by the larger
     * TPR − FPR, then by the lower threshold. Candidates are the midpoints between consecutive
     * distinct pooled scores (a midpoint generalises to unseen runs better than a score itself),
     * or the single score when all are equal.
     */
    public static double chooseThreshold(double[] w1, double[] w0, double alpha, double deltaAudit) {
        checkScores(w1, "W1");
        checkScores(w0, "W0");
        double[] pooled = new double[w1.length + w0.length];
        System.arraycopy(w1, 0, pooled, 0, w1.length);
        System.arraycopy(w0, 0, pooled, w1.length, w0.length);
        double[] distinct = Arrays.stream(pooled).sorted().distinct().toArray();
        if (distinct.length == 1) {
            return distinct[0];
        }
        double[] a = w1.clone();
        double[] b = w0.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        double best = Double.NaN;
        double bestEps = -1;
        double bestJ = Double.NEGATIVE_INFINITY;
        for (int i = 0; i + 1 < distinct.length; i++) {
            double tau = 0.5 * (distinct[i] + distinct[i + 1]);
            int tp = countAtLeast(a, tau);
            int fp = countAtLeast(b, tau);
            double eps = evidence(tp, a.length, fp, b.length, alpha, deltaAudit).epsilonHat();
            double j = (double) tp / a.length - (double) fp / b.length;
            if (eps > bestEps || (eps == bestEps && j > bestJ)) {
                best = tau;
                bestEps = eps;
                bestJ = j;
            }
        }
        return best;
    }

    /**
     * The whole audit: τ from the first ⌊R/2⌋ runs of each world, ε̂ from the rest (each world needs
     * at least two runs). Scores must be finite.
     */
    public static Result run(double[] w1, double[] w0, double alpha, double deltaAudit) {
        checkScores(w1, "W1");
        checkScores(w0, "W0");
        if (w1.length < 2 || w0.length < 2) {
            throw new IllegalArgumentException("the distinguishing audit needs at least 2 runs per world (one half "
                    + "chooses the threshold, the other counts); got " + w1.length + " W1 and " + w0.length + " W0 runs");
        }
        int s1 = w1.length / 2;
        int s0 = w0.length / 2;
        double tau = chooseThreshold(Arrays.copyOf(w1, s1), Arrays.copyOf(w0, s0), alpha, deltaAudit);
        double[] c1 = Arrays.copyOfRange(w1, s1, w1.length);
        double[] c0 = Arrays.copyOfRange(w0, s0, w0.length);
        Evidence ev = evidence(count(c1, tau), c1.length, count(c0, tau), c0.length, alpha, deltaAudit);
        double perfect = evidence(c1.length, c1.length, 0, c0.length, alpha, deltaAudit).epsilonHat();
        double rough = Math.log(Math.min(w1.length, w0.length) / 3.0);
        return new Result(tau, ev, s1, s0, w1.length, w0.length, perfect, rough);
    }

    private static int count(double[] scores, double tau) {
        int c = 0;
        for (double s : scores) {
            if (s >= tau) {
                c++;
            }
        }
        return c;
    }

    /** Number of entries ≥ tau in an ascending array. */
    private static int countAtLeast(double[] sorted, double tau) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < tau) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return sorted.length - lo;
    }

    static void checkDelta(double delta) {
        if (!(delta >= 0 && delta < 1)) {
            throw new IllegalArgumentException("audited delta must be in [0, 1) (got " + delta + ")");
        }
    }

    private static void checkScores(double[] s, String world) {
        if (s.length == 0) {
            throw new IllegalArgumentException("no " + world + " scores");
        }
        for (int i = 0; i < s.length; i++) {
            if (!Double.isFinite(s[i])) {
                throw new IllegalArgumentException(world + " score " + i + " is not a finite number (" + s[i] + ")");
            }
        }
    }
}
