package org.unlearning.workbench.engine.unlearn.newton;

/**
 * Outcome of {@link LissaSolver#solve}.
 *
 * @param solution            v ≈ A⁻¹g, the mean of h_{s2}/H over the repetitions (the last,
 *                            possibly partial, repetition is included when the run diverged)
 * @param diverged            the recursion was detected to diverge; {@code solution} is then
 *                            not an estimate of A⁻¹g
 * @param divergenceReason    why (null when not diverged)
 * @param recursionResidual   mean of ‖h_j − h_{j−1}‖/‖g‖ = ‖g − A_β h_{j−1}/H‖/‖g‖ over the
 *                            last tenth of the steps of every repetition: → 0 for a fixed
 *                            operator; for sampled Hessians it levels off at the sampling noise
 * @param residualTrace       the same relative increment, averaged over repetitions, at up to
 *                            {@value LissaSolver#TRACE_POINTS} evenly spaced depths
 * @param traceDepths         the depths j of {@code residualTrace}
 * @param repetitionSpread    mean ‖r_i − v‖/‖v‖ over repetitions (0 for one repetition)
 * @param hessianProducts     number of Hessian-vector products evaluated
 * @param examplesProcessed   per-example gradients those products cost
 */
public record LissaResult(double[] solution, boolean diverged, String divergenceReason,
                          double recursionResidual, double[] residualTrace, int[] traceDepths,
                          double repetitionSpread, long hessianProducts, long examplesProcessed) {
}
