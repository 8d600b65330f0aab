package org.unlearning.workbench.app.report;

/**
 * One table row of a report: a name and a value; {@code group} rows are sub-headings spanning the
 * table, {@code mono} values (hashes) are set in the monospaced face so they copy out whole.
 */
record Row(String name, String value, boolean mono, boolean group) {
    static Row of(String name, String value) {
        return new Row(name, value, false, false);
    }

    static Row mono(String name, String value) {
        return new Row(name, value, true, false);
    }

    static Row group(String name) {
        return new Row(name, "", false, true);
    }
}
