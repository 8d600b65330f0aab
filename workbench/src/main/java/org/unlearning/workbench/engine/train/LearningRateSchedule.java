package org.unlearning.workbench.engine.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Learning rate as a function of the step: constant, cosine annealing to 0, or one-cycle
 * (PyTorch {@code OneCycleLR} defaults, as in Paper A's training: warm-up over the first 30 % of
 * steps from max/25 to max with a cosine ramp, then cosine annealing down to max/(25·10⁴)).
 */
public enum LearningRateSchedule {
    CONSTANT("constant"), COSINE("cosine"), ONE_CYCLE("one-cycle");

    private static final double PCT_START = 0.3;
    private static final double DIV_FACTOR = 25;
    private static final double FINAL_DIV_FACTOR = 1e4;

    private final String cliName;

    LearningRateSchedule(String cliName) { this.cliName = cliName; }

    public String cliName() { return cliName; }

    /** Rate at {@code step} (0-based) of {@code totalSteps}, with peak/base rate {@code lr}. */
    public double rate(double lr, long step, long totalSteps) {
        if (totalSteps <= 1) {
            return lr;
        }
        double t = Math.min(1.0, Math.max(0.0, (double) step / (totalSteps - 1)));
        return switch (this) {
            case CONSTANT -> lr;
            case COSINE -> 0.5 * lr * (1 + Math.cos(Math.PI * t));
            case ONE_CYCLE -> {
                double initial = lr / DIV_FACTOR;
                double fin = initial / FINAL_DIV_FACTOR;
                double up = PCT_START * (totalSteps - 1);
                if (step <= up) {
                    yield cosAnneal(initial, lr, up == 0 ? 1 : step / up);
                }
                yield cosAnneal(lr, fin, (step - up) / ((totalSteps - 1) - up));
            }
        };
    }

    private static double cosAnneal(double from, double to, double pct) {
        return to + (from - to) / 2.0 * (Math.cos(Math.PI * pct) + 1);
    }

    public static LearningRateSchedule fromName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (LearningRateSchedule s : values()) {
            if (s.cliName.equals(n) || (s == ONE_CYCLE && n.equals("onecycle"))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown learning-rate schedule '" + name + "' (choose one of "
                + Arrays.stream(values()).map(LearningRateSchedule::cliName).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() { return cliName; }
}
