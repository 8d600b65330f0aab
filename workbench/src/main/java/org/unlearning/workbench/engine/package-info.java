/**
 * The engine: data sets and forget sets ({@code data}), DL4J models ({@code model}), training of
 * original models ({@code train}), certified unlearning ({@code unlearn}) and run records,
 * listeners and certificates ({@code run}); reading untrusted files and writing run folders
 * safely ({@code io}). Depends on {@code accounting}; never on JavaFX.
 */
package org.unlearning.workbench.engine;
