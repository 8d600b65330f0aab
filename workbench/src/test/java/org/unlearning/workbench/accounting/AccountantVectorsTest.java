package org.unlearning.workbench.accounting;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.unlearning.workbench.accounting.vectors.VectorRunner;
import org.unlearning.workbench.engine.io.StrictMappers;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every public vector (theory.md §11) through the same runner the CLI uses. */
class AccountantVectorsTest {
    static Stream<JsonNode> vectors() throws Exception {
        Path p = Path.of(AccountantVectorsTest.class.getResource("/accountant-vectors.json").toURI());
        List<JsonNode> v = VectorRunner.vectors(StrictMappers.readTree(p), p.toString());
        assertEquals(49, v.size());
        return v.stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("vectors")
    void vectorPasses(JsonNode vector) {
        VectorRunner.Outcome o = VectorRunner.check(vector);
        assertTrue(o.passed(), () -> o.id() + ": " + o.mismatches());
    }
}
