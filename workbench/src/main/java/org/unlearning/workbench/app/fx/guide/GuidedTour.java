package org.unlearning.workbench.app.fx.guide;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.Consumer;

/**
 * The guided lesson beside the window's real controls: one {@link GuideStep} at a time with Back,
 * Next and Leave (Esc, through the window's Cancel action). Each step shows its tab, outlines the
 * control or chart it talks about (style class {@code guide-focus}, scrolled into view) and a line
 * of the current values, refreshed by {@link #refresh()} when they change. Nothing here changes a
 * setting: the reader moves the real sliders, and the run step's action presses the real Run.
 */
public final class GuidedTour extends VBox {
    public static final String FOCUS = "guide-focus";

    private final List<GuideStep> steps;
    private final Consumer<String> showTab;
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(this, "index", -1);
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active");
    private final Label counter = new Label();
    private final Label title = new Label();
    private final Label text = new Label();
    private final Label now = new Label();
    private final Button action = new Button();
    private final Button back = new Button("◀ Back");
    private final Button next = new Button("Next ▶");
    private final Button leave = new Button("Leave (Esc)");
    private Node highlighted;

    /** @param showTab selects a centre tab by its title */
    public GuidedTour(List<GuideStep> steps, Consumer<String> showTab) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a lesson needs at least one step");
        }
        this.steps = List.copyOf(steps);
        this.showTab = showTab;
        setId("guide");
        getStyleClass().add("guide");
        setSpacing(10);
        setPadding(new Insets(12));
        setPrefWidth(300);
        setMinWidth(240);
        setMaxWidth(380);
        Label heading = new Label("Guided lesson: one unlearning, step by step");
        heading.getStyleClass().add("section-title");
        heading.setWrapText(true);
        counter.setId("guide-counter");
        counter.getStyleClass().add("result-key");
        title.setId("guide-title");
        title.getStyleClass().add("guide-step-title");
        title.setWrapText(true);
        text.setId("guide-text");
        text.getStyleClass().add("guide-text");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        now.setId("guide-now");
        now.getStyleClass().add("result-value");
        now.setWrapText(true);
        now.setMinHeight(Region.USE_PREF_SIZE);
        action.setId("guide-action");
        back.setId("guide-back");
        next.setId("guide-next");
        leave.setId("guide-leave");
        back.setOnAction(e -> back());
        next.setOnAction(e -> next());
        leave.setOnAction(e -> leave());
        leave.setTooltip(new Tooltip("Close the lesson (Esc); the settings stay as they are"));
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        HBox nav = new HBox(6, back, next);
        nav.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(heading, counter, title, text, now, action, spacer, nav, leave);
        setVisible(false);
        setManaged(false);
    }

    /** Opens the lesson at its first step. */
    public void start() {
        start(0);
    }

    /** Opens the lesson at step {@code i} (0-based). */
    public void start(int i) {
        active.set(true);
        setVisible(true);
        setManaged(true);
        go(i);
        next.requestFocus();
    }

    public void next() {
        if (index.get() >= steps.size() - 1) {
            leave();
        } else {
            go(index.get() + 1);
        }
    }

    public void back() {
        if (index.get() > 0) {
            go(index.get() - 1);
        }
    }

    /** Closes the lesson and removes the highlight. */
    public void leave() {
        unhighlight();
        index.set(-1);
        active.set(false);
        setVisible(false);
        setManaged(false);
    }

    /** Recomputes the current step's values line and highlight (the method may have changed). */
    public void refresh() {
        if (!active.get()) {
            return;
        }
        GuideStep s = steps.get(index.get());
        String line = s.now().get();
        now.setText(line == null ? "" : line);
        now.setVisible(line != null);
        now.setManaged(line != null);
        Node t = s.target().get();
        if (t != highlighted) {
            highlight(t);
        }
    }

    private void go(int i) {
        index.set(i);
        GuideStep s = steps.get(i);
        counter.setText("Step " + (i + 1) + " of " + steps.size());
        title.setText(s.title());
        text.setText(s.text());
        action.setText(s.action() == null ? "" : s.action());
        action.setVisible(s.action() != null);
        action.setManaged(s.action() != null);
        action.setOnAction(e -> s.run().run());
        back.setDisable(i == 0);
        next.setText(i == steps.size() - 1 ? "Finish" : "Next ▶");
        if (s.tab() != null) {
            showTab.accept(s.tab());
        }
        unhighlight();
        refresh();
    }

    private void highlight(Node t) {
        unhighlight();
        if (t == null) {
            return;
        }
        t.getStyleClass().add(FOCUS);
        highlighted = t;
        scrollIntoView(t);
    }

    private void unhighlight() {
        if (highlighted != null) {
            highlighted.getStyleClass().remove(FOCUS);
            highlighted = null;
        }
    }

    /** Scrolls the nearest enclosing scroll pane so that {@code n} is in view. */
    static void scrollIntoView(Node n) {
        Parent p = n.getParent();
        while (p != null && !(p instanceof ScrollPane)) {
            p = p.getParent();
        }
        if (!(p instanceof ScrollPane sp) || sp.getContent() == null) {
            return;
        }
        Node content = sp.getContent();
        Bounds b = content.sceneToLocal(n.localToScene(n.getBoundsInLocal()));
        double h = content.getBoundsInLocal().getHeight();
        double view = sp.getViewportBounds().getHeight();
        if (b == null || h <= view) {
            return;
        }
        double top = Math.max(0, b.getMinY() - 24);
        sp.setVvalue(Math.min(1, top / (h - view)));
    }

    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    public boolean isActive() {
        return active.get();
    }

    /** The step shown (0-based), -1 when closed. */
    public ReadOnlyIntegerProperty indexProperty() {
        return index.getReadOnlyProperty();
    }

    public List<GuideStep> steps() {
        return steps;
    }

    /** The control or chart the current step points at, or null. */
    public Node highlighted() {
        return highlighted;
    }

    public Label titleLabel() {
        return title;
    }

    public Label nowLabel() {
        return now;
    }
}
