package org.unlearning.workbench.engine.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sweep specifications: parsing errors name the key, ranges expand, the planner refuses infeasible points with reasons. */
class SweepPlannerTest {
    private static SweepPlan plan(String yaml, Path dir) throws IOException {
        return SweepPlanner.plan(SweepSpec.parse(yaml, "test.yaml"), dir, dir.resolve("runs"), Path.of(""));
    }

    private static String error(String yaml, Path dir) {
        Exception e = assertThrows(Exception.class, () -> plan(yaml, dir));
        return e.getMessage();
    }

    @Test
    void specErrorsNameTheKey(@TempDir Path dir) {
        assertTrue(error("base: {preset: mnist-gradclip}\naxes: {epsilom: [1, 2]}\n", dir).contains("axes.epsilom"));
        assertTrue(error("base: {preset: mnist-gradclip}\nbase_typo: 1\n", dir).contains("base_typo"));
        assertTrue(error("base: {preset: mnist-gradclip}\nseeds: [0, 0]\n", dir).contains("twice"));
        assertTrue(error("base: {preset: mnist-gradclip}\nseeds: [0]\nseeds: [1]\n", dir).contains("seeds"));
        assertTrue(error("axes: {epsilon: [1]}\n", dir).contains("base"));
        assertTrue(error("base: {preset: nope}\n", dir).contains("unknown preset 'nope'"));
        assertTrue(error("base: {preset: mnist-gradclip}\naxes: {epsilon: {log: {from: 0, to: 1, count: 3}}}\n", dir)
                .contains("axes.epsilon.log"));
        assertTrue(error("base: {preset: mnist-gradclip}\naxes: {epsilon: {cubic: {from: 1, to: 2}}}\n", dir)
                .contains("cubic"));
        assertTrue(error("base: {preset: mnist-gradclip}\naxes: {seed: [1, 2]}\n", dir).contains("seeds"));
        assertTrue(error("base: {preset: mnist-gradclip}\ntarget_accuracy: 1.5\n", dir).contains("target_accuracy"));
        assertTrue(error("base: {preset: mnist-gradclip}\naxes: {epsilon: }\n", dir).contains("epsilon"));
    }

    @Test
    void rangesExpandAndTheMethodAxisGivesEachMethodItsPresetParameters(@TempDir Path dir) throws IOException {
        SweepPlan p = plan("""
                base: {preset: mnist-gradclip}
                axes:
                  epsilon: {log: {from: 0.1, to: 10, count: 3}}
                  method: [gradient_clipping, retrain]
                  fine_tune.epochs: {linear: {from: 1, to: 2, count: 2}}
                seeds: [0, 1]
                """, dir);
        assertEquals(List.of("epsilon", "method", "fine_tune.epochs"), p.axes());
        assertEquals(12, p.points());
        // retraining takes no ε: its 3 ε points per epoch budget are one configuration
        assertEquals(3 * 2 * 2 + 2 * 2, p.tasks().size(), p.rejected().toString());
        assertTrue(p.notes().stream().anyMatch(n -> n.startsWith("retrain takes no epsilon")), p.notes().toString());
        SweepTask first = p.tasks().get(0);
        assertEquals(Map.of("epsilon", "0.1", "method", "gradient_clipping", "fine_tune.epochs", "1"), first.labels());
        assertTrue(first.config().contains("\"init_clip\" : 0.01"), first.config()); // the gradclip preset's C0
        assertTrue(p.tasks().stream().anyMatch(t -> t.labels().get("epsilon").equals("1")));
        assertTrue(p.tasks().stream().anyMatch(t -> t.labels().get("method").equals("retrain")
                && t.labels().get("epsilon").isEmpty()));
    }

    @Test
    void theMethodAxisKeepsTheBasesOwnSectionForTheBasesMethod(@TempDir Path dir) throws IOException {
        SweepPlan p = plan("""
                base: {preset: mnist-gradclip, set: {init_clip: 0.05}}
                axes:
                  method: [gradient_clipping, output_perturbation]
                seeds: [0]
                """, dir);
        assertEquals(2, p.tasks().size(), p.rejected().toString());
        SweepTask gc = p.tasks().stream().filter(t -> t.labels().get("method").equals("gradient_clipping")).findFirst()
                .orElseThrow();
        assertTrue(gc.config().contains("\"init_clip\" : 0.05"), gc.config()); // base.set kept, not the preset's 0.01
    }

    @Test
    void infeasibleAndInvalidPointsAreListedWithTheirReasonAndSkipped(@TempDir Path dir) throws IOException {
        SweepPlan p = plan("""
                base: {preset: mnist-gradclip}
                axes:
                  eta: [1.0e-4, 0.002]
                  epsilon: [1, -1]
                seeds: [0]
                """, dir);
        assertEquals(4, p.points());
        assertEquals(1, p.tasks().size(), "only η = 1e-4, ε = 1 runs");
        assertEquals(3, p.rejected().size());
        String all = p.rejected().stream().map(SweepPlan.Rejected::line).toList().toString();
        assertTrue(all.contains("eta=0.002, epsilon=1: ") && all.contains("ηλ < 1"), all);
        assertTrue(all.contains("epsilon=-1: ") && all.contains("epsilon"), all);
        assertTrue(SweepFolder.planText(p).contains("refused: eta=0.002"), SweepFolder.planText(p));
    }

    @Test
    void axesOverDpSgdAndNewtonParametersPlanWithoutRefusals(@TempDir Path dir) throws IOException {
        // their schemas have calculator inputs (n, k, λ_min …) a run refuses: a point's section must leave them out
        SweepPlan d = plan("""
                base: {preset: mnist-dpsgd}
                axes:
                  epochs: [1, 2]
                  method: [dp_sgd, retrain]
                seeds: [0]
                """, dir);
        assertTrue(d.rejected().isEmpty(), d.rejected().toString());
        assertEquals(3, d.tasks().size());
        assertTrue(d.tasks().stream().noneMatch(t -> t.config().contains("n_train")), d.tasks().get(0).config());
        SweepPlan n = plan("""
                base: {preset: mnist-newton}
                axes:
                  lambda: [5, 10]
                seeds: [0]
                """, dir);
        assertTrue(n.rejected().isEmpty(), n.rejected().toString());
        assertEquals(2, n.tasks().size());
    }

    @Test
    void shippedSweepsPlanWithoutRefusals(@TempDir Path dir) throws IOException {
        for (String name : SweepSpec.presets()) {
            SweepPlan p = SweepPlanner.plan(SweepSpec.preset(name), dir, dir.resolve("runs"), Path.of(""));
            assertTrue(p.rejected().isEmpty(), name + ": " + p.rejected());
            assertTrue(p.estimatedSeconds(2) > 0);
        }
        assertEquals(8, SweepPlanner.plan(SweepSpec.preset("mnist-frontier-smoke"), dir, dir.resolve("runs"),
                Path.of("")).tasks().size());
    }
}
