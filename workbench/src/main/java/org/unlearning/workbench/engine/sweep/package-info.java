/**
 * Sweeps as tasks any engine can run: a {@link org.unlearning.workbench.engine.sweep.SweepTask}
 * (id = hash of the run's configuration, the configuration as JSON, an output folder, axis labels)
 * is run by a {@link org.unlearning.workbench.engine.sweep.SweepExecutor} into a
 * {@link org.unlearning.workbench.engine.sweep.ResultRow}; {@link org.unlearning.workbench.engine.sweep.SweepFiles}
 * reads and writes task lists, rows and {@code results.csv}. The local worker pool and the Spark
 * runner (module {@code spark-runner}) execute the same tasks and produce the same rows.
 * {@link org.unlearning.workbench.engine.sweep.UnlearningTaskExecutor} is the one adapter to the
 * run pipeline.
 */
package org.unlearning.workbench.engine.sweep;
