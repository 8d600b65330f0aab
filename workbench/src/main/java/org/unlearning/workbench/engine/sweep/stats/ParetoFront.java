package org.unlearning.workbench.engine.sweep.stats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The Pareto set of sweep points for one quantity to maximise (test accuracy) and one to minimise
 * (ε, or compute): the points no other point beats in one coordinate without losing in the other.
 * Points with a NaN coordinate are left out; exact duplicates on the front are all kept.
 */
public final class ParetoFront {
    private ParetoFront() {}

    /** The non-dominated points, ordered by the minimised coordinate (then the maximised one, descending). */
    public static <T> List<T> of(Collection<T> points, ToDoubleFunction<T> maximise, ToDoubleFunction<T> minimise) {
        List<T> candidates = new ArrayList<>();
        for (T p : points) {
            if (!Double.isNaN(maximise.applyAsDouble(p)) && !Double.isNaN(minimise.applyAsDouble(p))) {
                candidates.add(p);
            }
        }
        candidates.sort(Comparator.<T>comparingDouble(minimise).thenComparing(Comparator.comparingDouble(maximise).reversed()));
        List<T> front = new ArrayList<>();
        double bestMax = Double.NEGATIVE_INFINITY;
        double keptMin = Double.NaN;
        for (T p : candidates) {
            double mx = maximise.applyAsDouble(p);
            double mn = minimise.applyAsDouble(p);
            boolean duplicateOfKept = !front.isEmpty() && mx == bestMax && mn == keptMin;
            if (front.isEmpty() || mx > bestMax || duplicateOfKept) {
                front.add(p);
                bestMax = mx;
                keptMin = mn;
            }
        }
        return front;
    }
}
