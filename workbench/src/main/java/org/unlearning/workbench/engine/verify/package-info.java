/**
 * {@code verify}: independent checks of a released run against its certificate (theory.md §14) —
 * the released model's hash and finiteness, the achieved (ε, δ) recomputed from the recorded inputs
 * with the method's accountant (not the run's ledger), the status vocabulary, the data and forget-set
 * hashes when the data is at hand. One small class per check ({@link ReleaseCheck}); the
 * {@link CertificateVerifier} runs them.
 */
package org.unlearning.workbench.engine.verify;
