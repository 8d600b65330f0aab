package org.unlearning.workbench.app.fx.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.unlearning.workbench.engine.io.StrictMappers;

import java.util.List;

/** Window position (NaN: not known, let the window system place it), size and split-pane dividers, restored at start. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WindowLayout(@JsonDeserialize(using = StrictMappers.NonFiniteAllowed.class) double x,
                           @JsonDeserialize(using = StrictMappers.NonFiniteAllowed.class) double y,
                           double width, double height, boolean maximized,
                           List<Double> dividers, String selectedTab) {
    public WindowLayout {
        dividers = dividers == null ? List.of() : List.copyOf(dividers);
    }

    public static WindowLayout defaults() {
        return new WindowLayout(Double.NaN, Double.NaN, 1500, 940, false, List.of(), null);
    }
}
