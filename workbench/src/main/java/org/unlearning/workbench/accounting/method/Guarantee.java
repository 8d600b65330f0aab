package org.unlearning.workbench.accounting.method;

/**
 * What a running {@link Ledger} certifies for the steps it recorded: (ε, δ), or the reason there is
 * no guarantee.
 *
 * @param epsilon achieved ε (null when not certified)
 * @param delta   achieved δ (null when not certified)
 * @param problem why nothing can be certified (null when certified)
 */
public record Guarantee(Double epsilon, Double delta, String problem) {
    public static Guarantee of(double epsilon, double delta) {
        return new Guarantee(epsilon, delta, null);
    }

    public static Guarantee none(String problem) {
        return new Guarantee(null, null, problem);
    }

    public boolean certified() {
        return problem == null;
    }
}
