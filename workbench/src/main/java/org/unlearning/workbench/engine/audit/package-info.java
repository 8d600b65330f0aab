/**
 * Canaries and attack scores for the audit (theory.md §15.4): a seeded
 * {@link org.unlearning.workbench.engine.audit.CanarySet} planted in a copy of a training set, and
 * the per-example statistics {@link org.unlearning.workbench.engine.audit.CanaryScores} of a model
 * on them. The bounds themselves are in {@code accounting.audit}.
 */
package org.unlearning.workbench.engine.audit;
