package org.unlearning.workbench.accounting;

/**
 * An (ε, δ) figure obtained from a Rényi curve, with the Rényi order α that attains it
 * (α is 0 when ε = 0 was obtained without an order, e.g. ρ_R = 0).
 */
public record ConversionResult(double epsilon, double alpha) {}
