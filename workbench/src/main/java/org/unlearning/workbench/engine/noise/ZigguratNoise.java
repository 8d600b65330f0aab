package org.unlearning.workbench.engine.noise;

/**
 * Standard normals from 64-bit uniform words by the ziggurat method of Marsaglia and Tsang (2000),
 * 256 layers of equal area v under f(x) = exp(−x²/2), in double precision.
 * <p>
 * One word per draw on the fast path (≈ 99 %): its low 8 bits pick layer i, bit 8 the sign, its
 * top 53 bits a uniform u ∈ [0, 1); x = u·x_i is returned when it lies under the curve for sure
 * (x < x_{i+1}). Otherwise the wedge of layer i is tested against f with a second uniform, and the
 * base layer falls into the tail beyond r, sampled exactly by Marsaglia's method (1964). The result
 * is exactly N(0, 1) up to the 2⁻⁵³ resolution of the uniforms.
 */
final class ZigguratNoise implements GaussianNoise {
    private static final int LAYERS = 256;
    /** Right edge of the base layer and the common area of the layers for 256 layers. */
    private static final double R = 3.6541528853610088;
    private static final double V = 4.92867323399e-3;
    private static final double TO_UNIT = 0x1p-53;
    private static final long SIGN = Long.MIN_VALUE;

    /** x_0 = v / f(r) (base layer incl. tail), x_1 = r, …, x_256 = 0: right edges of the layers. */
    private static final double[] X = new double[LAYERS + 1];
    /** f(x_i). */
    private static final double[] F = new double[LAYERS + 1];
    /** ⌊2⁵³ · x_{i+1} / x_i⌋: a uniform u·2⁵³ below this gives x < x_{i+1}, inside the curve. */
    private static final long[] INSIDE = new long[LAYERS];

    static {
        // StrictMath: identical tables (and demonstration streams) on every JVM
        X[0] = V / f(R);
        X[1] = R;
        for (int i = 1; i < LAYERS - 1; i++) {
            X[i + 1] = StrictMath.sqrt(-2 * StrictMath.log(V / X[i] + f(X[i])));
        }
        X[LAYERS] = 0;
        for (int i = 0; i <= LAYERS; i++) {
            F[i] = f(X[i]);
        }
        for (int i = 0; i < LAYERS; i++) {
            INSIDE[i] = (long) (X[i + 1] / X[i] * 0x1p53);
        }
    }

    private final UniformWords source;
    private final long[] words = new long[UniformWords.BLOCK];
    private int next = UniformWords.BLOCK; // index of the next unused word
    private final double[] single = new double[256];
    private int singleNext = single.length;

    ZigguratNoise(UniformWords source) {
        this.source = source;
    }

    private static double f(double x) {
        return StrictMath.exp(-0.5 * x * x);
    }

    private long word() {
        if (next == UniformWords.BLOCK) {
            source.nextBlock(words);
            next = 0;
        }
        return words[next++];
    }

    @Override
    public double next() {
        if (singleNext == single.length) {
            fill(single, 0, single.length);
            singleNext = 0;
        }
        return single[singleNext++];
    }

    @Override
    public void fill(double[] out, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, out.length);
        int end = off + len;
        int o = off;
        while (o < end) {
            if (next == UniformWords.BLOCK) {
                source.nextBlock(words);
                next = 0;
            }
            // fast path over the words in hand; a rare draw outside the inner rectangles leaves it
            int n = Math.min(end - o, UniformWords.BLOCK - next);
            int w = next;
            int stop = o + n;
            while (o < stop) {
                long bits = words[w++];
                int i = (int) bits & 0xFF;
                long u = bits >>> 11;
                if (u >= INSIDE[i]) {
                    next = w;
                    out[o++] = slow(i, u, bits);
                    w = next;
                    break;
                }
                // sign from bit 8 without a branch (a mispredicted branch per draw costs more than the draw)
                out[o++] = Double.longBitsToDouble(Double.doubleToRawLongBits(u * TO_UNIT * X[i]) ^ ((bits << 55) & SIGN));
            }
            next = w;
        }
    }

    @Override
    public void fill(float[] out, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, out.length);
        double[] tmp = new double[Math.min(len, 4096)];
        for (int o = off; o < off + len; o += tmp.length) {
            int n = Math.min(tmp.length, off + len - o);
            fill(tmp, 0, n);
            for (int k = 0; k < n; k++) {
                out[o + k] = (float) tmp[k];
            }
        }
    }

    /** A draw whose first word fell outside the inner rectangle of layer {@code i}. */
    private double slow(int i, long u, long bits) {
        double sign = (bits & 0x100) != 0 ? -1 : 1;
        while (true) {
            double x = u * TO_UNIT * X[i];
            if (i == 0) {
                return sign * tail();
            }
            // wedge: y uniform in [f(x_i), f(x_{i+1})], accept when under the curve
            double y = F[i] + (word() >>> 11) * TO_UNIT * (F[i + 1] - F[i]);
            if (y < f(x)) {
                return sign * x;
            }
            long b = word();
            i = (int) b & 0xFF;
            u = b >>> 11;
            sign = (b & 0x100) != 0 ? -1 : 1;
            if (u < INSIDE[i]) {
                return sign * u * TO_UNIT * X[i];
            }
        }
    }

    /** |x| > r from the tail: x = r + e₁/r with e₁, e₂ ~ Exp(1), accepted when 2e₂ ≥ (e₁/r)². */
    private double tail() {
        while (true) {
            double a = -StrictMath.log(((word() >>> 11) + 1) * TO_UNIT) / R; // uniform in (0, 1]
            double b = -StrictMath.log(((word() >>> 11) + 1) * TO_UNIT);
            if (b + b >= a * a) {
                return R + a;
            }
        }
    }

    @Override
    public boolean isSecure() {
        return source.isSecure();
    }

    @Override
    public String describe() {
        return (source.isSecure() ? "secure: " : "demonstration (seed recorded, not a guarantee): ")
                + source.describe() + "; N(0,1) by a 256-layer ziggurat (Marsaglia-Tsang) on 53-bit uniforms, in double";
    }

    @Override
    public String kind() {
        return source.isSecure() ? "secure-aes-ctr" : "demonstration-seeded";
    }

    @Override
    public void close() {
        java.util.Arrays.fill(words, 0L);
        java.util.Arrays.fill(single, 0.0);
        next = UniformWords.BLOCK;
        singleNext = single.length;
        source.destroy();
    }

    @Override
    public String toString() {
        return "GaussianNoise[" + kind() + "]";
    }
}
