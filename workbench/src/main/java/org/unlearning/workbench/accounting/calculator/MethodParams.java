package org.unlearning.workbench.accounting.calculator;

/**
 * Immutable parameters of one calculator call; one record per method. Optional fields are
 * nullable boxed values ("not fixed by the user"). Validation happens in
 * {@link UnlearningCalculator#calculate}.
 */
public sealed interface MethodParams permits GradientClippingParams, ModelClippingParams,
        OutputPerturbationParams, RetrainParams, DpSgdParams, NewtonParams {
    Method method();
}
