package org.unlearning.workbench.app.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearning.workbench.app.cli.CliRun;
import org.unlearning.workbench.engine.sweep.ResultRow;
import org.unlearning.workbench.engine.sweep.SweepFiles;
import org.unlearning.workbench.engine.sweep.SweepSummary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sweep} end to end on a tiny grid (2 ε × 2 methods × 2 seeds, 1 fine-tune epoch, no
 * retrain baseline, real runs on the bundled MNIST): 8 rows, the figures and summary; run again
 * into the same folder: nothing recomputed. Bad input exits 2.
 */
class SweepCommandTest {
    private static final String SPEC = """
            name: tiny
            base:
              preset: mnist-gradclip
              set: {fine_tune.epochs: 1, retrain_baseline: false, evaluations_per_epoch: 1}
            axes:
              epsilon: [0.3, 3]
              method: [gradient_clipping, output_perturbation]
              lambda: [750, 20000]
            seeds: [0, 1]
            """;

    @Test
    void aSmokeSweepWritesEightRowsAndFiguresAndResumesWithoutRecomputing(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("tiny.yaml");
        Files.writeString(spec, SPEC);
        Path out = dir.resolve("sweep");
        CliRun.Result first = CliRun.run("sweep", "--spec", spec.toString(), "--out", out.toString(), "--workers", "2");
        assertEquals(0, first.code(), first.out());
        // λ = 20000 breaks ηλ < 1 for gradient clipping (refused before running); output perturbation takes no λ
        assertTrue(first.out().contains("refused: epsilon=0.3, method=gradient_clipping, lambda=20000"), first.out());
        List<Map<String, String>> rows = SweepFiles.readCsv(out.resolve("results.csv"));
        assertEquals(8, rows.size());
        rows.forEach(r -> assertEquals("certified", r.get(ResultRow.STATUS), r.toString()));
        assertEquals(List.of("epsilon", "method", "lambda"), rows.get(0).keySet().stream().limit(3).toList());
        for (String f : List.of("frontier.png", "frontier.svg", "frontier.pdf", "summary.md", "summary.csv")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        SweepSummary s = SweepSummary.read(out);
        assertEquals(4, s.points().size());
        assertTrue(s.points().stream().allMatch(p -> p.completed() == 2 && p.testAccuracy().defined()));

        Path rowJson = org.unlearning.workbench.engine.run.RunDirectory.of(Path.of(rows.get(0).get(ResultRow.RUN_FOLDER))).sweepRow();
        FileTime before = Files.getLastModifiedTime(rowJson);
        CliRun.Result again = CliRun.run("sweep", "--spec", spec.toString(), "--out", out.toString(), "--workers", "2", "--no-report");
        assertEquals(0, again.code(), again.out());
        assertEquals(8, again.out().lines().filter(l -> l.startsWith("resumed ")).count(), again.out());
        assertTrue(again.out().lines().noneMatch(l -> l.startsWith("finished ")), again.out());
        assertEquals(before, Files.getLastModifiedTime(rowJson));
        assertEquals(rows, SweepFiles.readCsv(out.resolve("results.csv")));
    }

    @Test
    void badInputExitsTwo(@TempDir Path dir) throws IOException {
        assertEquals(2, CliRun.run("sweep", "--preset", "nope", "--out", dir.toString()).code());
        assertEquals(2, CliRun.run("sweep", "--preset", "mnist-frontier-smoke").code(), "no --out");
        assertEquals(2, CliRun.run("sweep", "--preset", "mnist-frontier-smoke", "--out", dir.toString(), "--engine", "gpu").code());
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "base: {preset: mnist-gradclip}\naxes: {epsilon: [1]\n");
        assertEquals(2, CliRun.run("sweep", "--spec", bad.toString(), "--out", dir.resolve("o").toString()).code());
        assertEquals(2, CliRun.run("sweep", "report", dir.resolve("empty").toString()).code());
        CliRun.Result list = CliRun.run("sweep", "list");
        assertEquals(0, list.code());
        assertTrue(list.out().contains("mnist-frontier-smoke") && list.out().contains("mnist-budget-curve"), list.out());
    }
}
