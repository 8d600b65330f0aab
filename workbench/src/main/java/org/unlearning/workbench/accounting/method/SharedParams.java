package org.unlearning.workbench.accounting.method;

/**
 * Parameters several methods declare alike, declared once here; a method's record points to them
 * ({@code @Param(key = "epsilon", from = SharedParams.class)}).
 *
 * @param epsilon   target ε &gt; 0
 * @param delta     target δ ∈ (0, 1)
 * @param batchSize minibatch size of noisy steps on the retain set (not an accountant input)
 */
public record SharedParams(
        @Param(key = "epsilon", aliases = "eps", name = "Privacy level epsilon", symbol = "ε", unit = "nats",
                min = 0, minInclusive = false, max = 1000, dflt = "1.0", log = true, slider = {0.01, 100},
                tooltip = "How much the released model may depend on your data; smaller is more private (more noise). Log-scale slider.")
        double epsilon,
        @Param(key = "delta", name = "Failure probability delta", symbol = "δ", unit = "probability", min = 0,
                minInclusive = false, max = 1, maxInclusive = false, dflt = "1e-5", log = true, slider = {1e-12, 0.1},
                tooltip = "Probability that the epsilon bound fails; keep it well below 1 / (number of people). Log-scale slider.")
        double delta,
        @Param(key = "batch_size", name = "Batch size", symbol = "B", unit = "examples", min = 1, max = 1_000_000,
                dflt = "128", log = true, use = Param.Use.RUN,
                tooltip = "Minibatch size of the noisy steps, drawn from the retained data only (does not enter the accountant).")
        int batchSize) {
}
