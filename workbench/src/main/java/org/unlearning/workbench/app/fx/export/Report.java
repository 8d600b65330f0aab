package org.unlearning.workbench.app.fx.export;

import org.jfree.chart.JFreeChart;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Content of an exported run report: a title, summary lines (status, achieved guarantee, results),
 * the parameters, the certificate as JSON text, and the run's charts.
 */
public record Report(String title, List<String> summary, Map<String, String> parameters,
                     String certificateJson, List<JFreeChart> charts) {
    public Report {
        summary = List.copyOf(summary);
        parameters = new LinkedHashMap<>(parameters);
        charts = List.copyOf(charts);
    }
}
