package org.unlearning.workbench.app.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearning.workbench.engine.sweep.SweepPlan;
import org.unlearning.workbench.engine.sweep.SweepPlanner;
import org.unlearning.workbench.engine.sweep.SweepSpec;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The sweep form's YAML is a specification the planner accepts, with the typed lists and ranges. */
class SweepSpecTextTest {
    @Test
    void theFormsYamlPlansTheGridItDescribes(@TempDir Path dir) throws Exception {
        String yaml = SweepSpecText.yaml("mnist-gradclip", List.of("gradient_clipping", "output_perturbation"),
                List.of(new SweepSpecText.Axis("epsilon", "0.3, 3"), new SweepSpecText.Axis("init_clip", "log 0.01 1 3")),
                2, 1);
        SweepSpec spec = SweepSpec.parse(yaml, "form");
        assertEquals(List.of("epsilon", "init_clip", "method"), List.copyOf(spec.axes().keySet()));
        assertEquals(List.of(0L, 1L), spec.seeds());
        assertEquals(1, spec.base().set().get("fine_tune.epochs").asInt());
        SweepPlan plan = SweepPlanner.plan(spec, Path.of(""), dir.resolve("runs"), Path.of(""));
        assertEquals(2 * 3 * 2, plan.points());
        assertEquals(0, plan.rejected().size(), plan.rejected().toString());
        assertEquals(2 * 3 * 2 * 2, plan.tasks().size());
        assertEquals(List.of("0.01", "0.1", "1"), plan.tasks().stream().map(t -> t.labels().get("init_clip"))
                .distinct().toList());
    }

    @Test
    void malformedValuesAreRefusedWithTheExpectedForm() {
        assertEquals("[0.3, 1, 3]", SweepSpecText.values(new SweepSpecText.Axis("epsilon", " 0.3, 1 3 ")));
        assertEquals("{linear: {from: 100, to: 900, count: 5}}",
                SweepSpecText.values(new SweepSpecText.Axis("lambda", "linear 100 900 5")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SweepSpecText.values(new SweepSpecText.Axis("init_clip", "log 0.01 10")));
        assertEquals("init_clip: write log FROM TO COUNT, e.g. log 0.01 10 4", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SweepSpecText.values(new SweepSpecText.Axis("epsilon", " , ")));
    }
}
