package org.unlearning.workbench.app.sweep;

import org.junit.jupiter.api.Test;
import org.unlearning.workbench.engine.sweep.SweepSummary;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The printed intervals of bounded quantities stay in their range, and the report says when it cut one. */
class SweepReportTest {

    private static Map<String, String> row(String eps, int seed, String acc, String gap) {
        return Map.of("epsilon", eps, "method", "gradient_clipping", "seed", Integer.toString(seed), "status",
                "certified", "test_accuracy", acc, "mia_auc_gap_to_retrain", gap);
    }

    @Test
    void accuracyIntervalOutsideZeroToHundredPercentIsCutAndFootnoted() {
        // ε = 1: accuracies {0.10, 0.90}: mean 0.5, t_{0.975,1} · s/√2 = 12.706 · 0.4 → [−4.58, 5.58] → [0, 1];
        //        gaps {0.0, 0.02}: [−0.117, 0.137], inside [−1, 1], printed as is.
        // ε = 3: accuracies {0.80, 0.82}: [0.683, 0.937], inside, printed as is.
        SweepSummary s = SweepSummary.of(List.of("epsilon"), List.of(row("1", 0, "0.10", "0.0"),
                row("1", 1, "0.90", "0.02"), row("3", 0, "0.80", "0.0"), row("3", 1, "0.82", "0.0")));
        String md = SweepReport.markdown(s, "t");
        assertTrue(md.contains("| 50.0 % [0.0, 100.0] †"), md);
        assertTrue(md.contains("81.0 % [68.3, 93.7] |"), md);
        assertTrue(md.contains("0.010 [-0.117, 0.137] |"), md);
        assertTrue(md.contains("\n" + SweepReport.CLAMPED_NOTE + "\n"), md);
        assertFalse(md.contains("-458") || md.contains("558.") || md.contains("-45"), md);

        List<String> lines = SweepReport.csv(s).lines().toList();
        List<String> head = List.of(lines.get(0).split(",", -1));
        List<String> first = List.of(lines.get(1).split(",", -1));
        assertEquals("0.0", first.get(head.indexOf("test_accuracy_ci_low")));
        assertEquals("1.0", first.get(head.indexOf("test_accuracy_ci_high")));
        assertEquals("test_accuracy", first.get(head.indexOf("ci_clamped")));
        List<String> second = List.of(lines.get(2).split(",", -1));
        assertEquals("", second.get(head.indexOf("ci_clamped")));
        assertTrue(Double.parseDouble(second.get(head.indexOf("test_accuracy_ci_low"))) > 0.68);
    }

    @Test
    void savingsOfASingleRunHaveNoInterval() {
        Map<String, String> one = new java.util.HashMap<>(row("3", 0, "0.80", "0.0"));
        one.put("compute_savings", "-0.172");
        Map<String, String> two = new java.util.HashMap<>(row("3", 1, "0.82", "0.0"));
        SweepSummary s = SweepSummary.of(List.of("epsilon"), List.of(one, two));
        String md = SweepReport.markdown(s, "t");
        assertTrue(md.contains("| -17.2 % (n = 1) | 1 |"), md);
        List<String> lines = SweepReport.csv(s).lines().toList();
        List<String> head = List.of(lines.get(0).split(",", -1));
        List<String> cells = List.of(lines.get(1).split(",", -1));
        assertEquals("-0.172", cells.get(head.indexOf("savings_mean")));
        assertEquals("", cells.get(head.indexOf("savings_ci_low")));
        assertEquals("", cells.get(head.indexOf("savings_ci_high")));
    }

    @Test
    void noFootnoteWhenEveryIntervalIsInsideItsRange() {
        SweepSummary s = SweepSummary.of(List.of("epsilon"), List.of(row("3", 0, "0.80", "0.0"),
                row("3", 1, "0.82", "0.01")));
        String md = SweepReport.markdown(s, "t");
        assertFalse(md.contains(SweepReport.CLAMPED_MARK), md);
    }
}
