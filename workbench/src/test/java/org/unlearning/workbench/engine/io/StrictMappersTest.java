package org.unlearning.workbench.engine.io;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Strict parsing (issue #12, defects 5/6): no silent coercions, every error one line with file, line, column and key. */
class StrictMappersTest {
    /** A configuration shaped like the run configurations (snake_case keys, boxed and primitive values). */
    record Config(Double epsilon, double delta, Boolean retrainBaseline, boolean quiet, Integer steps, String name,
                  List<Integer> classes, Map<String, Double> params, Mode mode) {}

    enum Mode { FAST, EXACT }

    private static final YAMLMapper SNAKE_YAML = StrictMappers.yamlBuilder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            epsilon: 1.0\\nepsilon: 100                | cfg.yaml:2:8: epsilon: duplicate key (each key may appear only once)
            params:\\n  a: 1\\n  a: 2                  | cfg.yaml:3:4: params.a: duplicate key (each key may appear only once)
            epsilon:                                    | cfg.yaml:1:9: epsilon: empty value (write a value, or leave the key out)
            epsilon: ''                                 | cfg.yaml:1:10: epsilon: an empty text is not a number (expected number)
            epsilon: abc                                | cfg.yaml:1:10: epsilon: "abc" is not a number (expected number)
            epsilon: '1.5'                              | cfg.yaml:1:10: epsilon: "1.5" is not a number (expected number)
            epsilon: 1e999                              | cfg.yaml:1:10: epsilon: 1e999 is not a finite number
            epsilon: .nan                               | cfg.yaml:1:14: YAML syntax error: Malformed numeric value '.nan'
            retrain_baseline: yes                       | cfg.yaml:1:19: retrain_baseline: yes is not a boolean (expected true or false)
            retrain_baseline: True                      | cfg.yaml:1:19: retrain_baseline: True is not a boolean (expected true or false)
            retrain_baseline: 1                         | cfg.yaml:1:19: retrain_baseline: 1 is not a boolean (expected true or false)
            retrain_baseline: 'true'                    | cfg.yaml:1:19: retrain_baseline: "true" is not a boolean (expected true or false)
            quiet: ~                                    | cfg.yaml:1:9: quiet: empty value (write a value, or leave the key out)
            steps: 1.5                                  | cfg.yaml:1:8: steps: 1.5 is not a whole number (expected whole number)
            steps: '3'                                  | cfg.yaml:1:8: steps: "3" is not a whole number (expected whole number)
            steps: 99999999999                          | cfg.yaml:1:19: steps: Numeric value (99999999999) out of range of int (-2147483648 - 2147483647)
            name: 2024                                  | cfg.yaml:1:7: name: 2024 is not text (expected text)
            classes: [1, x]                             | cfg.yaml:1:14: classes[1]: "x" is not a whole number (expected whole number)
            classes: 3                                  | cfg.yaml:1:10: classes: a whole number is not a list (expected list)
            mode: 1                                     | cfg.yaml:1:7: mode: 1 is not one of FAST, EXACT (expected one of FAST, EXACT)
            epsiln: 1                                   | cfg.yaml:1:10: unknown key 'epsiln' (known: classes, delta, epsilon, mode, name, params, quiet, retrain_baseline, steps)
            epsilon: 1\\n\\tdelta: 2                    | cfg.yaml:2:1: YAML syntax error: found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation) (while scanning for the next token)
            classes: [1, 2                              | cfg.yaml:1:15: YAML syntax error: expected ',' or ']', but got <stream end> (while parsing a flow sequence)
            """)
    void yamlErrorsSayFileLineColumnKeyAndExpectedType(String text, String message, @TempDir Path dir) throws IOException {
        Path f = dir.resolve("cfg.yaml");
        Files.writeString(f, text.replace("\\n", "\n").replace("\\t", "\t"));
        InputFileException e = assertThrows(InputFileException.class, () -> StrictMappers.read(f, Config.class, SNAKE_YAML));
        assertEquals(dir + "/" + message, e.getMessage());
    }

    @Test
    void validYamlAndJsonRead(@TempDir Path dir) throws IOException {
        Path y = dir.resolve("ok.yaml");
        Files.writeString(y, "epsilon: 1\ndelta: 1.0e-5\nretrain_baseline: false\nsteps: 3\nname: run\nclasses: [3, 7]\n"
                + "params: {a: 0.5}\nmode: EXACT\n");
        assertEquals(new Config(1.0, 1e-5, false, false, 3, "run", List.of(3, 7), Map.of("a", 0.5), Mode.EXACT),
                StrictMappers.read(y, Config.class, SNAKE_YAML));
        Path j = dir.resolve("ok.json");
        Files.writeString(j, "{\"epsilon\": 2, \"quiet\": true}");
        assertEquals(new Config(2.0, 0, null, true, null, null, null, null, null), StrictMappers.read(j, Config.class));
    }

    @Test
    void jsonDuplicatesAndTreesAreRefusedToo(@TempDir Path dir) throws IOException {
        Path j = dir.resolve("x.json");
        Files.writeString(j, "{\"a\": {\"b\": 1,\n \"b\": 2}}");
        assertEquals(j + ":2:5: a.b: duplicate key (each key may appear only once)",
                assertThrows(InputFileException.class, () -> StrictMappers.readTree(j)).getMessage());
        Files.writeString(j, "{\"epsilon\": null, \"quiet\": null}");
        assertEquals(j + ":1:28: quiet: empty value (expected true or false)",
                assertThrows(InputFileException.class, () -> StrictMappers.read(j, Config.class)).getMessage());
        Files.writeString(j, "{\"epsilon\": 1} {\"epsilon\": 2}");
        assertEquals(j + ":1:16: more content after the end of the document",
                assertThrows(InputFileException.class, () -> StrictMappers.read(j, Config.class)).getMessage());
    }

    @Test
    void filesThatAreNotFilesAreNamed(@TempDir Path dir) throws IOException {
        assertEquals(dir + " is a folder, expected a file",
                assertThrows(IOException.class, () -> StrictMappers.read(dir, Config.class)).getMessage());
        Path empty = dir.resolve("e.yaml");
        Files.writeString(empty, "");
        assertEquals(empty + ": empty or null (expected mapping)",
                assertThrows(IOException.class, () -> StrictMappers.read(empty, Config.class)).getMessage());
        Path big = dir.resolve("big.json");
        HostileFiles.sparse(big, "{".getBytes(), StrictMappers.MAX_TEXT_BYTES + 1);
        assertEquals(big + " is too large (" + (StrictMappers.MAX_TEXT_BYTES + 1) + " bytes; at most "
                + StrictMappers.MAX_TEXT_BYTES + " expected)",
                assertThrows(IOException.class, () -> StrictMappers.read(big, Config.class)).getMessage());
    }
}
