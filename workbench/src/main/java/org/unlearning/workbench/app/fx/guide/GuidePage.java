package org.unlearning.workbench.app.fx.guide;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * Help → Guide: what the symbols mean in plain words (theory.md §2–§6, §14), each with a "Show"
 * button that opens the guided lesson at the step whose control and live chart it refers to.
 */
public final class GuidePage {
    /** One symbol: its name, two sentences, and the lesson step (0-based) that shows it. */
    public record Term(String symbol, String meaning, int step) {}

    public static final List<Term> TERMS = List.of(
            new Term("ε (epsilon)", "How much the released model may reveal about the forgotten data, on a log scale: "
                    + "an observer's odds of telling \"was in the data\" from \"never was\" change by at most e^ε. "
                    + "Smaller is stronger; 1 is a common target.", 2),
            new Term("δ (delta)", "The probability that the ε bound fails. Keep it well below one over the number of "
                    + "training examples, e.g. 1e-5.", 2),
            new Term("C₀", "The radius the original's weights are clipped to before any noise. Every starting point "
                    + "then lies within C₀ of every other, which bounds what the noise has to hide.", 3),
            new Term("C₁ / C₂", "C₁ clips each noisy step's gradient (gradient clipping); C₂ clips the model after "
                    + "each step (model clipping). Both keep one step from moving the model too far.", 4),
            new Term("σ (sigma)", "The standard deviation of the Gaussian noise added to every parameter in a noisy "
                    + "step. More noise, stronger privacy, lower accuracy until fine-tuning.", 4),
            new Term("T", "The number of noisy steps. The calculator trades T against σ for the chosen (ε, δ): "
                    + "the σ–T chart on the Calculator tab shows the frontier and the current point.", 4),
            new Term("Fine-tuning", "Noise-free training on the retain set after the noisy phase. It costs no "
                    + "privacy and recovers accuracy.", 5),
            new Term("Certificate", "The record of the guarantee: the achieved (ε, δ) recomputed from the recorded "
                    + "parameters, the status, and the hash of the released model.", 8),
            new Term("Private diagnostics", "Anything measured on the forget set or on the model before or during the "
                    + "noisy phase (forget accuracy, membership-inference scores, step-0 points). The certificate "
                    + "does not cover them: publishing them voids the guarantee (theory.md §14).", 7));

    private GuidePage() {}

    /** The page's content; {@code show} opens the lesson at a step. */
    public static Node content(IntConsumer show) {
        VBox box = new VBox(12);
        box.setPadding(new Insets(14));
        Label intro = new Label("What the numbers mean. \"Show\" opens the guided lesson at the control and the live "
                + "chart the symbol belongs to (Help → Guided lesson walks through all of them).");
        intro.setWrapText(true);
        intro.getStyleClass().add("guide-text");
        box.getChildren().add(intro);
        for (Term t : TERMS) {
            Label name = new Label(t.symbol());
            name.getStyleClass().add("guide-step-title");
            Label text = new Label(t.meaning());
            text.setWrapText(true);
            text.setMinHeight(Region.USE_PREF_SIZE);
            Button go = new Button("Show");
            go.setOnAction(e -> show.accept(t.step()));
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox head = new HBox(8, name, spacer, go);
            head.setAlignment(Pos.CENTER_LEFT);
            box.getChildren().add(new VBox(4, head, text));
        }
        ScrollPane sp = new ScrollPane(box);
        sp.setFitToWidth(true);
        sp.setId("guide-page");
        return sp;
    }

    /** Opens the page in its own window beside the main one. */
    public static Stage show(Window owner, IntConsumer show, List<String> stylesheets) {
        Stage s = new Stage();
        s.initOwner(owner);
        s.setTitle("Guide — what ε, δ, C₀, C₁/C₂, σ and T mean");
        Scene scene = new Scene((ScrollPane) content(i -> {
            show.accept(i);
            s.close();
        }), 560, 640);
        scene.getStylesheets().addAll(stylesheets);
        s.setScene(scene);
        s.show();
        return s;
    }
}
