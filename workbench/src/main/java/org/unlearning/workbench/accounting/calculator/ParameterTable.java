package org.unlearning.workbench.accounting.calculator;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Method and parameter descriptions (name, symbol, unit, range, default, tooltip) per method. */
public final class ParameterTable {
    private static final Map<Method, MethodDescription> TABLE = new EnumMap<>(Method.class);

    static {
        List<ParameterDescription> gc = new ArrayList<>();
        gc.add(epsilon(1.0));
        gc.add(delta());
        gc.add(num("c0", "Initial model clip", "C0", "L2 norm", 20.0, true,
                "The trained model is first scaled into a ball of this radius; twice it is the distance the noisy phase must hide."));
        gc.add(num("c1", "Gradient clip", "C1", "L2 norm", 10.0, true,
                "The mini-batch gradient (all parameters together) is scaled down to at most this norm at every noisy step."));
        gc.add(num("eta", "Learning rate", "η", "step size", 0.01, true,
                "Plain SGD step size during the noisy phase; eta * lambda must stay below 1."));
        gc.add(new ParameterDescription("lambda", "L2 regularisation", "λ", "weight decay", 0, true, 1000, false, 50.0,
                false, false, false, List.of(), null,
                "Weight decay lambda * x added after clipping; it shrinks the initial distance and shortens the noisy phase."));
        gc.add(choice("schedule", "Noise schedule", "σ_t", List.of("constant", "decreasing"), "constant",
                "Same noise at every step, or more noise early; the decreasing schedule may not be certifiable."));
        gc.add(opt("eps_renyi", "Rényi target (authors' code)", "ε_R", "Rényi coefficient", 1e-6, 1e6,
                "Reproduction only: calibrate sigma to this Rényi coefficient as the authors' code does; leave empty to calibrate from (epsilon, delta)."));
        gc.add(choice("formula", "lambda = 0 formula", "", List.of("consistent", "code"), "consistent",
                "Only with eps_renyi and lambda = 0: the authors' code formula achieves twice the Rényi target."));
        gc.add(optInt("steps", "Noisy steps (fixed)", "T", 1, 10_000_000,
                "Fix the number of noisy steps yourself; sigma is recalibrated for this T."));
        gc.add(opt("sigma", "Noise std (fixed)", "σ", "per parameter", 1e-9, 1e9,
                "Fix the noise yourself; the achieved epsilon is recomputed."));
        put(Method.GRADIENT_CLIPPING, "Noisy fine-tuning with clipped gradients: T noisy SGD steps, then free fine-tuning.", gc);

        List<ParameterDescription> mc = new ArrayList<>();
        mc.add(epsilon(1.0));
        mc.add(delta());
        mc.add(num("sigma", "Noise std", "σ", "per parameter", 0.5, true,
                "Gaussian noise added to every parameter at every noisy step."));
        mc.add(num("c2", "Model clip", "C2", "L2 norm", 0.625, true,
                "After each step the model is projected into a ball of this radius; 2 C2 / sigma sets how fast delta shrinks."));
        mc.add(choice("variant", "Noise placement", "", List.of("after_projection", "before_projection"), "after_projection",
                "Add noise after projecting (paper's experiments) or before projecting (needs C1 and eta)."));
        mc.add(opt("c1", "Update clip (before projection)", "C1", "L2 norm", 1e-9, 1e6,
                "before_projection only: the update (gradient + weight decay) is clipped to this norm."));
        mc.add(opt("eta", "Learning rate (before projection)", "η", "step size", 1e-9, 1e3,
                "before_projection only: SGD step size."));
        mc.add(new ParameterDescription("c0", "Initial model clip", "C0", "L2 norm", 0, true, 1e6, false, 0.0, true, true,
                false, List.of(), null, "Radius of the initial model; matters with initial noise or the strict first step."));
        mc.add(new ParameterDescription("sigma0", "Initial noise std", "σ0", "per parameter", 0, true, 1e6, false, 0.0,
                false, true, false, List.of(), null, "Optional noise added once to the clipped initial model (0 = none)."));
        mc.add(new ParameterDescription("max_steps", "Step cap", "", "steps", 1, true, 1e8, true, 1e6, true, true, true,
                List.of(), null, "Give up (infeasible) after this many noisy steps."));
        mc.add(choice("strict_first_step", "Strict first step", "", List.of("true", "false"), "true",
                "before_projection: account the first step from the initial radius max(C0, C2) (discrepancy A-6)."));
        mc.add(optInt("steps", "Noisy steps (fixed)", "T", 1, 10_000_000,
                "Fix the number of noisy steps yourself; the achieved delta_T is recomputed."));
        put(Method.MODEL_CLIPPING, "Noisy projected fine-tuning: steps until the Gaussian noise has hidden the start (delta_t <= delta).", mc);

        List<ParameterDescription> op = new ArrayList<>();
        op.add(epsilon(1.0));
        op.add(delta());
        op.add(num("c0", "Model clip", "C0", "L2 norm", 1.0, true,
                "The model is clipped to this radius and noise hides a change of up to 2 C0."));
        op.add(opt("sigma", "Noise std (fixed)", "σ", "per parameter", 1e-12, 1e12,
                "Fix the noise yourself; the achieved epsilon is recomputed."));
        put(Method.OUTPUT_PERTURBATION, "Clip the trained model, add Gaussian noise once, fine-tune on the retained data.", op);

        put(Method.RETRAIN, "Train a fresh model on the retained data: exact unlearning, highest cost.", List.of());

        List<ParameterDescription> dp = new ArrayList<>();
        dp.add(epsilon(50.0));
        dp.add(delta());
        dp.add(intNum("n_train", "Training-set size", "n", 2, 1e9, 45000.0, "Number of training examples."));
        dp.add(intNum("k", "Forgotten points", "k", 1, 1e9, 225.0, "How many points may be forgotten (group size)."));
        dp.add(intNum("batch_size", "Batch size", "B", 1, 1e9, 128.0, "Expected batch size; sampling rate q = B / n."));
        dp.add(intNum("epochs", "Epochs", "", 1, 1e6, 50.0, "Training epochs with DP-SGD."));
        dp.add(num("clip_norm", "Per-example clip", "C", "L2 norm", 0.5, false,
                "Each example's gradient is clipped to this norm; noise std = C * noise multiplier."));
        dp.add(choice("rule", "Group rule", "", List.of("standard", "code"), "standard",
                "How the target delta is split per example; 'code' reproduces the authors' (too small) rule."));
        dp.add(opt("noise_multiplier", "Noise multiplier (fixed)", "σ/C", "ratio", 1e-3, 1e5,
                "Fix the noise multiplier yourself; the achieved group epsilon is recomputed."));
        put(Method.DP_SGD, "Train with DP-SGD so every group of k points is already protected; unlearning is free.", dp);

        List<ParameterDescription> nw = new ArrayList<>();
        nw.add(epsilon(1.0));
        nw.add(delta());
        nw.add(opt("error_bound", "Error bound", "Δ", "L2 norm", 1e-12, 1e12,
                "Bound on the distance between the Newton estimate and the retrained estimate; leave empty to use Theorem 3.4."));
        nw.add(num("c", "Norm constraint", "C", "L2 norm", 20.0, false, "Training kept the model inside this ball."));
        nw.add(new ParameterDescription("m", "Hessian Lipschitz constant", "M", "", 0, true, 1e6, false, 1.0, true, false,
                false, List.of(), null, "How fast the Hessian can change."));
        nw.add(new ParameterDescription("lambda", "Convex-approximation λ", "λ", "", 0, true, 1e6, false, 0.01, true,
                false, false, List.of(), null, "Added to the Hessian to make it positive definite."));
        nw.add(new ParameterDescription("lambda_min", "Smallest Hessian eigenvalue", "λ_min", "", -1e6, true, 1e6, true,
                0.5, false, false, false, List.of(), null, "Needs lambda + lambda_min > 0."));
        nw.add(new ParameterDescription("lissa_error", "LiSSA error", "Δ_LiSSA", "L2 norm", 0, true, 1e12, false, 0.0,
                false, true, false, List.of(), null, "Added to Delta for the approximate inverse-Hessian product."));
        nw.add(opt("sigma", "Noise std (fixed)", "σ", "per parameter", 1e-12, 1e12,
                "Fix the noise yourself; the implied epsilon is recomputed."));
        put(Method.NEWTON, "One Newton step towards the retrained model (LiSSA), then Gaussian noise covering its error.", nw);
    }

    private ParameterTable() {}

    /** Description of one method. */
    public static MethodDescription describe(Method m) {
        return TABLE.get(m);
    }

    /** All methods in display order. */
    public static List<MethodDescription> all() {
        return List.copyOf(TABLE.values());
    }

    private static void put(Method m, String summary, List<ParameterDescription> params) {
        TABLE.put(m, new MethodDescription(m, m.title(), summary, params));
    }

    private static ParameterDescription epsilon(double dflt) {
        return new ParameterDescription("epsilon", "Privacy level epsilon", "ε", "nats", 0, false, 1000, true, dflt,
                true, false, false, List.of(), null,
                "How much the released model may depend on your data; smaller is more private (more noise).");
    }

    private static ParameterDescription delta() {
        return new ParameterDescription("delta", "Failure probability delta", "δ", "probability", 0, false, 1, false,
                1e-5, true, false, false, List.of(), null,
                "Probability that the epsilon bound fails; keep it well below 1 / (number of people).");
    }

    private static ParameterDescription num(String key, String name, String sym, String unit, double dflt, boolean log,
                                            String tip) {
        return new ParameterDescription(key, name, sym, unit, 0, false, 1e6, true, dflt, log, false, false, List.of(),
                null, tip);
    }

    private static ParameterDescription intNum(String key, String name, String sym, double min, double max, double dflt,
                                               String tip) {
        return new ParameterDescription(key, name, sym, "count", min, true, max, true, dflt, true, false, true,
                List.of(), null, tip);
    }

    private static ParameterDescription opt(String key, String name, String sym, String unit, double min, double max,
                                            String tip) {
        return new ParameterDescription(key, name, sym, unit, min, true, max, true, null, true, true, false, List.of(),
                null, tip);
    }

    private static ParameterDescription optInt(String key, String name, String sym, double min, double max, String tip) {
        return new ParameterDescription(key, name, sym, "steps", min, true, max, true, null, true, true, true, List.of(),
                null, tip);
    }

    private static ParameterDescription choice(String key, String name, String sym, List<String> choices, String dflt,
                                               String tip) {
        return new ParameterDescription(key, name, sym, "", 0, true, 0, true, null, false, false, false, choices, dflt, tip);
    }
}
