package org.unlearning.workbench.engine.sweep;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.io.Serializable;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of a sweep's {@code results.csv}: column → value in column order. Values are
 * {@code String}, {@code Long}, {@code Double}, {@code Boolean} or null (empty cell), so a row is
 * {@link Serializable} (Spark returns it to the driver) and JSON-serialisable (a run's
 * {@code row.json}).
 */
public record ResultRow(@JsonValue Map<String, Object> values) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The outcome: the certificate's status of a run that completed, else one of the three below. */
    public static final String STATUS = "status";
    /** Status of a run whose configuration was rejected before it started (nothing written). */
    public static final String REFUSED = "refused";
    /** Status of a run that stopped on an error. */
    public static final String FAILED = "failed";
    /** Status of a run stopped by its cancel token (a resumed sweep runs it again). */
    public static final String CANCELLED = "cancelled";

    /** Wall time of the run. Differs between two executions of the same task. */
    public static final String WALL_SECONDS = "wall_seconds";
    /** Wall time until the run first reached its target accuracy. Differs like {@link #WALL_SECONDS}. */
    public static final String WALL_SECONDS_TO_TARGET = "wall_seconds_to_target";
    /** The run's folder. Differs between engines and output locations. */
    public static final String RUN_FOLDER = "run_folder";
    /** Columns that differ between engines or reruns of the same task; every other column does not. */
    public static final List<String> VOLATILE_COLUMNS = List.of(WALL_SECONDS, WALL_SECONDS_TO_TARGET, RUN_FOLDER);

    @JsonCreator
    public ResultRow {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            m.put(e.getKey(), normalised(e.getKey(), e.getValue()));
        }
        values = Collections.unmodifiableMap(m);
    }

    /** Whole numbers as {@code Long}, others as {@code Double}: a row read back from JSON equals the row written. */
    private static Object normalised(String column, Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        throw new IllegalArgumentException("result column " + column + " holds a " + v.getClass().getSimpleName()
                + "; only text, whole numbers (long), doubles and booleans are allowed");
    }

    /** True when the run completed (whatever its certificate says): not refused, failed or cancelled. */
    public boolean completed() {
        Object s = values.get(STATUS);
        return s != null && !List.of(REFUSED, FAILED, CANCELLED).contains(s);
    }

    public List<String> columns() {
        return List.copyOf(values.keySet());
    }

    public Object get(String column) {
        return values.get(column);
    }

    /** This row without {@code columns}. */
    public ResultRow without(Collection<String> columns) {
        Map<String, Object> m = new LinkedHashMap<>(values);
        m.keySet().removeAll(columns);
        return new ResultRow(m);
    }

    /** The columns that any engine reproduces exactly for seeded runs (all but {@link #VOLATILE_COLUMNS}). */
    public ResultRow stable() {
        return without(VOLATILE_COLUMNS);
    }
}
