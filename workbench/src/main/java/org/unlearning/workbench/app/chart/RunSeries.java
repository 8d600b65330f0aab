package org.unlearning.workbench.app.chart;

import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import org.unlearning.workbench.accounting.registry.MethodRegistry;
import org.unlearning.workbench.engine.run.BaselineFigures;
import org.unlearning.workbench.engine.run.Certificate;
import org.unlearning.workbench.engine.run.EvaluationMetrics;
import org.unlearning.workbench.engine.run.Release;

import java.util.List;

/**
 * The chart data of one run (one thread at a time: the FX thread in the window): accuracy against examples processed for the
 * unlearning run and the retrain baseline, gradient norm before clipping against step, σₜ and the
 * privacy state (running ρ_R or δₜ) against step, and the compute-savings comparison — or, for a run
 * without optimisation steps, the same per deletion request. Charts observe these datasets; batches
 * of updates are applied with notifications off and one redraw.
 */
public final class RunSeries {
    public static final String UNLEARN = "unlearning";
    public static final String RETRAIN = "retraining";

    final XYSeries unlearnTest = new XYSeries("unlearning · test", false, true);
    final XYSeries unlearnRetain = new XYSeries("unlearning · retain", false, true);
    final XYSeries unlearnForget = new XYSeries("unlearning · forget", false, true);
    final XYSeries retrainTest = new XYSeries("retraining · test", false, true);
    final XYSeries retrainRetain = new XYSeries("retraining · retain", false, true);
    final XYSeries retrainForget = new XYSeries("retraining · forget", false, true);
    final XYSeries gradientNorm = new XYSeries("‖g‖ before clipping", false, true);
    final XYSeries sigma = new XYSeries("σₜ (noise std)", false, true);
    private XYSeries clipLine;
    final XYSeries privacy;

    private final XYSeriesCollection accuracy = new XYSeriesCollection();
    private final XYSeriesCollection gradients = new XYSeriesCollection();
    private final XYSeriesCollection noise = new XYSeriesCollection();
    private final XYSeriesCollection privacyState = new XYSeriesCollection();
    private final DefaultCategoryDataset savings = new DefaultCategoryDataset();
    final XYSeries distanceToRetrain = new XYSeries("‖w⁻ − w_retrain‖ (released)", false, true);
    final XYSeries noiseFreeDistance = new XYSeries("‖w~ − w_retrain‖ (before noise)", false, true);
    final XYSeries distanceToOriginal = new XYSeries("‖w⁻ − w*‖ (to the original)", false, true);
    private final List<XYSeries> all;
    private double gradientClip = Double.NaN;
    private final boolean perRequest;
    private double composedEpsilon;
    private String method = UNLEARN;
    private double releaseSeconds;
    private double retrainSeconds;
    private long releaseExamples;
    private long retrainExamples;
    private int retrainedRequests;
    private int releases;

    /** @param privacyLabel e.g. "ρ_R so far (Rényi)" or "δₜ" */
    public RunSeries(String privacyLabel) {
        this(privacyLabel, false);
    }

    /**
     * The data of a run without optimisation steps (a one-shot update per deletion request): accuracy,
     * distance to retraining and σ per request, the ε an observer of all releases so far faces, and
     * time / examples against retraining; {@code method} names it in the savings chart.
     */
    public static RunSeries perRequest(String method) {
        RunSeries s = new RunSeries("ε after k releases (composed, k·ε)", true);
        s.method = method;
        return s;
    }

    private RunSeries(String privacyLabel, boolean perRequest) {
        this.perRequest = perRequest;
        privacy = new XYSeries(privacyLabel, false, true);
        accuracy.addSeries(unlearnTest);
        accuracy.addSeries(unlearnRetain);
        accuracy.addSeries(unlearnForget);
        accuracy.addSeries(retrainTest);
        accuracy.addSeries(retrainRetain);
        accuracy.addSeries(retrainForget);
        if (perRequest) {
            gradients.addSeries(distanceToRetrain);
            gradients.addSeries(noiseFreeDistance);
            gradients.addSeries(distanceToOriginal);
        } else {
            gradients.addSeries(gradientNorm);
        }
        noise.addSeries(sigma);
        privacyState.addSeries(privacy);
        all = List.of(unlearnTest, unlearnRetain, unlearnForget, retrainTest, retrainRetain, retrainForget,
                gradientNorm, sigma, privacy, distanceToRetrain, noiseFreeDistance, distanceToOriginal);
    }

    /** True for a run without steps: the x axis is the deletion request, not the step. */
    public boolean isPerRequest() {
        return perRequest;
    }

    /**
     * One release (request k): accuracies of the released model and of retraining, the distances, σ,
     * the composed ε of k releases (releases of correlated estimates compose), and the running time /
     * examples comparison against retraining.
     */
    public void addRelease(Release r) {
        int k = r.request();
        EvaluationMetrics e = r.evaluation();
        if (e != null) {
            addEvaluation(false, k, e.testAccuracy(), e.retainAccuracy(), e.forgetAccuracy());
        }
        BaselineFigures b = r.retrain();
        if (b != null) {
            addEvaluation(true, k, b.testAccuracy(), b.retainAccuracy(), b.forgetAccuracy());
        }
        addReleaseDistances(k, r.distanceToRetrain(), r.diagnostics().get("noise_free_distance_to_retrain"),
                r.released() ? r.distanceToOriginal() : null);
        Certificate c = r.certificate();
        addReleaseNoise(k, c.sigma(), c.epsilon());
        addReleaseCost(r.wallSeconds(), r.examplesProcessed(), b == null ? null : b.wallSeconds(),
                b == null ? null : b.examplesProcessed());
    }

    /**
     * Time and examples of one more release, and of its retraining (nulls without the baseline):
     * the savings chart compares all releases so far with all their retrainings.
     */
    public void addReleaseCost(double seconds, long examples, Double retrainSecondsK, Long retrainExamplesK) {
        releases++;
        releaseSeconds += seconds;
        releaseExamples += examples;
        if (retrainSecondsK != null && retrainExamplesK != null) {
            retrainedRequests++;
            retrainSeconds += retrainSecondsK;
            retrainExamples += retrainExamplesK;
        }
        savings.clear();
        String col = releases == 1 ? "request 1" : "requests 1–" + releases;
        savings.addValue(releaseExamples, method + " (with certification)", col);
        if (retrainedRequests == releases && retrainExamples > 0) {
            savings.addValue(retrainExamples, RETRAIN, col);
            savingsNote = String.format(java.util.Locale.ROOT, "time: %s %.1f s vs retraining %.1f s (%.0f %% "
                    + "of it); examples: %.0f %% of retraining's", method, releaseSeconds, retrainSeconds,
                    100 * releaseSeconds / Math.max(retrainSeconds, 1e-9),
                    100.0 * releaseExamples / retrainExamples);
        } else {
            savingsNote = String.format(java.util.Locale.ROOT, "%s %.1f s; no retraining baseline to compare",
                    method, releaseSeconds);
        }
    }

    /** Distances of release {@code k} to retraining (released, before noise) and to the original; nulls are skipped. */
    public void addReleaseDistances(int k, Double toRetrain, Double noiseFreeToRetrain, Double toOriginal) {
        addFinite(distanceToRetrain, k, toRetrain);
        addFinite(noiseFreeDistance, k, noiseFreeToRetrain);
        addFinite(distanceToOriginal, k, toOriginal);
    }

    private static void addFinite(XYSeries s, int k, Double v) {
        if (v != null && Double.isFinite(v)) {
            s.add(k, v);
        }
    }

    /** σ of release {@code k} and its ε, composed with the earlier releases' (§9.3); nulls are skipped. */
    public void addReleaseNoise(int k, Double sigmaK, Double epsilonK) {
        if (sigmaK != null && Double.isFinite(sigmaK)) {
            sigma.add(k, sigmaK);
        }
        if (epsilonK != null && Double.isFinite(epsilonK)) {
            composedEpsilon += epsilonK;
            privacy.add(k, composedEpsilon);
        }
    }

    /** Wall time of the releases so far (certification included), seconds. */
    public double unlearningSeconds() {
        return releaseSeconds;
    }

    /** Wall time of retraining on the same retain sets, seconds (0 without the baseline). */
    public double retrainSeconds() {
        return retrainSeconds;
    }

    public int releaseCount() {
        return releases;
    }

    /** Suspends chart notifications until {@link #endBatch()}. */
    public void beginBatch() {
        for (XYSeries s : all) {
            s.setNotify(false);
        }
    }

    /** Re-enables notifications; each changed series fires once. */
    public void endBatch() {
        for (XYSeries s : all) {
            s.setNotify(true);
        }
    }

    /** One optimisation step: gradient norm before clipping; σₜ and privacy state only for noisy steps. */
    public void addStep(int step, boolean noisy, double gradNorm, double sigmaT, Double privacyValue) {
        if (Double.isFinite(gradNorm)) {
            gradientNorm.add(step, gradNorm);
        }
        if (clipLine != null && step > clipLine.getX(1).doubleValue()) {
            clipLine.remove(1);
            clipLine.add(step, gradientClip);
        }
        if (noisy && Double.isFinite(sigmaT)) {
            sigma.add(step, sigmaT);
        }
        if (privacyValue != null && Double.isFinite(privacyValue) && privacyValue > 0) {
            privacy.add(step, privacyValue);
        }
    }

    /** One evaluation point (accuracies in [0, 1], plotted in %; NaN = not measured, left out). */
    public void addEvaluation(boolean retrain, long examples, double test, double retain, double forget) {
        addPercent(retrain ? retrainTest : unlearnTest, examples, test);
        addPercent(retrain ? retrainRetain : unlearnRetain, examples, retain);
        addPercent(retrain ? retrainForget : unlearnForget, examples, forget);
    }

    private static void addPercent(XYSeries s, long x, double fraction) {
        if (Double.isFinite(fraction)) {
            s.add(x, 100 * fraction);
        }
    }

    /** Label of the privacy state a method's ledger reports per step (§4.5 running ρ_R, §5.2 δₜ). */
    public static String privacyLabel(String methodId) {
        return MethodRegistry.keys().contains(methodId) ? MethodRegistry.get(methodId).privacyStateLabel()
                : "privacy state";
    }

    /** Examples each run needed to reach the target test accuracy (null = not reached). */
    public void setSavings(double targetAccuracy, Long unlearnExamples, Long retrainExamples) {
        savings.clear();
        if (unlearnExamples != null && retrainExamples != null && retrainExamples > 0) {
            double ratio = (double) unlearnExamples / retrainExamples;
            savingsNote = Math.abs(ratio - 1) < 0.005 ? "unlearning needed as much compute as retraining (no savings)"
                    : ratio < 1
                    ? String.format(java.util.Locale.ROOT, "unlearning needed %.0f %% of retraining's compute "
                    + "(savings %.0f %%)", 100 * ratio, 100 * (1 - ratio))
                    : String.format(java.util.Locale.ROOT, "unlearning needed %.0f %% more compute than retraining "
                    + "(no savings)", 100 * (ratio - 1));
        } else {
            savingsNote = (unlearnExamples == null ? "unlearning" : "retraining")
                    + " did not reach the target within its budget";
        }
        String col = String.format("test accuracy ≥ %.1f %%", 100 * targetAccuracy);
        savings.addValue(unlearnExamples, UNLEARN, col);
        savings.addValue(retrainExamples, RETRAIN, col);
    }

    /** Adds the C₁ line (a two-point series spanning the steps) to the gradient-norm data. */
    private String savingsNote;

    /** One sentence on the savings (null before a comparison exists). */
    public String savingsNote() {
        return savingsNote;
    }

    public void setGradientClip(double c1) {
        gradientClip = c1;
        if (clipLine == null && Double.isFinite(c1)) {
            clipLine = new XYSeries("C₁ = " + CompactFormat.text(c1, 4)
                    + " (gradient clip)", false, true);
            clipLine.add(0, c1);
            clipLine.add(1, c1);
            gradients.addSeries(clipLine);
        }
    }

    /** C₁ line for the gradient-norm chart, NaN when the method does not clip gradients. */
    public double gradientClip() {
        return gradientClip;
    }

    public XYSeriesCollection accuracy() {
        return accuracy;
    }

    public XYSeriesCollection gradients() {
        return gradients;
    }

    public XYSeriesCollection noise() {
        return noise;
    }

    public XYSeriesCollection privacyState() {
        return privacyState;
    }

    public DefaultCategoryDataset savings() {
        return savings;
    }

    /** Number of points in all series (tests, status). */
    public int pointCount() {
        return all.stream().mapToInt(XYSeries::getItemCount).sum();
    }

    public int evaluationCount(boolean retrain) {
        return (retrain ? retrainTest : unlearnTest).getItemCount();
    }

    public int stepCount() {
        return gradientNorm.getItemCount();
    }

    public int noisyStepCount() {
        return sigma.getItemCount();
    }
}
