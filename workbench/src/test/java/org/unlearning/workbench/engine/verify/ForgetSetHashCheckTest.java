package org.unlearning.workbench.engine.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearning.workbench.engine.data.DatasetLoader;
import org.unlearning.workbench.engine.data.DatasetSplit;
import org.unlearning.workbench.engine.data.ForgetSet;
import org.unlearning.workbench.engine.run.DeletionRequests;
import org.unlearning.workbench.engine.run.RunDirectory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The forget set rebuilt from a certificate's data record (structured keys or the rule's text). */
class ForgetSetHashCheckTest {
    @TempDir
    Path tmp;

    private final ObjectMapper json = new ObjectMapper();

    private ObjectNode certificate(String rule, long seed, double vf, String sha, int request) {
        ObjectNode c = json.createObjectNode();
        c.put("status", "certified");
        c.put("method", "retrain");
        c.put("request", request);
        ObjectNode d = c.putObject("data");
        d.put("split_seed", seed);
        d.put("validation_fraction", vf);
        d.put("forget_set_rule", rule);
        d.put("forget_set_sha256", sha);
        return c;
    }

    private ReleaseUnderCheck open(ObjectNode cert) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "run");
        Path f = RunDirectory.of(dir).certificateFile();
        Files.createDirectories(f.getParent());
        json.writeValue(f.toFile(), cert);
        return ReleaseUnderCheck.open(dir, "bundled");
    }

    @Test
    void theRuleTextOfASingleRequestAndOfRequestKOfMIsParsed() {
        ForgetRule one = ForgetRule.of(certificate("random forget_fraction 0.1 of the training part, drawn with "
                + "split_seed (random 720 of 7200 (seed 3))", 3, 0.1, "x", 1));
        assertEquals(new ForgetRule(3, 0.1, 0.1, null, 1), one);
        ForgetRule k = ForgetRule.of(certificate("request 2 of 3 disjoint random requests of forget_fraction 0.05 "
                + "each, drawn with split_seed (request 2: random 360 of 7200 (seed 0))", 0, 0.1, "x", 2));
        assertEquals(new ForgetRule(0, 0.1, 0.05, 3, 2), k);
        IllegalArgumentException file = assertThrows(IllegalArgumentException.class, () -> ForgetRule.of(
                certificate("indices listed in forget.txt (12 indices)", 0, 0.1, "x", 1)));
        assertTrue(file.getMessage().contains("cannot be rebuilt"), file.getMessage());
        ObjectNode noData = json.createObjectNode();
        assertThrows(IllegalArgumentException.class, () -> ForgetRule.of(noData));
    }

    @Test
    void aForgetSetRebuiltFromTheDataMatchesOnlyWithTheRecordedSeed() throws Exception {
        DatasetSplit split = DatasetLoader.bundled().withValidation(0.1, 4);
        ForgetSet single = ForgetSet.randomFraction(split.train(), 0.1, 4);
        String rule = "random forget_fraction 0.1 of the training part, drawn with split_seed";
        CheckResult ok = new ForgetSetHashCheck().check(open(certificate(rule, 4, 0.1, single.sha256(), 1)));
        assertTrue(ok.passed(), ok.line());
        CheckResult otherSeed = new ForgetSetHashCheck().check(open(certificate(rule, 5, 0.1, single.sha256(), 1)));
        assertFalse(otherSeed.passed(), otherSeed.line());
        assertTrue(otherSeed.detail().contains("the certificate says " + single.sha256()), otherSeed.line());

        List<int[]> requests = DeletionRequests.random(split.train().size(), 3, 0.05, 4);
        String second = ForgetSet.ofIndices(split.train().size(), requests.get(1), "r2").sha256();
        CheckResult k = new ForgetSetHashCheck().check(open(certificate("request 2 of 3 disjoint random requests of "
                + "forget_fraction 0.05 each, drawn with split_seed", 4, 0.1, second, 2)));
        assertTrue(k.passed(), k.line());

        ReleaseUnderCheck r = open(certificate(rule, 4, 0.1, single.sha256(), 1));
        CheckResult data = new DatasetHashCheck().check(r);
        assertFalse(data.passed(), "no dataset_sha256 recorded: " + data.line());
        assertNull(r.dataProblem());
    }
}
