package org.unlearning.workbench.engine.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.unlearning.workbench.engine.io.AtomicFiles;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files of a sweep: the task list ({@code tasks.json}, a JSON array of {@link SweepTask}s with
 * snake_case keys), a finished run's row ({@code row.json} in its folder) and the table of rows
 * ({@code results.csv}: a header of every column in first-seen order, one line per row in task
 * order; null is an empty cell, numbers in Java's shortest round-trip form).
 */
public final class SweepFiles {
    /** A finished run's row, in the run's folder. */
    public static final String ROW_JSON = "row.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private SweepFiles() {}

    public static void writeTasks(Path file, List<SweepTask> tasks) throws IOException {
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tasks));
    }

    /** Reads a task list; errors name the file and what is wrong. */
    public static List<SweepTask> readTasks(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException("task list " + file + " does not exist");
        }
        try {
            List<SweepTask> tasks = JSON.readValue(text, new TypeReference<List<SweepTask>>() {});
            if (tasks == null || tasks.isEmpty()) {
                throw new IllegalArgumentException("task list " + file + " holds no task");
            }
            return List.copyOf(tasks);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : null;
            throw new IllegalArgumentException("task list " + file + ": "
                    + (cause != null ? cause.getMessage() : e.getOriginalMessage()), e);
        }
    }

    public static void writeRow(Path file, ResultRow row) throws IOException {
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(row));
    }

    public static ResultRow readRow(Path file) throws IOException {
        return JSON.readValue(file.toFile(), ResultRow.class);
    }

    /** Writes {@code rows} as {@code results.csv} (see the class comment), atomically ({@link AtomicFiles}). */
    public static void writeCsv(Path file, List<ResultRow> rows) throws IOException {
        AtomicFiles.write(file, csv(rows));
    }

    /** The text of a {@code results.csv} of {@code rows}. */
    public static String csv(List<ResultRow> rows) {
        Set<String> columns = new LinkedHashSet<>();
        for (ResultRow r : rows) {
            columns.addAll(r.columns());
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(columns.toArray(String[]::new))
                .setRecordSeparator("\n").build();
        StringWriter w = new StringWriter();
        try (CSVPrinter out = new CSVPrinter(w, format)) {
            for (ResultRow r : rows) {
                List<String> cells = new ArrayList<>(columns.size());
                for (String c : columns) {
                    Object v = r.get(c);
                    cells.add(v == null ? "" : v.toString());
                }
                out.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return w.toString();
    }

    /** Reads a {@code results.csv} back: one column → cell map per line, in file order. */
    public static List<Map<String, String>> readCsv(Path file) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVParser.parse(r, format)) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord rec : p) {
                rows.add(new LinkedHashMap<>(rec.toMap()));
            }
            return rows;
        }
    }
}
