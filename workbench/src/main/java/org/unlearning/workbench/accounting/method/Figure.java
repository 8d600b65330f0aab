package org.unlearning.workbench.accounting.method;

/**
 * A secondary number shown next to the certified one (e.g. the legacy authors' ε, the classical σ,
 * the looser classic conversion), with a label that says what it is and whether it is certified.
 */
public record Figure(String key, String label, double value, boolean certified) {}
