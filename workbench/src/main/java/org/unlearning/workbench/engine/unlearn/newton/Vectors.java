package org.unlearning.workbench.engine.unlearn.newton;

/** Small dense double-precision vector helpers (no allocation unless stated). */
public final class Vectors {
    private Vectors() {}

    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Euclidean norm, robust against overflow for the magnitudes met here. */
    public static double norm(double[] a) {
        double scale = 0;
        for (double x : a) {
            scale = Math.max(scale, Math.abs(x));
        }
        if (scale == 0 || !Double.isFinite(scale)) {
            return scale;
        }
        double s = 0;
        for (double x : a) {
            double y = x / scale;
            s += y * y;
        }
        return scale * Math.sqrt(s);
    }

    /** y ← y + a·x. */
    public static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    /** x ← a·x. */
    public static void scale(double a, double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= a;
        }
    }

    /** Returns a − b as a new array. */
    public static double[] minus(double[] a, double[] b) {
        double[] out = a.clone();
        axpy(-1, b, out);
        return out;
    }

    public static double distance(double[] a, double[] b) {
        return norm(minus(a, b));
    }

    public static boolean allFinite(double[] a) {
        for (double x : a) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    static void requireLength(double[] v, int d, String name) {
        if (v == null || v.length != d) {
            throw new IllegalArgumentException(name + " has length "
                    + (v == null ? "null" : v.length) + ", expected " + d);
        }
    }
}
