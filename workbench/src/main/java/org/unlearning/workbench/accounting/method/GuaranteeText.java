package org.unlearning.workbench.accounting.method;

import java.util.Locale;

/** Plain-language wording shared by every method: the guarantee statement and number formatting. */
public final class GuaranteeText {
    private GuaranteeText() {}

    /**
     * Distinguishing advantage bound of an (ε, δ) guarantee: an observer's (true − false positive)
     * rate is at most (e^ε − 1 + 2δ)/(e^ε + 1) (Kairouz et al. 2015).
     */
    public static double advantage(double eps, double delta) {
        double a = eps > 700 ? 1 : (Math.expm1(eps) + 2 * delta) / (Math.exp(eps) + 1);
        return Math.min(1, a);
    }

    /** The calculator's sentence for an (ε, δ) guarantee. */
    public static String statement(double eps, double delta) {
        double adv = advantage(eps, delta);
        return "An observer who sees the released model can tell whether your data was deleted with advantage at most "
                + fmt(adv) + " (guessing correctly with probability at most " + fmt((1 + adv) / 2)
                + "), from the guarantee (epsilon = " + fmt(eps) + ", delta = " + fmt(delta) + ")."
                + (adv > 0.9 ? " This is a weak guarantee." : "");
    }

    /** The calculator's sentence when nothing can be certified. */
    public static String noGuarantee(String reason) {
        return "No guarantee can be certified for this setting: " + reason + ".";
    }

    /**
     * A certificate's statement of (ε, δ)-unlearning of {@code forgotten} examples (theory.md §1), with the
     * observer's advantage.
     */
    public static String certificateStatement(double eps, double delta, int forgotten) {
        double advantage = (Math.exp(eps) - 1 + 2 * delta) / (Math.exp(eps) + 1); // total-variation bound of (ε, δ)
        return String.format(Locale.ROOT,
                "(ε, δ) = (%.4g, %.3g)-unlearning of %d examples: for every set of possible models, the probability "
                        + "that this procedure outputs a model in it is at most e^ε = %.4g times the probability "
                        + "for the same procedure run on data that never contained them, plus δ. An observer who "
                        + "sees the released model and tries to tell whether these examples were deleted or never "
                        + "used has an advantage of at most %.3g (true-positive rate ≤ e^ε × false-positive rate + δ).",
                eps, delta, forgotten, Math.exp(eps), Math.min(1.0, advantage));
    }

    /** Four significant digits, scientific outside [1e−3, 1e6). */
    public static String fmt(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e6) {
            return String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }
}
