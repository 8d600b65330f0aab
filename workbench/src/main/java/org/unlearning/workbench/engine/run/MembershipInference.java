package org.unlearning.workbench.engine.run;

import org.nd4j.linalg.api.buffer.DataType;
import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.model.WorkbenchModel;

import java.util.Arrays;

/**
 * Loss-threshold membership-inference attack (users.md #9). The attacker calls an example a
 * training member when the model's cross-entropy on it is low. Candidates are the forget set
 * ("members") against the test set (non-members):
 * <ul>
 *   <li>AUC = P(loss of a random forget example &lt; loss of a random test example), ties counting ½,
 *       computed exactly from ranks (Mann–Whitney U);</li>
 *   <li>best balanced accuracy of a single threshold "member iff loss ≤ t" over all t.</li>
 * </ul>
 * 0.5 means the forget set looks like unseen data. The yardstick is the retrained model's value on
 * the same sets (it never saw the forget set but may still generalise to it), not 0.5.
 */
public final class MembershipInference {
    /** Meaning of the figures, written next to them in {@code summary.json}. */
    public static final String NOTE = "loss-threshold membership inference, forget set (members) vs test set "
            + "(non-members): AUC = P(forget loss < test loss), ties 1/2; 0.5 = forget set looks like unseen data; "
            + "judge the unlearned model by its gap to the retrained model's AUC, not by its distance to 0.5";

    /** Attack figures on one model. */
    public record Result(double auc, double bestBalancedAccuracy, int members, int nonMembers) {}

    private MembershipInference() {}

    /** Attacks {@code model} with the forget examples of {@code train} against the test examples. */
    public static Result attack(WorkbenchModel model, Dataset train, int[] forget, Dataset test, int[] testIdx,
                                int batchSize) {
        return of(perExampleLosses(model, train, forget, batchSize), perExampleLosses(model, test, testIdx, batchSize));
    }

    /** Figures from per-example losses of members and non-members (both non-empty, no NaN). */
    public static Result of(double[] memberLosses, double[] nonMemberLosses) {
        return new Result(auc(memberLosses, nonMemberLosses), bestBalancedAccuracy(memberLosses, nonMemberLosses),
                memberLosses.length, nonMemberLosses.length);
    }

    /**
     * P(member loss &lt; non-member loss) + ½ P(equal), exactly, by ranking the pooled losses with
     * mid-ranks for ties (Mann–Whitney U / (m n)).
     */
    public static double auc(double[] memberLosses, double[] nonMemberLosses) {
        check(memberLosses, "member");
        check(nonMemberLosses, "non-member");
        int m = memberLosses.length;
        int n = nonMemberLosses.length;
        double[][] pooled = pooled(memberLosses, nonMemberLosses);
        // rank descending by loss: a member with low loss gets a high rank, i.e. "beats" many non-members
        double rankSumMembers = 0;
        int i = 0;
        while (i < pooled.length) {
            int j = i;
            while (j + 1 < pooled.length && pooled[j + 1][0] == pooled[i][0]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1; // 1-based ranks i+1 .. j+1, ascending in loss
            for (int k = i; k <= j; k++) {
                if (pooled[k][1] == 1) {
                    rankSumMembers += midRank;
                }
            }
            i = j + 1;
        }
        // U counts pairs with member loss > non-member loss (ascending ranks); AUC is the complement
        double uGreater = rankSumMembers - m * (m + 1) / 2.0;
        return 1.0 - uGreater / ((double) m * n);
    }

    /**
     * Best balanced accuracy ½(TPR + TNR) of "member iff loss ≤ t" over all thresholds t (including
     * calling nobody a member, which gives ½).
     */
    public static double bestBalancedAccuracy(double[] memberLosses, double[] nonMemberLosses) {
        check(memberLosses, "member");
        check(nonMemberLosses, "non-member");
        int m = memberLosses.length;
        int n = nonMemberLosses.length;
        double[][] pooled = pooled(memberLosses, nonMemberLosses);
        double best = 0.5;
        int tp = 0;
        int fp = 0;
        int i = 0;
        while (i < pooled.length) {
            double t = pooled[i][0];
            while (i < pooled.length && pooled[i][0] == t) { // a threshold takes all tied losses
                if (pooled[i][1] == 1) {
                    tp++;
                } else {
                    fp++;
                }
                i++;
            }
            best = Math.max(best, 0.5 * ((double) tp / m + (double) (n - fp) / n));
        }
        return best;
    }

    /** Cross-entropy −log p(y|x) of each listed example, forward passes in batches. */
    public static double[] perExampleLosses(WorkbenchModel model, Dataset data, int[] indices, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        double[] out = new double[indices.length];
        for (int s = 0; s < indices.length; s += batchSize) {
            int[] idx = Arrays.copyOfRange(indices, s, Math.min(indices.length, s + batchSize));
            double[][] p = model.output(data.features(idx, model.dataType())).castTo(DataType.DOUBLE).toDoubleMatrix();
            for (int k = 0; k < idx.length; k++) {
                out[s + k] = -Math.log(Math.max(p[k][data.label(idx[k])], Double.MIN_NORMAL));
            }
        }
        return out;
    }

    /** Pooled (loss, isMember) pairs sorted by loss ascending. */
    private static double[][] pooled(double[] members, double[] nonMembers) {
        double[][] all = new double[members.length + nonMembers.length][];
        for (int i = 0; i < members.length; i++) {
            all[i] = new double[] {members[i], 1};
        }
        for (int i = 0; i < nonMembers.length; i++) {
            all[members.length + i] = new double[] {nonMembers[i], 0};
        }
        Arrays.sort(all, (a, b) -> Double.compare(a[0], b[0]));
        return all;
    }

    private static void check(double[] losses, String what) {
        if (losses.length == 0) {
            throw new IllegalArgumentException("membership inference needs at least one " + what + " example");
        }
        for (double v : losses) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("membership inference: NaN " + what + " loss");
            }
        }
    }
}
