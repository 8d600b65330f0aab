package org.unlearning.workbench.engine.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.unlearning.workbench.engine.io.AtomicFiles;
import org.unlearning.workbench.engine.io.InputFiles;
import org.unlearning.workbench.engine.io.ParseErrors;
import org.unlearning.workbench.engine.io.StrictMappers;

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
 * snake_case keys), a finished run's row ({@code private/row.json} in its folder,
 * {@link org.unlearning.workbench.engine.run.RunDirectory#sweepRow()}) and the table of rows
 * ({@code results.csv}: a header of every column in first-seen order, one line per row in task
 * order; null is an empty cell, numbers in Java's shortest round-trip form).
 */
public final class SweepFiles {
    /** Strict ({@link StrictMappers}: duplicate keys and coercions refused), snake_case keys. */
    private static final ObjectMapper JSON = StrictMappers.jsonBuilder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private SweepFiles() {}

    public static void writeTasks(Path file, List<SweepTask> tasks) throws IOException {
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tasks));
    }

    /** Reads a task list; errors name the file and what is wrong. */
    public static List<SweepTask> readTasks(Path file) throws IOException {
        byte[] text;
        try {
            text = InputFiles.readBytes(file, StrictMappers.MAX_TEXT_BYTES);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException("task list " + file + " does not exist");
        }
        List<SweepTask> tasks;
        try {
            tasks = JSON.readValue(text, new TypeReference<List<SweepTask>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(ParseErrors.describe("task list " + file, e).getMessage(), e);
        }
        if (tasks == null || tasks.isEmpty()) {
            throw new IllegalArgumentException("task list " + file + " holds no task");
        }
        return List.copyOf(tasks);
    }

    public static void writeRow(Path file, ResultRow row) throws IOException {
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(row));
    }

    public static ResultRow readRow(Path file) throws IOException {
        return StrictMappers.read(file, ResultRow.class, JSON);
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
