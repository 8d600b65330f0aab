package org.unlearning.workbench.accounting.calculator;

/**
 * A curve for the live panel: x and y of equal length, all finite.
 *
 * @param name   e.g. "sigma_T_frontier", "epsilon_delta", "delta_t"
 * @param xLabel axis label with unit
 * @param yLabel axis label with unit
 * @param logX   suggested log scale for x
 * @param logY   suggested log scale for y
 */
public record Curve(String name, String xLabel, String yLabel, boolean logX, boolean logY, double[] x,
                    double[] y) {}
