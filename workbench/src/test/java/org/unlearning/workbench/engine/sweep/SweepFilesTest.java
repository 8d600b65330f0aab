package org.unlearning.workbench.engine.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tasks, rows and results.csv survive the trips an engine makes: JSON files, Java serialisation, CSV. */
class SweepFilesTest {
    private static final String CONFIG = "{\"method\": {\"type\": \"retrain\", \"epsilon\": 1.0}, \"seed\": 3}";

    @Test
    void theIdIsTheHashOfTheConfigurationWhateverItsFormatting() {
        String reordered = "{ \"seed\" : 3,\n  \"method\" : { \"epsilon\" : 1.0, \"type\" : \"retrain\" } }";
        assertEquals(SweepTask.idOf(CONFIG), SweepTask.idOf(reordered));
        assertNotEquals(SweepTask.idOf(CONFIG), SweepTask.idOf(CONFIG.replace("3", "4")));
        assertTrue(SweepTask.idOf(CONFIG).matches("[0-9a-f]{16}"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepTask.idOf("{seed: "));
        assertTrue(e.getMessage().startsWith("configuration is not JSON"), e.getMessage());
    }

    @Test
    void taskListsRoundTripThroughJsonInOrderWithTheirLabels(@TempDir Path dir) throws IOException {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("epsilon", "0.3");
        labels.put("method", "retrain");
        List<SweepTask> tasks = List.of(SweepTask.of(CONFIG, "runs/a", labels),
                SweepTask.of(CONFIG.replace("3", "4"), "runs/b", null));
        Path file = dir.resolve("tasks.json");
        SweepFiles.writeTasks(file, tasks);
        List<SweepTask> back = SweepFiles.readTasks(file);
        assertEquals(tasks, back);
        assertEquals(List.of("epsilon", "method"), List.copyOf(back.get(0).labels().keySet()));
        assertEquals(tasks, SweepTask.requireDistinctIds(tasks));
        List<SweepTask> twice = List.of(tasks.get(0), SweepTask.of(CONFIG, "runs/c", null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SweepTask.requireDistinctIds(twice));
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
    }

    @Test
    void aBadTaskListIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tasks.json");
        Files.writeString(file, "[{\"id\": \"x\", \"config\": \"{}\"}]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepFiles.readTasks(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("output folder"), e.getMessage());
        Files.writeString(file, "[]");
        assertThrows(IllegalArgumentException.class, () -> SweepFiles.readTasks(file));
        assertThrows(IOException.class, () -> SweepFiles.readTasks(dir.resolve("missing.json")));
    }

    @Test
    void rowsKeepTheirColumnOrderAndValuesThroughJsonAndJavaSerialisation(@TempDir Path dir) throws Exception {
        ResultRow row = row("a", 7, 0.1 + 0.2, null, "certified");
        assertEquals(7L, row.get("steps"), "whole numbers are longs");
        Path file = dir.resolve("row.json");
        SweepFiles.writeRow(file, row);
        ResultRow back = SweepFiles.readRow(file);
        assertEquals(row, back);
        assertEquals(row.columns(), back.columns());
        assertEquals(row, deserialise(serialise(row)));
        SweepTask task = SweepTask.of(CONFIG, "runs/a", Map.of("k", "v"));
        assertEquals(task, deserialise(serialise(task)));
        assertThrows(IllegalArgumentException.class, () -> new ResultRow(Map.of("x", List.of())));
    }

    @Test
    void stableRowsDropWallTimesAndFolders() {
        ResultRow row = row("a", 7, 0.5, 1.25, "cancelled");
        assertFalse(row.stable().columns().contains(ResultRow.WALL_SECONDS));
        assertFalse(row.stable().columns().contains(ResultRow.RUN_FOLDER));
        assertEquals(List.of("task_id", "steps", "accuracy", ResultRow.STATUS), row.stable().columns());
        assertFalse(row.completed());
        assertTrue(row("a", 1, 0.5, 1.0, "not_certified").completed());
    }

    @Test
    void resultsCsvHasEveryColumnOnceAndRowsInOrder(@TempDir Path dir) throws IOException {
        Map<String, Object> labelled = new LinkedHashMap<>();
        labelled.put("epsilon", "0.3");
        labelled.putAll(row("b", 2, 0.25, 3.0, "refused").values());
        List<ResultRow> rows = List.of(row("a", 1, 0.1 + 0.2, null, "certified"), new ResultRow(labelled));
        Path csv = dir.resolve("results.csv");
        SweepFiles.writeCsv(csv, rows);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("task_id,steps,accuracy,status,wall_seconds,run_folder,epsilon", lines.get(0));
        assertEquals("a,1,0.30000000000000004,certified,,runs/a,", lines.get(1));
        List<Map<String, String>> back = SweepFiles.readCsv(csv);
        assertEquals("0.3", back.get(1).get("epsilon"));
        assertEquals("3.0", back.get(1).get(ResultRow.WALL_SECONDS));
        assertEquals("", back.get(0).get("epsilon"));
    }

    private static ResultRow row(String id, int steps, double accuracy, Double wall, String status) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task_id", id);
        m.put("steps", steps);
        m.put("accuracy", accuracy);
        m.put(ResultRow.STATUS, status);
        m.put(ResultRow.WALL_SECONDS, wall);
        m.put(ResultRow.RUN_FOLDER, "runs/" + id);
        return new ResultRow(m);
    }

    private static byte[] serialise(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static Object deserialise(byte[] b) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
            return in.readObject();
        }
    }
}
