package org.unlearning.workbench.app.fx.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** Window position, size and split-pane dividers, restored at start. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WindowLayout(double x, double y, double width, double height, boolean maximized,
                           List<Double> dividers, String selectedTab) {
    public WindowLayout {
        dividers = dividers == null ? List.of() : List.copyOf(dividers);
    }

    public static WindowLayout defaults() {
        return new WindowLayout(Double.NaN, Double.NaN, 1500, 940, false, List.of(), null);
    }
}
