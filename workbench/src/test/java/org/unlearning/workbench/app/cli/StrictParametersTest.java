package org.unlearning.workbench.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearning.workbench.engine.sweep.SweepFiles;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Strict parsing wherever parameters enter (#12 defect 5, #11): every case is refused before any
 * work starts with one line naming the file, line, column and key (or the option), exit 2.
 */
class StrictParametersTest {
    @TempDir
    Path tmp;

    private record Outcome(int code, String err) {}

    private static Outcome run(String... args) {
        CliRun.Result r = CliRun.run(args);
        return new Outcome(r.code(), r.err().strip());
    }

    /** {@code unlearn --config FILE} with {@code text} in FILE: must exit 2 with exactly one line containing {@code expected}. */
    private void refusedConfig(String name, String text, String expected) throws Exception {
        Path f = Files.writeString(tmp.resolve(name), text);
        Path out = tmp.resolve("out-" + name);
        Outcome o = run("unlearn", "--config", f.toString(), "--out", out.toString(), "--quiet");
        assertEquals(2, o.code(), o.err());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().contains(expected), "expected '" + expected + "' in: " + o.err());
        assertFalse(Files.exists(out), "nothing is written for a refused configuration");
    }

    private void refusedArgs(String expected, String... args) {
        Outcome o = run(args);
        assertEquals(2, o.code(), o.err());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().contains(expected), "expected '" + expected + "' in: " + o.err());
    }

    @Test
    void booleansAreOnlyTrueOrFalse() throws Exception {
        refusedConfig("yes.yaml", "method:\n  type: model_clipping\n  strict_first_step: yes\n",
                "yes.yaml:3:22: method.strict_first_step: must be true or false (got 'yes')");
        refusedConfig("one.json", "{\"method\": {\"type\": \"model_clipping\", \"strict_first_step\": 1}}",
                "method.strict_first_step: must be true or false (got 1)");
        refusedConfig("baseline.yaml", "method: {type: retrain}\nretrain_baseline: on\n",
                "baseline.yaml:2:19: retrain_baseline: on is not a boolean (expected true or false)");
        refusedArgs("--param strict_first_step: strict_first_step must be true or false (got 'yes')",
                "unlearn", "--preset", "mnist-modelclip", "--param", "strict_first_step=yes", "--out",
                tmp.resolve("p").toString());
        refusedArgs("strict_first_step must be true or false (got 'True')", "accountant", "calc", "--method",
                "model_clipping", "--param", "strict_first_step=True");
    }

    @Test
    void emptyValuesAreErrorsNotDefaults() throws Exception {
        refusedConfig("empty.yaml", "method:\n  type: model_clipping\n  epsilon:\n",
                "empty.yaml:3:11: method.epsilon: empty value");
        refusedArgs("--param epsilon: epsilon must not be empty", "unlearn", "--preset", "mnist-modelclip",
                "--param", "epsilon=", "--out", tmp.resolve("p").toString());
        refusedArgs("epsilon must not be empty", "accountant", "calc", "--method", "model_clipping", "--param",
                "epsilon=");
    }

    @Test
    void duplicateKeysAreRefusedWherever() throws Exception {
        // a reader sees epsilon 1.0, the run would certify 100
        refusedConfig("dup.yaml", "method:\n  type: model_clipping\n  epsilon: 1.0\n  epsilon: 100\n",
                "dup.yaml:4:10: method.epsilon: duplicate key");
        refusedConfig("dup-top.yaml", "seed: 1\nmethod: {type: retrain}\nseed: 2\n", "dup-top.yaml:3:5: seed: duplicate key");
        refusedConfig("dup.json", "{\"method\": {\"type\": \"model_clipping\", \"sigma\": 1, \"sigma\": 2}}",
                "dup.json:1:58: method.sigma: duplicate key");
        refusedArgs("--param epsilon is given twice", "accountant", "calc", "--method", "model_clipping",
                "--param", "epsilon=1", "--param", "epsilon=100");
        refusedArgs("--param eps: epsilon is given twice", "unlearn", "--preset", "mnist-modelclip",
                "--param", "epsilon=1", "--param", "eps=100", "--out", tmp.resolve("p").toString());
        // sweep task lists
        Path tasks = Files.writeString(tmp.resolve("tasks.json"),
                "[{\"id\": \"a\", \"id\": \"b\", \"config\": \"{}\", \"output_dir\": \"x\"}]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepFiles.readTasks(tasks));
        assertTrue(e.getMessage().contains("tasks.json:1:18: [0].id: duplicate key"), e.getMessage());
    }

    @Test
    void valuesOutsideTheDeclaredRangeAreRefusedWithTheRange() throws Exception {
        // 1e308 once overflowed inside the accountants into unrelated messages ("sigma must be > 0")
        refusedArgs("epsilon must be in (0, 1000] (got 1.0E308)", "accountant", "calc", "--method",
                "output_perturbation", "--param", "epsilon=1e308");
        refusedArgs("--param epsilon: epsilon must be in (0, 1000] (got 1.0E308)", "unlearn", "--preset",
                "mnist-gradclip", "--param", "epsilon=1e308", "--out", tmp.resolve("p").toString());
        refusedArgs("sigma must be a number (got '2.5f')", "accountant", "calc", "--method", "model_clipping",
                "--param", "sigma=2.5f");
        refusedArgs("sigma must be a number (got 'NaN')", "accountant", "calc", "--method", "model_clipping",
                "--param", "sigma=NaN");
        // output perturbation with init_clip 1e300 produced NaN weights and was labelled certified
        refusedConfig("clip.yaml", "method:\n  type: output_perturbation\n  init_clip: 1e300\n",
                "clip.yaml:3:14: method.init_clip: must be in (0, 1.000e+06] (got 1.0E300)");
        refusedConfig("lr.yaml", "method: {type: retrain}\nfine_tune:\n  learning_rate: 1e308\n",
                "fine_tune.learning_rate must be in (0, 1000], got 1.0E308");
        refusedConfig("seed.yaml", "method: {type: retrain}\nseed: 1e308\n",
                "seed.yaml:2:7: seed: 1.0E308 is not a whole number");
    }

    @Test
    void aFolderOrBrokenFileAsConfigSaysSo() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("configs"));
        refusedArgs(dir + " is a folder, expected a file", "unlearn", "--config", dir.toString(), "--out",
                tmp.resolve("d").toString());
        refusedConfig("broken.yaml", "method:\n  type: model_clipping\n  sigma: [1\n", "broken.yaml:3:10: method.sigma");
        refusedConfig("syntax.yaml", "method:\n  type: model_clipping\n   sigma: 1\n", "syntax.yaml:3:");
    }
}
