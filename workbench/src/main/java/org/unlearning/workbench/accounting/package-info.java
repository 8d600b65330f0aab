/**
 * Privacy accountants: pure double-precision mathematics of theory.md (no ND4J, no JavaFX).
 * Everything the workbench certifies is computed here, and the live calculator of the window
 * calls the same code the engine uses to certify a run.
 */
package org.unlearning.workbench.accounting;
