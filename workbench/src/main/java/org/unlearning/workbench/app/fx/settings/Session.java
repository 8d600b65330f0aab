package org.unlearning.workbench.app.fx.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What is remembered between sessions: the last experiment settings and the window layout. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Session(int version, ExperimentSettings settings, WindowLayout layout) {
    public Session {
        settings = settings == null ? ExperimentSettings.defaults() : settings;
        layout = layout == null ? WindowLayout.defaults() : layout;
    }
}
