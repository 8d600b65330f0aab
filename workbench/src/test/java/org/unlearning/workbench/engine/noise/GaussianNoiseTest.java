package org.unlearning.workbench.engine.noise;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The noise generators draw N(0, 1) (moments, Kolmogorov–Smirnov and χ² tests including the tail
 * beyond the ziggurat's base layer), the secure one is unpredictable across instances and holds
 * no seed, and bulk fills give exactly the single-draw sequence.
 */
class GaussianNoiseTest {
    private static final NormalDistribution N01 = new NormalDistribution(null, 0, 1);

    private static double[] sample(GaussianNoise g, int n) {
        double[] x = new double[n];
        g.fill(x, 0, n);
        return x;
    }

    /** Mean, variance, skewness and kurtosis within 6 standard errors; KS and χ² not rejected at 10⁻⁴. */
    private static void assertStandardNormal(double[] x, String what) {
        int n = x.length;
        double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
        for (double v : x) {
            m1 += v;
            m2 += v * v;
            m3 += v * v * v;
            m4 += v * v * v * v;
        }
        m1 /= n;
        m2 /= n;
        m3 /= n;
        m4 /= n;
        double se = 1 / Math.sqrt(n);
        assertEquals(0, m1, 6 * se, what + ": mean");
        assertEquals(1, m2, 6 * Math.sqrt(2) * se, what + ": variance");
        assertEquals(0, m3, 6 * Math.sqrt(15) * se, what + ": third moment");
        assertEquals(3, m4, 6 * Math.sqrt(96) * se, what + ": fourth moment");
        double ks = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(N01, x);
        assertTrue(ks > 1e-4, what + ": KS p-value " + ks);
        // χ² over 40 equiprobable bins plus the two tails beyond r = 3.654 (the ziggurat's tail sampler)
        double r = 3.6541528853610088;
        int bins = 40;
        long[] observed = new long[bins + 2];
        double[] expected = new double[bins + 2];
        double tail = N01.cumulativeProbability(-r);
        for (double v : x) {
            if (v < -r) {
                observed[bins]++;
            } else if (v > r) {
                observed[bins + 1]++;
            } else {
                double u = (N01.cumulativeProbability(v) - tail) / (1 - 2 * tail);
                observed[Math.min(bins - 1, (int) (u * bins))]++;
            }
        }
        Arrays.fill(expected, 0, bins, n * (1 - 2 * tail) / bins);
        expected[bins] = expected[bins + 1] = n * tail;
        double chi = new ChiSquareTest().chiSquareTest(expected, observed);
        assertTrue(chi > 1e-4, what + ": chi-square p-value " + chi + " observed " + Arrays.toString(observed));
    }

    @Test
    void demonstrationDrawsAreStandardNormalOnAFixedSample() {
        try (GaussianNoise g = GaussianNoise.demonstration(20240611L)) {
            assertStandardNormal(sample(g, 400_000), "demonstration seed 20240611");
        }
    }

    @Test
    void secureDrawsAreStandardNormal() {
        try (GaussianNoise g = GaussianNoise.secure()) {
            assertStandardNormal(sample(g, 400_000), "secure");
        }
    }

    @Test
    void twoSecureInstancesDiffer_andTheSameDemonstrationSeedRepeats() {
        try (GaussianNoise a = GaussianNoise.secure(); GaussianNoise b = GaussianNoise.secure()) {
            double[] x = sample(a, 1000), y = sample(b, 1000);
            int equal = 0;
            for (int i = 0; i < x.length; i++) {
                equal += x[i] == y[i] ? 1 : 0;
            }
            assertEquals(0, equal, "independent secure streams agree on " + equal + " of 1000 draws");
        }
        try (GaussianNoise a = GaussianNoise.demonstration(5); GaussianNoise b = GaussianNoise.demonstration(5);
             GaussianNoise c = GaussianNoise.demonstration(6)) {
            double[] x = sample(a, 1000);
            assertArrayEquals(x, sample(b, 1000), "same seed, same noise");
            assertFalse(Arrays.equals(x, sample(c, 1000)), "another seed, other noise");
        }
    }

    @Test
    void bulkFillsGiveExactlyTheSingleDrawSequence() {
        int n = 3 * PrefetchedNoise.BLOCK + 123; // crosses prefetched blocks and word blocks
        double[] single = new double[n];
        try (GaussianNoise g = GaussianNoise.demonstration(42)) {
            for (int i = 0; i < n; i++) {
                single[i] = g.next();
            }
        }
        double[] bulk = new double[n];
        float[] floats = new float[n];
        try (GaussianNoise g = GaussianNoise.demonstration(42); GaussianNoise h = GaussianNoise.demonstration(42)) {
            int[] pieces = {1, 7, 4096, 1, 10_000, 333};
            int o = 0;
            for (int k = 0; o < n; k++) {
                int len = Math.min(pieces[k % pieces.length], n - o);
                g.fill(bulk, o, len);
                h.fill(floats, o, len);
                o += len;
            }
        }
        assertArrayEquals(single, bulk, "bulk double fill");
        for (int i = 0; i < n; i++) {
            assertEquals((float) single[i], floats[i], "float fill rounds each double draw once, at " + i);
        }
        // prefetching does not change the sequence
        try (ZigguratNoise inline = new ZigguratNoise(new SeededWords(42))) {
            assertArrayEquals(single, sample(inline, n), "inline generator");
        }
    }

    @Test
    void theSecureGeneratorHoldsNoSeedOrKeyAndNamesItself() throws Exception {
        for (Method m : GaussianNoise.class.getMethods()) {
            assertFalse(m.getName().toLowerCase(Locale.ROOT).contains("seed"), "no seed accessor: " + m);
        }
        try (GaussianNoise g = GaussianNoise.secure()) {
            sample(g, 10); // started: the producer thread and the cipher are live
            for (Field f : reachableFields(g)) {
                String name = f.getName().toLowerCase(Locale.ROOT);
                assertFalse(name.contains("seed") || name.contains("key") || name.equals("iv"),
                        "field " + f.getDeclaringClass().getSimpleName() + "." + f.getName());
            }
            assertTrue(g.isSecure());
            assertEquals("secure-aes-ctr", g.kind());
            String d = g.describe();
            assertTrue(d.contains("AES-256-CTR") && d.contains("SecureRandom") && d.startsWith("secure"), d);
            assertFalse(d.matches(".*\\d{6,}.*"), "no long numbers (seeds) in " + d);
        }
        try (GaussianNoise g = GaussianNoise.demonstration(123456789L)) {
            assertFalse(g.isSecure());
            assertTrue(g.describe().contains("not a guarantee"), g.describe());
            assertFalse(g.describe().contains("123456789"), "the caller records the seed, not the description");
        }
    }

    /** Instance fields of the generator's own classes, following references into this package. */
    private static Set<Field> reachableFields(Object root) throws IllegalAccessException {
        Set<Field> out = new HashSet<>();
        Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Deque<Object> todo = new ArrayDeque<>(java.util.List.of(root));
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            if (!seen.add(o)) {
                continue;
            }
            for (Class<?> c = o.getClass(); c != null && c.getPackageName().equals(GaussianNoise.class.getPackageName());
                 c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) {
                        continue;
                    }
                    out.add(f);
                    f.setAccessible(true);
                    Object v = f.get(o);
                    if (v != null && v.getClass().getPackageName().equals(GaussianNoise.class.getPackageName())) {
                        todo.push(v);
                    }
                }
            }
        }
        return out;
    }
}
