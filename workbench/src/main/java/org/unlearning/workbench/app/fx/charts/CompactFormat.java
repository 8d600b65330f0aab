package org.unlearning.workbench.app.fx.charts;

/** Axis tick labels like "0.01", "100", "1e-5": the shared {@link org.unlearning.workbench.app.chart.CompactFormat}. */
public final class CompactFormat extends org.unlearning.workbench.app.chart.CompactFormat {
    private static final long serialVersionUID = 1L;
}
