package org.unlearning.workbench.engine.sweep.stats;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepStatisticsTest {

    @Test
    void tIntervalOfThreeSeeds() {
        // {1, 2, 3}: mean 2, s = √((1 + 0 + 1)/2) = 1, t_{0.975, 2} = 4.302653 (t table),
        // half width 4.302653 / √3 = 2.484138 → [−0.484138, 4.484138]
        MeanInterval m = MeanInterval.of95(new double[] {1, 2, 3});
        assertEquals(3, m.n());
        assertEquals(2.0, m.mean(), 1e-15);
        assertEquals(1.0, m.standardDeviation(), 1e-15);
        assertEquals(-0.484138, m.lower(), 1e-6);
        assertEquals(4.484138, m.upper(), 1e-6);
        assertEquals(2.484138, m.halfWidth(), 1e-6);
        assertTrue(m.defined());
    }

    @Test
    void tIntervalOfTwoSeedsAndOtherLevels() {
        // {0, 2}: mean 1, s = √2, t_{0.975, 1} = 12.706205 → half width 12.706205 · √2/√2 = 12.706205
        MeanInterval m = MeanInterval.of95(new double[] {0, 2});
        assertEquals(1 - 12.706205, m.lower(), 1e-6);
        assertEquals(1 + 12.706205, m.upper(), 1e-6);
        // 90 % on {1, 2, 3}: t_{0.95, 2} = 2.919986 → half width 2.919986/√3 = 1.685854
        assertEquals(1.685854, MeanInterval.of(new double[] {1, 2, 3}, 0.90).halfWidth(), 1e-6);
        // equal values: zero width
        MeanInterval flat = MeanInterval.of95(new double[] {0.25, 0.25, 0.25, 0.25});
        assertEquals(0.25, flat.lower());
        assertEquals(0.25, flat.upper());
    }

    @Test
    void clampingCutsOnlyTheBoundsOutsideTheRange() {
        // {0.1, 0.9}: mean 0.5, s = 0.565685, half width 12.706205 · 0.565685/√2 = 5.082482 → [−4.58, 5.58]
        MeanInterval wide = MeanInterval.of95(new double[] {0.1, 0.9});
        assertTrue(wide.exceeds(0, 1));
        MeanInterval cut = wide.clampedTo(0, 1);
        assertEquals(0.0, cut.lower());
        assertEquals(1.0, cut.upper());
        assertEquals(wide.mean(), cut.mean());
        assertEquals(wide.standardDeviation(), cut.standardDeviation());
        assertEquals(2, cut.n());
        // one side only: {0.9, 0.98}: half width 12.706205 · 0.04 = 0.508 → [0.432, 1.448] → [0.432, 1]
        MeanInterval high = MeanInterval.of95(new double[] {0.9, 0.98}).clampedTo(0, 1);
        assertEquals(0.94 - 12.706205 * 0.04, high.lower(), 1e-6);
        assertEquals(1.0, high.upper());
        // inside: unchanged (the same record)
        MeanInterval inside = MeanInterval.of95(new double[] {0.80, 0.82});
        assertFalse(inside.exceeds(0, 1));
        assertTrue(inside == inside.clampedTo(0, 1));
        // one seed: no interval, nothing to cut
        assertFalse(MeanInterval.of95(new double[] {2.0}).exceeds(0, 1));
        assertThrows(IllegalArgumentException.class, () -> wide.clampedTo(1, 0));
    }

    @Test
    void oneSeedHasNoInterval() {
        MeanInterval m = MeanInterval.of95(new double[] {0.7});
        assertEquals(0.7, m.mean());
        assertFalse(m.defined());
        assertTrue(Double.isNaN(m.lower()) && Double.isNaN(m.upper()));
        assertThrows(IllegalArgumentException.class, () -> MeanInterval.of95(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> MeanInterval.of95(new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> MeanInterval.of(new double[] {1, 2}, 1.0));
    }

    @Test
    void quantileInterpolatesBetweenOrderStatistics() {
        // {1, 2, 3, 4}, p = 0.25: h = 3 · 0.25 = 0.75 → 1 + 0.75 · (2 − 1) = 1.75
        assertEquals(1.75, BootstrapInterval.quantile(new double[] {1, 2, 3, 4}, 0.25), 1e-15);
        assertEquals(1.0, BootstrapInterval.quantile(new double[] {1, 2, 3, 4}, 0));
        assertEquals(4.0, BootstrapInterval.quantile(new double[] {1, 2, 3, 4}, 1));
        assertEquals(2.5, BootstrapInterval.quantile(new double[] {1, 2, 3, 4}, 0.5), 1e-15);
    }

    @Test
    void bootstrapOfAHandCountableSample() {
        // {0, 0, 0, 10}: a resample holds j tens, j ~ Binomial(4, ¼), mean 2.5 j.
        //   P[j = 0] = (¾)^4 = 0.316 > 0.025                      → lower = 0
        //   P[j ≥ 3] = 4 (¼)³ ¾ + (¼)^4 = 0.0508 > 0.025, P[j = 4] = 0.0039 < 0.025 → upper = 7.5
        // (with 10 000 resamples the empirical tail fractions are within ±0.003 of these)
        BootstrapInterval b = BootstrapInterval.ofMean(new double[] {0, 0, 0, 10}, 0.95, 1);
        assertEquals(2.5, b.estimate(), 1e-15);
        assertEquals(0.0, b.lower());
        assertEquals(7.5, b.upper());
        assertEquals(BootstrapInterval.DEFAULT_RESAMPLES, b.resamples());
        assertEquals(1, b.seed());
        // {0, 1}: resample means 0, ½, 1 with probability ¼, ½, ¼ → [0, 1]
        BootstrapInterval coin = BootstrapInterval.ofMean(new double[] {0, 1}, 0.95, 7);
        assertEquals(0.0, coin.lower());
        assertEquals(1.0, coin.upper());
    }

    @Test
    void bootstrapIsSeeded() {
        double[] savings = {0.25, 0.06, 0.21, 0.18, 0.02};
        BootstrapInterval a = BootstrapInterval.of(savings, BootstrapInterval::mean, 0.95, 2000, 42);
        BootstrapInterval b = BootstrapInterval.of(savings, BootstrapInterval::mean, 0.95, 2000, 42);
        BootstrapInterval c = BootstrapInterval.of(savings, BootstrapInterval::mean, 0.95, 2000, 43);
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertTrue(a.lower() >= 0.02 && a.upper() <= 0.25 && a.lower() < a.estimate() && a.estimate() < a.upper(), a.toString());
        // a statistic other than the mean: the median of {0.25, 0.06, 0.21, 0.18, 0.02} is 0.18
        BootstrapInterval med = BootstrapInterval.of(savings, v -> {
            double[] s = v.clone();
            java.util.Arrays.sort(s);
            return s[s.length / 2];
        }, 0.95, 500, 1);
        assertEquals(0.18, med.estimate());
        assertThrows(IllegalArgumentException.class, () -> BootstrapInterval.of(savings, BootstrapInterval::mean, 0.95, 0, 1));
    }

    record Point(String name, double epsilon, double accuracy) {}

    @Test
    void paretoFrontOfAccuracyAgainstEpsilon() {
        // A(0.1, 0.80) B(1, 0.90) C(1, 0.85) D(3, 0.88) E(10, 0.95) F = E, G(0.1, 0.70), H(NaN accuracy):
        //   C loses to B (same ε, less accuracy), D to B (more ε, less accuracy), G to A; H has no accuracy;
        //   E and F tie exactly and both stay → A, B, E, F
        List<Point> pts = List.of(new Point("C", 1, 0.85), new Point("E", 10, 0.95), new Point("A", 0.1, 0.80),
                new Point("D", 3, 0.88), new Point("G", 0.1, 0.70), new Point("B", 1, 0.90), new Point("F", 10, 0.95),
                new Point("H", 0.3, Double.NaN));
        List<Point> front = ParetoFront.of(pts, Point::accuracy, Point::epsilon);
        assertEquals(List.of("A", "B", "E", "F"), front.stream().map(Point::name).toList());
        assertTrue(ParetoFront.of(List.<Point>of(), Point::accuracy, Point::epsilon).isEmpty());
    }

    @Property(tries = 200)
    void noFrontPointIsDominatedAndEveryOtherPointIs(
            @ForAll @Size(min = 1, max = 30) List<@DoubleRange(min = 0, max = 10) Double> eps,
            @ForAll @Size(min = 1, max = 30) List<@DoubleRange(min = 0, max = 1) Double> acc) {
        int n = Math.min(eps.size(), acc.size());
        List<Point> pts = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            // round so that ties happen
            pts.add(new Point("p" + i, Math.rint(eps.get(i) * 2) / 2, Math.rint(acc.get(i) * 10) / 10));
        }
        List<Point> front = ParetoFront.of(pts, Point::accuracy, Point::epsilon);
        for (Point p : pts) {
            boolean dominated = pts.stream().anyMatch(q -> q.accuracy() >= p.accuracy() && q.epsilon() <= p.epsilon()
                    && (q.accuracy() > p.accuracy() || q.epsilon() < p.epsilon()));
            assertEquals(!dominated, front.contains(p), p + " in " + front);
        }
    }

    @Property(tries = 100)
    void tIntervalContainsTheMeanAndNarrowsWithLowerConfidence(
            @ForAll @Size(min = 2, max = 20) List<@DoubleRange(min = -5, max = 5) Double> xs) {
        double[] v = xs.stream().mapToDouble(Double::doubleValue).toArray();
        MeanInterval m95 = MeanInterval.of(v, 0.95);
        MeanInterval m80 = MeanInterval.of(v, 0.80);
        assertTrue(m95.lower() <= m95.mean() && m95.mean() <= m95.upper());
        assertTrue(m80.halfWidth() <= m95.halfWidth());
    }
}
