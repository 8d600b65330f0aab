package org.unlearning.workbench.accounting.method;

import java.util.Map;

/**
 * One kind of accountant test vector (theory.md §11, e.g. {@code gradclip_T}): evaluates the inputs
 * and returns the outputs by key (Double, Long, Boolean, double[] or null; +∞ allowed).
 */
@FunctionalInterface
public interface VectorKind {
    Map<String, Object> evaluate(VectorInputs in);
}
