package org.unlearning.workbench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The arrows point one way: accounting (pure math) ← engine (DL4J) ← app (JavaFX, CLI). */
class LayeringTest {
    private static final Path SRC = Path.of("workbench/src/main/java/org/unlearning/workbench");

    @Test
    void accountingImportsNeitherNd4jNorJavaFxNorUpperLayers() throws IOException {
        List<String> bad = offending(SRC.resolve("accounting"),
                "org.nd4j", "org.deeplearning4j", "javafx", "org.unlearning.workbench.engine",
                "org.unlearning.workbench.app", "java.awt", "org.jfree");
        assertEquals(List.of(), bad);
    }

    @Test
    void engineImportsNoJavaFxAndNoApp() throws IOException {
        List<String> bad = offending(SRC.resolve("engine"),
                "javafx", "org.unlearning.workbench.app", "org.controlsfx", "org.jfree");
        assertEquals(List.of(), bad);
    }

    @Test
    void chartsAndReportsNeedNoJavaFxAndServeBothCliAndWindow() throws IOException {
        for (String pkg : new String[] {"app/chart", "app/report"}) {
            assertEquals(List.of(), offending(SRC.resolve(pkg), "javafx", "org.controlsfx", "org.jfree.chart.fx",
                    "org.unlearning.workbench.app.fx", "org.unlearning.workbench.app.cli"));
        }
        assertEquals(List.of(), offending(SRC.resolve("app/cli"), "javafx", "org.unlearning.workbench.app.fx"));
        assertEquals(List.of(), offending(SRC.resolve("app/fx"), "org.unlearning.workbench.app.cli"));
    }

    @Test
    void layersExist() {
        assertTrue(Files.isDirectory(SRC.resolve("accounting")));
        assertTrue(Files.isDirectory(SRC.resolve("engine")));
        assertTrue(Files.isDirectory(SRC.resolve("app")));
    }

    private static List<String> offending(Path dir, String... forbidden) throws IOException {
        List<String> bad = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return bad;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                for (String line : Files.readAllLines(f)) {
                    String t = line.trim();
                    if (!t.startsWith("import ")) {
                        continue;
                    }
                    for (String prefix : forbidden) {
                        if (t.startsWith("import " + prefix) || t.startsWith("import static " + prefix)) {
                            bad.add(f + ": " + t);
                        }
                    }
                }
            }
        }
        return bad;
    }
}
