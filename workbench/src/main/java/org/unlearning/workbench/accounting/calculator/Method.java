package org.unlearning.workbench.accounting.calculator;

/** The unlearning methods the calculator covers (theory.md §13). */
public enum Method {
    GRADIENT_CLIPPING("gradient_clipping", "Gradient clipping (noisy fine-tuning, Paper A eq. 3)"),
    MODEL_CLIPPING("model_clipping", "Model clipping (noisy projected fine-tuning, Paper A eq. 4)"),
    OUTPUT_PERTURBATION("output_perturbation", "Output perturbation (clip the model, add noise once)"),
    RETRAIN("retrain", "Retrain from scratch on the retained data (exact unlearning)"),
    DP_SGD("dp_sgd", "DP-SGD-trained model with group privacy (no unlearning step)"),
    NEWTON("newton", "Newton update with LiSSA + Gaussian noise (Paper B)");

    private final String key;
    private final String title;

    Method(String key, String title) {
        this.key = key;
        this.title = title;
    }

    /** Stable name used on the command line and in JSON ("gradient_clipping", …). */
    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    /** Parses a key (case-insensitive, '-' or '_'). */
    public static Method fromKey(String s) {
        String k = s.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
        for (Method m : values()) {
            if (m.key.equals(k)) {
                return m;
            }
        }
        throw new IllegalArgumentException("method must be one of gradient_clipping, model_clipping, "
                + "output_perturbation, retrain, dp_sgd, newton (got '" + s + "')");
    }
}
