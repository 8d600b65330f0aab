package org.unlearning.workbench.app.fx.guide;

import javafx.beans.Observable;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import org.unlearning.workbench.accounting.method.Calculation;
import org.unlearning.workbench.accounting.method.MethodAccountant;
import org.unlearning.workbench.app.fx.calculator.CalculatorViewModel;
import org.unlearning.workbench.app.fx.calculator.LivePanel;
import org.unlearning.workbench.app.fx.calculator.ParametersPane;
import org.unlearning.workbench.app.fx.controls.NumberText;
import org.unlearning.workbench.app.fx.data.DataPane;
import org.unlearning.workbench.app.fx.data.DataViewModel;
import org.unlearning.workbench.app.fx.run.RunController;
import org.unlearning.workbench.app.fx.run.RunPanel;
import org.unlearning.workbench.app.fx.run.RunRecord;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The teaching lesson: one unlearning from the original model to the certificate (theory.md §4,
 * §14), in the window's own controls and live charts — original model → deletion request → the
 * target ε, δ → clip to C₀ → T noisy steps with σ → noise-free fine-tuning → run → charts →
 * certificate. Each step has two sentences and a line of the current values.
 */
public final class Lesson {
    /** The window's parts the lesson points at. */
    public record Parts(CalculatorViewModel calculator, ParametersPane parameters, LivePanel live,
                        DataViewModel data, DataPane dataPane, Button runButton, RunPanel runPanel,
                        RunController runs, Runnable startRun) {}

    public static final String CALCULATOR = "Calculator";
    public static final String RUN = "Run";

    private Lesson() {}

    /** The lesson's steps. */
    public static List<GuideStep> steps(Parts p) {
        return List.of(
                new GuideStep("1 · The original model",
                        "Unlearning starts from a model trained on all the data, including the examples someone will "
                                + "ask to delete. Choose a saved or sample model here, or let the run train one first.",
                        CALCULATOR, () -> p.dataPane().lookup("#model-path"), () -> original(p)),
                new GuideStep("2 · The deletion request",
                        "The forget set is the data whose removal is requested; the rest is the retain set. The goal "
                                + "is a model nobody can tell apart from one retrained on the retain set alone.",
                        CALCULATOR, () -> p.dataPane().lookup("#forget-mode"),
                        () -> nowOrNull(p.data().forgetSizesProperty().get())),
                new GuideStep("3 · The promise: ε and δ",
                        "ε bounds how much the released model can reveal about the forgotten data: smaller ε is a "
                                + "stronger promise and needs more noise. δ is the small probability that the bound fails.",
                        CALCULATOR, () -> control(p, "epsilon"), () -> values(p, "epsilon", "delta")),
                new GuideStep("4 · Clip to C₀",
                        "Before any noise the weights are projected onto a ball of radius C₀. That bounds how far "
                                + "apart any two starting points can be, which is what the noise must hide.",
                        CALCULATOR, () -> control(p, "c0"), () -> {
                            String v = values(p, "c0");
                            return v != null ? v : "the method " + method(p).title() + " has no initial clip C₀";
                        }),
                new GuideStep("5 · T noisy steps with σ",
                        "The calculator finds the number of noisy steps T and the noise σ that reach (ε, δ): more "
                                + "steps let each step carry less noise. The chart shows this trade-off and the current "
                                + "point, which moves with ε (step 3).",
                        CALCULATOR, () -> p.live().chartView(), () -> plan(p)),
                new GuideStep("6 · Noise-free fine-tuning",
                        "After the noisy phase the model is fine-tuned on the retain set without noise. This costs no "
                                + "privacy, since it only touches data that stays, and it wins back accuracy.",
                        CALCULATOR, () -> p.dataPane().fineTuneEpochsControl(),
                        () -> "now: " + Math.round(p.data().fineTuneEpochsProperty().get()) + " epochs"),
                new GuideStep("7 · Run it",
                        "Run goes through these phases on the real data: clip, T noisy steps, fine-tuning, "
                                + "evaluation and the certificate. Press Run now (or Ctrl+R); Esc leaves the lesson.",
                        null, p::runButton, () -> running(p), "Run now", p.startRun()),
                new GuideStep("8 · The live charts",
                        "Accuracy, the gradient norms against the clip, the noise σₜ and the privacy state fill in "
                                + "step by step. Forget-set curves and noisy-phase iterates are private diagnostics, "
                                + "not covered by the certificate (theory.md §14).",
                        RUN, () -> p.runPanel().charts(), () -> running(p)),
                new GuideStep("9 · The certificate",
                        "When the run ends, the guarantee is recomputed from the recorded parameters and the table "
                                + "says certified with the achieved (ε, δ), or why not. Export the report (Ctrl+E) to "
                                + "hand the certificate on.",
                        RUN, () -> p.runPanel().table(), () -> certificate(p)));
    }

    /** Every value the steps' lines depend on: refresh the tour when one changes. */
    public static void refreshOnChange(Parts p, GuidedTour tour) {
        for (Observable o : List.<Observable>of(p.calculator().calculationProperty(), p.calculator().methodProperty(),
                p.data().forgetSizesProperty(), p.data().modelPathProperty(), p.data().trainEpochsProperty(),
                p.data().fineTuneEpochsProperty(), p.runs().runningProperty(), p.runs().currentProperty())) {
            o.addListener(x -> tour.refresh());
        }
        p.runs().runs().addListener((ListChangeListener<RunRecord>) c -> tour.refresh());
    }

    private static MethodAccountant<?> method(Parts p) {
        return p.calculator().methodProperty().get();
    }

    private static Node control(Parts p, String key) {
        Map<String, ?> c = p.parameters().controls(method(p));
        return c == null ? null : (Node) c.get(key);
    }

    private static String original(Parts p) {
        String path = p.data().modelPathProperty().get();
        if (path == null || path.isBlank()) {
            return "now: an mlp-5 trained at run start for " + Math.round(p.data().trainEpochsProperty().get())
                    + " epochs";
        }
        Path f = Path.of(path);
        Path name = f.getFileName() != null && f.getFileName().toString().equals("model.zip") && f.getParent() != null
                ? f.getParent().getFileName() : f.getFileName();
        return "now: saved model " + name;
    }

    /** "now: ε = 1, δ = 1e-05" for the keys the current method has; null if it has none. */
    private static String values(Parts p, String... keys) {
        Map<String, Object> v = p.calculator().values();
        StringBuilder b = new StringBuilder();
        for (String k : keys) {
            Object x = v.get(k);
            if (x instanceof Number n) {
                b.append(b.isEmpty() ? "now: " : ", ").append(symbol(k)).append(" = ")
                        .append(NumberText.format(n.doubleValue(), 4));
            }
        }
        return b.isEmpty() ? null : b.toString();
    }

    private static String symbol(String key) {
        return switch (key) {
            case "epsilon" -> "ε";
            case "delta" -> "δ";
            case "c0" -> "C₀";
            default -> key;
        };
    }

    private static String plan(Parts p) {
        Calculation c = p.calculator().calculationProperty().get();
        if (c == null) {
            return "now: calculating…";
        }
        if (!c.feasible()) {
            return "now: not reachable — " + c.reason();
        }
        StringBuilder b = new StringBuilder("now: ");
        b.append(c.steps() == null ? "no noisy steps" : "T = " + c.steps() + " noisy steps");
        if (c.sigma() != null) {
            b.append(", σ = ").append(NumberText.format(c.sigma(), 3));
        }
        if (c.epsilon() != null && c.delta() != null) {
            b.append(String.format(Locale.ROOT, " → (ε, δ) = (%s, %s)", NumberText.format(c.epsilon(), 3),
                    NumberText.format(c.delta(), 2)));
        }
        return b.toString();
    }

    private static String running(Parts p) {
        RunRecord r = p.runs().currentProperty().get();
        if (r == null) {
            return "no run yet";
        }
        if (p.runs().runningProperty().get()) {
            return "now: " + r.name() + " is running";
        }
        return "last: " + r.name() + " " + r.statusProperty().get();
    }

    private static String certificate(Parts p) {
        RunRecord r = p.runs().currentProperty().get();
        if (r == null || p.runs().runningProperty().get()) {
            return r == null ? "no run yet" : r.name() + " is still running";
        }
        String d = r.detailProperty().get();
        return r.name() + ": " + r.statusProperty().get() + (d == null || d.isEmpty() ? "" : " — " + d);
    }

    private static String nowOrNull(String s) {
        return s == null || s.isBlank() ? null : "now: " + s;
    }
}
