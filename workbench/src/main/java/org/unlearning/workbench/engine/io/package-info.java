/**
 * Reading untrusted files and writing run folders safely, for every layer above: strict JSON/YAML
 * mappers with one-line {@code file:line:column: key: problem} errors ({@link
 * org.unlearning.workbench.engine.io.StrictMappers}, {@link org.unlearning.workbench.engine.io.ParseErrors}),
 * bounded reads and a memory guard ({@link org.unlearning.workbench.engine.io.InputFiles}), the
 * process-wide reject-all deserialization filter ({@link org.unlearning.workbench.engine.io.SerialFilter}),
 * and the run-folder primitives: atomic files, an exclusive folder lock, a prepared output folder
 * that never mixes two runs, and the {@code status.json} protocol
 * ({@link org.unlearning.workbench.engine.io.OutputFolder} is the entry for writers,
 * {@link org.unlearning.workbench.engine.io.RunStatus} for readers).
 */
package org.unlearning.workbench.engine.io;
