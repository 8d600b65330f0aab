package org.unlearning.workbench.accounting;

import java.util.OptionalDouble;
import java.util.function.DoublePredicate;
import java.util.function.DoubleUnaryOperator;

/**
 * The one calibration search of the accountants (dp_accounting's {@code calibrate_dp_mechanism}
 * idea): a mechanism parameter x &gt; 0 whose privacy loss is monotone in x, a target budget, and a
 * bisection that returns a value on the feasible side — the budget was evaluated as kept at the
 * returned value, so the guarantee holds there by construction, never by rounding luck.
 *
 * <p>One bisection serves every method. It halves a bracket [lo, hi] whose feasible end is known —
 * geometrically (on ln x, for parameters spanning decades) or arithmetically — and stops when the
 * bracket is narrower than the parameter tolerance or, if asked, when the loss is within a tolerance
 * of the target. Every method that calibrates σ, a noise multiplier or T searches through it: the
 * (C2) inverse ρ_max (§3), the gradient-clipping σ (§4.4), exact Gaussian-mechanism σ's (§6, §9.3)
 * and the private-training noise multiplier (§8.3, with the authors' loss-tolerance stopping rule).
 */
public final class CalibrationSearch {
    private static final int MAX_ITERATIONS = 2_000;
    private static final double MIN_X = Double.MIN_NORMAL;
    private static final double MAX_X = Double.MAX_VALUE / 4;

    private CalibrationSearch() {}

    /** How the bracket is halved and how its width is measured. */
    public enum Scale {
        /** Midpoint √(lo·hi); width hi/lo − 1 (relative). */
        GEOMETRIC,
        /** Midpoint (lo + hi)/2; width = how far the midpoint moved (absolute). */
        ARITHMETIC
    }

    /**
     * The search problem: {@code loss} is monotone in x, the budget is kept where {@code loss(x) ≤ target};
     * {@code feasibleAbove} when larger x is never less private (noise), false when smaller x is (ρ).
     */
    public record Budget(DoubleUnaryOperator loss, double target, boolean feasibleAbove) {
        boolean kept(double x) {
            return loss.applyAsDouble(x) <= target;
        }

        /** A budget from a predicate "x keeps the budget". */
        static Budget of(DoublePredicate ok, boolean feasibleAbove) {
            return new Budget(x -> ok.test(x) ? 0 : 1, 0.5, feasibleAbove);
        }
    }

    /**
     * Bisection of [lo, hi]: returns the last midpoint that kept the budget (or the feasible end when no
     * midpoint did), empty when the feasible end does not keep it either. Stops when the parameter
     * tolerance is reached ({@link Scale}) or, with {@code lossTolerance} ≥ 0, when a midpoint's loss is
     * within it of the target.
     */
    public static OptionalDouble bisect(Budget b, double lo, double hi, Scale scale, double tolerance,
                                        double lossTolerance) {
        check(lo, hi, tolerance, scale);
        double feasibleEnd = b.feasibleAbove() ? hi : lo;
        double best = Double.NaN;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double mid = scale == Scale.GEOMETRIC ? Math.sqrt(lo) * Math.sqrt(hi) : (lo + hi) / 2;
            if (scale == Scale.GEOMETRIC && (!(mid > lo && mid < hi) || !(hi > lo * (1 + tolerance)))) {
                break;
            }
            double v = b.loss().applyAsDouble(mid);
            boolean kept = v <= b.target();
            if (kept) {
                best = mid;
            }
            if (kept == b.feasibleAbove()) {
                hi = mid;
            } else {
                lo = mid;
            }
            if (lossTolerance >= 0 && Math.abs(v - b.target()) <= lossTolerance) {
                break;
            }
            if (scale == Scale.ARITHMETIC && Math.abs((lo + hi) / 2 - mid) < tolerance) {
                break;
            }
        }
        if (!Double.isNaN(best)) {
            return OptionalDouble.of(best);
        }
        return b.kept(feasibleEnd) ? OptionalDouble.of(feasibleEnd) : OptionalDouble.empty();
    }

    /**
     * Smallest x &gt; 0 within budget when the budget holds at and above a threshold (e.g. noise): from
     * {@code guess} the bracket is widened until it holds the threshold, then bisected geometrically to
     * relative width {@code relTol}. Empty when no x up to ~1e307 keeps the budget.
     */
    public static OptionalDouble smallest(DoublePredicate withinBudget, double guess, double relTol) {
        return bracketAndBisect(Budget.of(withinBudget, true), guess, relTol);
    }

    /** Largest x &gt; 0 within budget when it holds at and below a threshold (e.g. a Rényi coefficient ρ). */
    public static OptionalDouble largest(DoublePredicate withinBudget, double guess, double relTol) {
        return bracketAndBisect(Budget.of(withinBudget, false), guess, relTol);
    }

    /** Smallest x in [lo, hi] within budget (feasible at and above a threshold), geometric to {@code relTol}. */
    public static OptionalDouble smallestIn(DoublePredicate withinBudget, double lo, double hi, double relTol) {
        Budget b = Budget.of(withinBudget, true);
        if (!b.kept(hi)) {
            return OptionalDouble.empty();
        }
        if (b.kept(lo)) {
            return OptionalDouble.of(lo);
        }
        return bisect(b, lo, hi, Scale.GEOMETRIC, relTol, -1);
    }

    private static OptionalDouble bracketAndBisect(Budget b, double guess, double relTol) {
        if (!(guess > 0) || !Double.isFinite(guess)) {
            guess = 1;
        }
        guess = Math.min(MAX_X, Math.max(MIN_X, guess));
        boolean up = b.feasibleAbove();
        double step = Math.max(relTol, 1e-12);
        double x = guess;
        boolean feasible = b.kept(x);
        // walk from the guess away from its side until the other side is found
        boolean towardsFeasible = !feasible;
        double other = Double.NaN;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double next = (up == towardsFeasible) ? x * (1 + step) : x / (1 + step);
            if (next < MIN_X || next > MAX_X) {
                return feasible ? OptionalDouble.of(x) : OptionalDouble.empty();
            }
            if (b.kept(next) != feasible) {
                other = next;
                break;
            }
            x = next;
            step = Math.min(step * 16, 1e12);
        }
        if (Double.isNaN(other)) {
            throw new IllegalStateException("calibration search did not bracket the threshold");
        }
        double lo = Math.min(x, other);
        double hi = Math.max(x, other);
        return bisect(b, lo, hi, Scale.GEOMETRIC, relTol, -1);
    }

    private static void check(double lo, double hi, double tolerance, Scale scale) {
        if (!(hi >= lo && Double.isFinite(hi) && Double.isFinite(lo)) || (scale == Scale.GEOMETRIC && !(lo > 0))) {
            throw new IllegalArgumentException("search range must satisfy lo <= hi, finite (and lo > 0 for a geometric "
                    + "search) (got [" + lo + ", " + hi + "])");
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be > 0 (got " + tolerance + ")");
        }
    }
}
