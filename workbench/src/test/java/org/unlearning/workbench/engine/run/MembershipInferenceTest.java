package org.unlearning.workbench.engine.run;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MembershipInferenceTest {

    @Test
    void perfectSeparationIsOneIdenticalIsHalfReversedIsZero() {
        double[] low = {0.01, 0.02, 0.03};
        double[] high = {1.0, 2.0, 3.0, 4.0};
        assertEquals(1.0, MembershipInference.auc(low, high), 0.0);
        assertEquals(0.0, MembershipInference.auc(high, low), 0.0);
        assertEquals(0.5, MembershipInference.auc(high, high.clone()), 0.0);
        assertEquals(0.5, MembershipInference.auc(new double[] {0.7, 0.7}, new double[] {0.7, 0.7, 0.7}), 0.0);
        assertEquals(1.0, MembershipInference.bestBalancedAccuracy(low, high), 0.0);
        assertEquals(0.5, MembershipInference.bestBalancedAccuracy(high, low), 0.0); // "nobody" threshold
        assertEquals(0.5, MembershipInference.bestBalancedAccuracy(high, high.clone()), 0.0);
    }

    @Test
    void handWorkedExampleWithATie() {
        // pairs (m, n): (1,2) win, (1,3) win, (2,2) tie, (2,3) win, (4,2) loss, (4,3) loss → 3.5 / 6
        double[] members = {1, 2, 4};
        double[] nonMembers = {2, 3};
        assertEquals(3.5 / 6, MembershipInference.auc(members, nonMembers), 1e-15);
        // t = 1: TPR 1/3, TNR 1 → 2/3; t = 2: TPR 2/3, TNR 1/2 → 7/12; best 2/3
        assertEquals(2.0 / 3, MembershipInference.bestBalancedAccuracy(members, nonMembers), 1e-15);
    }

    @Property(tries = 200)
    void rankAucEqualsPairCounting(@ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 6) Integer> m,
                                   @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 6) Integer> n) {
        double[] a = m.stream().mapToDouble(Integer::doubleValue).toArray();
        double[] b = n.stream().mapToDouble(Integer::doubleValue).toArray();
        double wins = 0;
        for (double x : a) {
            for (double y : b) {
                wins += x < y ? 1 : x == y ? 0.5 : 0;
            }
        }
        assertEquals(wins / (a.length * (double) b.length), MembershipInference.auc(a, b), 1e-12);
        assertEquals(1.0, MembershipInference.auc(a, b) + MembershipInference.auc(b, a), 1e-12);
    }

    @Test
    void refusesEmptyOrNaNLosses() {
        assertThrows(IllegalArgumentException.class, () -> MembershipInference.auc(new double[0], new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> MembershipInference.auc(new double[] {Double.NaN}, new double[] {1}));
    }
}
