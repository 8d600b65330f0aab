package org.unlearning.workbench.accounting.audit;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The paper's own numbers: Steinke, Nasr, Jagielski, "Privacy Auditing with One (1) Training Run",
 * arXiv:2305.08846v1 (NeurIPS 2023). Appendix D (pp. 45–46) prints its reference computation with
 * worked values; §7 (p. 28, Figure 11) reports an audit of m = 100 000 canaries. The paper prints
 * three decimals (sometimes rounded, sometimes truncated), so the tolerance is one unit in the
 * third decimal: dropping δ, or writing r for m in 2mδ, moves these values by 0.03 or more.
 */
class OneRunAuditTest {
    private static final double PRINTED = 1e-3;

    @Test
    void appendixDPValue() {
        // App. D, p. 45: with m = r = 100 guesses, v = 75 right, the p-value of (ln 3, 0)-DP is 0.553
        // (e^ε/(1+e^ε) = 3/4: P[Binomial(100, 0.75) ≥ 75])
        assertEquals(0.553, OneRunAudit.pValue(100, 100, 75, Math.log(3), 0), PRINTED);
    }

    @Test
    void appendixDEpsilonLowerBounds() {
        // App. D, p. 45: m = r = 100, v = 75, δ = 0, 95 % → ε ≥ 0.702
        assertEquals(0.702, OneRunAudit.epsilonLowerBound(100, 100, 75, 0, 0.05), PRINTED);
        // App. D, p. 46: the same with δ = 1e-4 → ε ≥ 0.699
        assertEquals(0.699, OneRunAudit.epsilonLowerBound(100, 100, 75, 1e-4, 0.05), PRINTED);
        // App. D, p. 46: m = 1000 canaries, 900 abstentions (r = 100), v = 75, δ = 1e-4 → ε ≥ 0.673
        assertEquals(0.673, OneRunAudit.epsilonLowerBound(1000, 100, 75, 1e-4, 0.05), PRINTED);
    }

    @Test
    void section7Figure11Audit() {
        // §7, p. 28 (Figure 11): m = 100 000 canaries, r = 1510 guesses, v = 1439 right, δ = 1e-5,
        // 95 % → "ε ≥ 2.675" (here 2.67585; the paper truncates)
        double eps = OneRunAudit.epsilonLowerBound(100_000, 1510, 1439, 1e-5, 0.05);
        assertEquals(2.675, eps, PRINTED);
        // the δ-correction matters here (2mδ = 2): without it the bound would be 2.806
        assertTrue(OneRunAudit.epsilonLowerBound(100_000, 1510, 1439, 0, 0.05) > eps + 0.1);
    }

    @Test
    void allRightWithoutDeltaIsAClosedForm() {
        // δ = 0, v = r: p-value = q^r with q = e^ε/(1+e^ε); q^r = α ⇔ ε = −ln(α^(−1/r) − 1).
        // r = 16, α = 0.05: 0.05^(−1/16) = e^(2.995732/16) = e^0.1872333 = 1.205890, −ln(0.205890) = 1.580323
        assertEquals(1.580323, OneRunAudit.epsilonLowerBound(16, 16, 16, 0, 0.05), 1e-6);
        assertEquals(-Math.log(Math.pow(0.05, -1.0 / 16) - 1), OneRunAudit.epsilonLowerBound(16, 16, 16, 0, 0.05), 1e-10);
    }

    @Test
    void noEvidenceGivesZero() {
        assertEquals(0.0, OneRunAudit.epsilonLowerBound(100, 100, 0, 0, 0.05));    // none right
        assertEquals(0.0, OneRunAudit.epsilonLowerBound(100, 100, 50, 0, 0.05));   // a coin: p(0) = P[Bin(100,½) ≥ 50] > ½
        assertEquals(0.0, OneRunAudit.epsilonLowerBound(100, 0, 0, 1e-5, 0.05));   // all abstained
        assertEquals(0.0, OneRunAudit.epsilonLowerBound(4, 4, 4, 0, 0.05));        // R tiny: 0.5^4 = 0.0625 ≥ 0.05
        assertEquals(1.0, OneRunAudit.pValue(10, 5, 0, 3, 0));
    }

    @Test
    void guessesTopAndBottomScores() {
        // scores 0.9 (W1), 0.8 (W0), 0.5 (W1), 0.1 (W0), 0.2 (W1): top 2 → canaries 0, 1 guessed W1 (1 right);
        // bottom 2 → canaries 3, 4 guessed W0 (1 right, canary 4 is W1)
        double[] s = {0.9, 0.8, 0.5, 0.1, 0.2};
        boolean[] w1 = {true, false, true, false, true};
        OneRunAudit.Guesses g = OneRunAudit.guess(s, w1, 2, 2);
        assertEquals(4, g.guesses());
        assertEquals(2, g.correct());
        // ties go by index, never by world: equal scores, top 1 is the last index
        assertEquals(1, OneRunAudit.guess(new double[] {1, 1, 1}, new boolean[] {false, false, true}, 1, 0).correct());
        OneRunAudit.Result r = OneRunAudit.audit(s, w1, 2, 2, 0, 0.05);
        assertEquals(0.0, r.epsilonHat());
        assertEquals(5, r.canaries());
        assertTrue(r.describe().contains("2 of 4 guesses"), r.describe());
        assertThrows(IllegalArgumentException.class, () -> OneRunAudit.guess(s, w1, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> OneRunAudit.guess(s, new boolean[2], 1, 1));
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> OneRunAudit.pValue(10, 11, 5, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> OneRunAudit.pValue(10, 5, 6, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> OneRunAudit.pValue(10, 5, 3, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> OneRunAudit.epsilonLowerBound(10, 5, 3, 1, 0.05));
    }

    @Property(tries = 150)
    void moreCorrectGuessesNeverLowerEpsilon(@ForAll @IntRange(min = 1, max = 300) int r,
                                             @ForAll @IntRange(min = 0, max = 299) int v,
                                             @ForAll @IntRange(min = 0, max = 3) int deltaExp) {
        Assume.that(v < r);
        int m = 2 * r;
        double delta = deltaExp == 0 ? 0 : Math.pow(10, -3 * deltaExp);
        double e = OneRunAudit.epsilonLowerBound(m, r, v, delta, 0.05);
        double more = OneRunAudit.epsilonLowerBound(m, r, v + 1, delta, 0.05);
        assertTrue(e >= 0);
        assertTrue(more >= e, v + "→" + (v + 1) + ": " + e + " > " + more);
        // a larger δ is a weaker claim, harder to reject
        assertTrue(OneRunAudit.epsilonLowerBound(m, r, v + 1, delta + 1e-3, 0.05) <= more);
    }

    @Property(tries = 60)
    void allRightBoundTightensWithMoreGuesses(@ForAll @IntRange(min = 1, max = 400) int r) {
        assertTrue(OneRunAudit.epsilonLowerBound(r + 1, r + 1, r + 1, 0, 0.05)
                >= OneRunAudit.epsilonLowerBound(r, r, r, 0, 0.05));
    }
}
