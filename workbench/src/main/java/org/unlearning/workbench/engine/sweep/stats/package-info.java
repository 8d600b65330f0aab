/**
 * Statistics of a sweep (issue 13): per point the mean over seeds with a Student-t interval
 * ({@link org.unlearning.workbench.engine.sweep.stats.MeanInterval}), a seeded percentile bootstrap
 * for compute savings ({@link org.unlearning.workbench.engine.sweep.stats.BootstrapInterval}), and
 * the Pareto set of accuracy against ε or compute
 * ({@link org.unlearning.workbench.engine.sweep.stats.ParetoFront}). Pure Java.
 */
package org.unlearning.workbench.engine.sweep.stats;
