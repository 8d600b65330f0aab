package org.unlearning.workbench.engine.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One run of a sweep, as handed to an engine (a local worker pool or a Spark executor): immutable,
 * JSON-serialisable ({@link SweepTasks}) and {@link Serializable} (Spark ships it by Java
 * serialisation).
 *
 * @param id        hash of the run's configuration ({@link #idOf}): equal configurations, equal ids
 *                  (the key of resume and of the run's folder)
 * @param config    the run's configuration as JSON text (what the executor parses)
 * @param outputDir the run's folder; a relative path is resolved by the executor against its base
 *                  directory (see {@link UnlearningTaskExecutor})
 * @param labels    axis values of the sweep point (column → value, in column order), copied in
 *                  front of the run's columns of its result row
 */
public record SweepTask(String id, String config, String outputDir, Map<String, String> labels)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public SweepTask {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a sweep task needs an id");
        }
        if (config == null || config.isBlank()) {
            throw new IllegalArgumentException("sweep task " + id + " has no configuration");
        }
        if (outputDir == null || outputDir.isBlank()) {
            throw new IllegalArgumentException("sweep task " + id + " has no output folder");
        }
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** A task whose id is the hash of {@code configJson}. */
    public static SweepTask of(String configJson, String outputDir, Map<String, String> labels) {
        return new SweepTask(idOf(configJson), configJson, outputDir, labels);
    }

    /**
     * Checks that no two tasks share an id (the same configuration twice would write one folder
     * from two runs at once); returns {@code tasks}.
     */
    public static List<SweepTask> requireDistinctIds(List<SweepTask> tasks) {
        Set<String> seen = new HashSet<>();
        for (SweepTask t : tasks) {
            if (!seen.add(t.id())) {
                throw new IllegalArgumentException("task " + t.id() + " appears twice: the same configuration "
                        + "(same seed) would run twice into one folder");
            }
        }
        return tasks;
    }

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * First 16 hex digits of the SHA-256 of the configuration in canonical form (keys sorted, no
     * white space), so that formatting and key order do not change the id.
     */
    public static String idOf(String configJson) {
        try {
            Object tree = CANONICAL.readValue(configJson, Object.class);
            byte[] canonical = CANONICAL.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8);
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical);
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("configuration is not JSON: " + e.getOriginalMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
