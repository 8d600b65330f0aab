package org.unlearning.workbench.engine.unlearn;

/** The plain-language guarantee written into certificates. */
final class Statement {
    private Statement() {}

    static String of(MethodKind method, double eps, double delta, int forgotten) {
        if (method == MethodKind.RETRAIN) {
            return "Exact unlearning: the model was retrained from scratch without the " + forgotten
                    + " forgotten examples, so it carries no information about them beyond what the remaining data "
                    + "and the seed determine (ε = 0, δ = 0).";
        }
        double advantage = (Math.exp(eps) - 1 + 2 * delta) / (Math.exp(eps) + 1); // total-variation bound of (ε, δ)
        return String.format(java.util.Locale.ROOT,
                "(ε, δ) = (%.4g, %.3g)-unlearning of %d examples: for every set of possible models, the probability "
                        + "that this procedure outputs a model in it is at most e^ε = %.4g times the probability "
                        + "for the same procedure run on data that never contained them, plus δ. An observer who "
                        + "sees the released model and tries to tell whether these examples were deleted or never "
                        + "used has an advantage of at most %.3g (true-positive rate ≤ e^ε × false-positive rate + δ).",
                eps, delta, forgotten, Math.exp(eps), Math.min(1.0, advantage));
    }

    static String notCertified(String reason) {
        return "No unlearning guarantee is stated for this model: " + reason + ".";
    }
}
