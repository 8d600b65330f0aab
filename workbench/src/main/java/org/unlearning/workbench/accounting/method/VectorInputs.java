package org.unlearning.workbench.accounting.method;

/**
 * The inputs of one accountant test vector (theory.md §11), whatever file format carried them.
 * Every accessor rejects a missing or malformed value with an {@link IllegalArgumentException}
 * naming the key.
 */
public interface VectorInputs {
    boolean has(String key);

    /** A number; the strings "inf"/"nan" are +∞ / NaN. */
    double num(String key);

    /** A number, or {@code dflt} when absent or null. */
    double num(String key, double dflt);

    /** A whole number. */
    long integer(String key);

    /** Text, or {@code dflt} when absent or null. */
    String text(String key, String dflt);

    /** A boolean, or {@code dflt} when absent or null. */
    boolean flag(String key, boolean dflt);

    double[] array(String key);

    double[][] matrix(String key);

    /** An enum constant named by a text value (case-insensitive), or {@code dflt} when absent. */
    default <E extends Enum<E>> E choice(Class<E> type, String key, String dflt) {
        String value = text(key, dflt);
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(c.name().toLowerCase(java.util.Locale.ROOT));
            }
            throw new IllegalArgumentException(key + " must be one of " + allowed + " (got '" + value + "')");
        }
    }
}
