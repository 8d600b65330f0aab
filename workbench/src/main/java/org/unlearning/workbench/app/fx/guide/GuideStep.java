package org.unlearning.workbench.app.fx.guide;

import javafx.scene.Node;

import java.util.function.Supplier;

/**
 * One step of the guided lesson: a title, two sentences, the tab whose live chart it refers to,
 * the real control it points at (may give null: nothing to point at for this method), a line with
 * the current values (recomputed whenever they change) and an optional action ("Run now").
 *
 * @param tab    the centre tab to show ("Calculator", "Run"), or null to leave it
 * @param target the control or chart to highlight, looked up when the step is shown
 * @param now    the current values this step is about, e.g. "now: ε = 1, δ = 1e-5"; null for none
 * @param action the label of the step's action button, or null
 * @param run    what the action does
 */
public record GuideStep(String title, String text, String tab, Supplier<Node> target, Supplier<String> now,
                        String action, Runnable run) {
    public GuideStep {
        target = target == null ? () -> null : target;
        now = now == null ? () -> null : now;
    }

    /** A step without an action. */
    public GuideStep(String title, String text, String tab, Supplier<Node> target, Supplier<String> now) {
        this(title, text, tab, target, now, null, null);
    }
}
