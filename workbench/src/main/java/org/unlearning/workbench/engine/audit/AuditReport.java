package org.unlearning.workbench.engine.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.unlearning.workbench.accounting.audit.DistinguishingAudit;
import org.unlearning.workbench.accounting.audit.OneRunAudit;
import org.unlearning.workbench.engine.io.AtomicFiles;
import org.unlearning.workbench.engine.io.StrictMappers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything an audit measured ({@code audit.json}, snake_case keys; theory.md §15): per method ε̂
 * with its confidence beside the certified ε, the scores of every release, the one-run audit, and
 * the power check against the non-private reference.
 *
 * @param audit            the audit's name (preset)
 * @param runsPerWorld     R
 * @param alpha            α (ε̂ holds at confidence 1 − α)
 * @param confidence       1 − α
 * @param statistic        the attack's score of a release (mean over the canaries; higher = "was trained")
 * @param canaries         the canaries of the distinguishing audit
 * @param oneRunCanaries   the canaries of the one-run audit (null when skipped)
 * @param methods          one entry per audited method
 * @param powerCheck       the same attack against the non-private reference (§15.4)
 * @param notes            how to read the numbers
 * @param wallSeconds      the audit's wall time
 */
public record AuditReport(String audit, int runsPerWorld, double alpha, double confidence, String statistic,
                          Canaries canaries, Canaries oneRunCanaries, List<MethodAudit> methods, PowerCheck powerCheck,
                          List<String> notes, double wallSeconds) {
    public static final String FILE = "audit.json";

    /** The sentence of §15.4 when the reference shows nothing. */
    public static final String NO_POWER = "the attack could not separate the worlds even without unlearning: "
            + "this audit cannot detect leakage here";

    public AuditReport {
        methods = List.copyOf(methods);
        notes = List.copyOf(notes);
    }

    /** The canaries: how many of which kind, the seed, and the exact planting. */
    public record Canaries(int mislabeled, int synthetic, long seed, int count, String description) {
        static Canaries of(CanarySet set) {
            CanarySpec s = set.spec();
            return new Canaries(s.mislabeled(), s.synthetic(), s.seed(), s.count(), set.describe());
        }
    }

    /**
     * The distinguishing audit of one pair of worlds (§15.2).
     *
     * @param epsilonHat   the lower bound ε̂ at {@code confidence}
     * @param ceiling      the ε̂ of perfect separation with these counts: no audit of this size shows more
     * @param scoresW1     every W1 release's score, in run order (the first half chose τ)
     * @param scoresW0     every W0 release's score
     */
    public record Distinguishing(double epsilonHat, double confidence, double threshold, int truePositives,
                                 int positives, int falsePositives, int negatives, double tprLower, double fprUpper,
                                 double deltaAudit, double ceiling, List<Double> scoresW1, List<Double> scoresW0) {
        public Distinguishing {
            scoresW1 = List.copyOf(scoresW1);
            scoresW0 = List.copyOf(scoresW0);
        }

        static Distinguishing of(double[] w1, double[] w0, double alpha, double deltaAudit) {
            DistinguishingAudit.Result r = DistinguishingAudit.run(w1, w0, alpha, deltaAudit);
            DistinguishingAudit.Evidence e = r.evidence();
            return new Distinguishing(r.epsilonHat(), r.confidence(), r.threshold(), e.truePositives(), e.positives(),
                    e.falsePositives(), e.negatives(), e.tprLower(), e.fprUpper(), deltaAudit, r.perfectSeparation(),
                    boxed(w1), boxed(w0));
        }
    }

    /** The one-run audit (§15.3) of one release. */
    public record OneRun(double epsilonHat, double confidence, int canaries, int guesses, int correct, double delta,
                         double ceiling, List<Double> scores, List<Boolean> inW1) {
        public OneRun {
            scores = List.copyOf(scores);
            inW1 = List.copyOf(inW1);
        }

        static OneRun of(double[] scores, boolean[] inW1, AuditConfig.OneRun cfg, double delta, double alpha) {
            OneRunAudit.Result r = OneRunAudit.audit(scores, inW1, cfg.kPlus(), cfg.kMinus(), delta, alpha);
            List<Boolean> w = new java.util.ArrayList<>();
            for (boolean b : inW1) {
                w.add(b);
            }
            return new OneRun(r.epsilonHat(), r.confidence(), r.canaries(), r.guesses(), r.correct(), delta,
                    r.ceiling(), boxed(scores), w);
        }
    }

    /**
     * One audited method.
     *
     * @param certifiedEpsilon     the ε ε̂ is compared with (§15.1): the certificates' ε; 0 for retraining
     * @param certifiedDelta       the certificates' δ (δ_a of ε̂)
     * @param comparedWith         what {@code certified_epsilon} is, in words
     * @param epsilonHat           the distinguishing audit's ε̂ (= {@code distinguishing.epsilon_hat})
     * @param withinCertificate    ε̂ ≤ certified ε (false = the certificate is wrong: a bug or a broken assumption)
     * @param referenceEpsilonHat  the power check's ε̂ of the non-private reference (same canaries, same attack)
     * @param certifiedRuns        releases certified out of {@code 2R}
     */
    public record MethodAudit(String method, double certifiedEpsilon, double certifiedDelta, String comparedWith,
                              double epsilonHat, double confidence, boolean withinCertificate,
                              double referenceEpsilonHat, int certifiedRuns, Distinguishing distinguishing,
                              OneRun oneRun) {}

    /**
     * The power check (§15.4): the attack against the originals (fixed: one score per world) and
     * against plain fine-tuning of each original on D_r without noise or clipping, with the
     * methods' fine-tuning budget.
     *
     * @param separates   whether the reference's ε̂ > 0 (else {@link #NO_POWER})
     */
    public record PowerCheck(double epsilonHat, double originalScoreW1, double originalScoreW0,
                             double originalEpsilonHat, Distinguishing fineTune, OneRun oneRun, boolean separates,
                             String statement) {}

    private static final ObjectMapper JSON = StrictMappers.jsonBuilder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code dir/audit.json} atomically. */
    public Path write(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        AtomicFiles.write(file, toJson());
        return file;
    }

    /** Reads an {@code audit.json} (or the folder holding it); errors name the file and key. */
    public static AuditReport read(Path path) throws IOException {
        Path file = java.nio.file.Files.isDirectory(path) ? path.resolve(FILE) : path;
        return StrictMappers.read(file, AuditReport.class, JSON);
    }

    static List<Double> boxed(double[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
