package org.unlearning.workbench.accounting;

/**
 * Argument checks shared by the accountants. Every failure is an {@link IllegalArgumentException}
 * whose message names the parameter, its allowed range and the value received.
 */
public final class Require {
    private Require() {}

    private static void finite(String name, double v, String range) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number " + range + " (got " + v + ")");
        }
    }

    /** {@code v > 0}, finite. */
    public static double positive(String name, double v) {
        finite(name, v, "> 0");
        if (!(v > 0)) {
            throw new IllegalArgumentException(name + " must be > 0 (got " + v + ")");
        }
        return v;
    }

    /** {@code v ≥ 0}, finite. */
    public static double nonNegative(String name, double v) {
        finite(name, v, ">= 0");
        if (!(v >= 0)) {
            throw new IllegalArgumentException(name + " must be >= 0 (got " + v + ")");
        }
        return v;
    }

    /** Any finite number. */
    public static double finite(String name, double v) {
        finite(name, v, "");
        return v;
    }

    /** {@code 0 < v < 1}. */
    public static double probability(String name, double v) {
        finite(name, v, "in (0, 1)");
        if (!(v > 0 && v < 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1) (got " + v + ")");
        }
        return v;
    }

    /** {@code 0 < v ≤ 1}. */
    public static double probabilityOrOne(String name, double v) {
        finite(name, v, "in (0, 1]");
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1] (got " + v + ")");
        }
        return v;
    }

    /** {@code 0 ≤ v ≤ 1}. */
    public static double unitInterval(String name, double v) {
        finite(name, v, "in [0, 1]");
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1] (got " + v + ")");
        }
        return v;
    }

    /** Integer {@code v ≥ min}. */
    public static long atLeast(String name, long v, long min) {
        if (v < min) {
            throw new IllegalArgumentException(name + " must be an integer >= " + min + " (got " + v + ")");
        }
        return v;
    }

    /** Whole-number double (from JSON or a text field) {@code ≥ min}, returned as long. */
    public static long integer(String name, double v, long min) {
        finite(name, v, "(an integer >= " + min + ")");
        if (v != Math.rint(v) || v < min || v > 9.0e15) {
            throw new IllegalArgumentException(name + " must be an integer >= " + min + " (got " + v + ")");
        }
        return (long) v;
    }
}
