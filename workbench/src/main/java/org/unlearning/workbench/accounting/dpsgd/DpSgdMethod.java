package org.unlearning.workbench.accounting.dpsgd;

import org.unlearning.workbench.accounting.ConversionResult;
import org.unlearning.workbench.accounting.Require;
import org.unlearning.workbench.accounting.method.Calculation;
import org.unlearning.workbench.accounting.method.Curve;
import org.unlearning.workbench.accounting.method.Figure;
import org.unlearning.workbench.accounting.method.GuaranteeText;
import org.unlearning.workbench.accounting.method.MethodAccountant;
import org.unlearning.workbench.accounting.method.ParameterSchema;
import org.unlearning.workbench.accounting.method.VectorKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.unlearning.workbench.accounting.method.GuaranteeText.fmt;

/**
 * DP-SGD with group privacy as an unlearning method (theory.md §8): the original is trained with
 * DP-SGD (Poisson sampling, per-example clipping, Gaussian noise) at the per-example budget
 * (ε/k, δ₁) of §8.1; unlearning is the identity and the guarantee is the group one, (kε₁, δ).
 */
public final class DpSgdMethod implements MethodAccountant<DpSgdParams> {
    private static final ParameterSchema<DpSgdParams> SCHEMA = ParameterSchema.of(DpSgdParams.class, "dp_sgd");

    @Override
    public String key() {
        return "dp_sgd";
    }

    @Override
    public String title() {
        return "DP-SGD-trained model with group privacy (no unlearning step)";
    }

    @Override
    public String summary() {
        return "Train with DP-SGD so every group of k points is already protected; unlearning is free.";
    }

    @Override
    public ParameterSchema<DpSgdParams> schema() {
        return SCHEMA;
    }

    /** A run's n is the training-set size and k the forget-set size. */
    @Override
    public DpSgdParams forData(DpSgdParams p, DataFacts facts) {
        return new DpSgdParams(p.epsilon(), p.delta(), facts.trainSize(), facts.forgetSize(), p.batchSize(),
                p.epochs(), p.clipNorm(), p.rule(), p.noiseMultiplier(), p.learningRate());
    }

    @Override
    public Calculation plan(DpSgdParams p) {
        Require.positive("epsilon", p.epsilon());
        Require.probability("delta", p.delta());
        Require.atLeast("n_train", p.nTrain(), 1);
        Require.atLeast("k", p.forgetCount(), 1);
        if (p.forgetCount() > p.nTrain()) {
            throw new IllegalArgumentException("k must be <= n_train = " + p.nTrain() + " (got " + p.forgetCount() + ")");
        }
        Require.atLeast("batch_size", p.batchSize(), 1);
        if (p.batchSize() > p.nTrain()) {
            throw new IllegalArgumentException("batch_size must be <= n_train = " + p.nTrain() + " (got " + p.batchSize() + ")");
        }
        Require.atLeast("epochs", p.epochs(), 1);
        Require.positive("clip_norm", p.clipNorm());
        Require.positive("learning_rate", p.learningRate());
        long k = p.forgetCount();
        double q = p.samplingRate();
        long steps = p.steps();
        GroupPrivacySplit split = GroupPrivacySplit.of(p.epsilon(), p.delta(), k, p.rule());
        List<String> warnings = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("eps1", "per-example epsilon_1 = epsilon / k", split.eps1(), false));
        figures.add(new Figure("delta1", "per-example delta_1 (" + p.rule().name().toLowerCase(Locale.ROOT) + " rule)", split.delta1(), false));
        figures.add(new Figure("q", "sampling rate q = B / n_train", q, false));
        figures.add(new Figure("steps", "DP-SGD steps S = epochs * ceil(n_train / B)", steps, false));
        Double nm = p.noiseMultiplier();
        String binding;
        String accountant = "DP-SGD: RDP of the Poisson-subsampled Gaussian mechanism (theory.md §8.2, conversion C4), "
                + "group privacy over k points (§8.1)";
        if (nm == null) {
            var found = DpSgdAccountant.noiseMultiplier(split.eps1(), split.delta1(), q, steps);
            if (found.isEmpty()) {
                String reason = "no noise multiplier up to 1e5 reaches the per-example epsilon_1 = " + fmt(split.eps1())
                        + "; increase epsilon, decrease k or train fewer epochs";
                return new Calculation(key(), false, reason, steps, null, null, null, null, null, null, null,
                        "per-example budget epsilon / k", List.of("Increase epsilon or forget fewer points."), null,
                        figures, GuaranteeText.noGuarantee(reason), assumptions(p), List.of(), accountant);
            }
            nm = found.getAsDouble();
            binding = "noise multiplier calibrated for the per-example budget (epsilon/k, delta_1)";
        } else {
            Require.positive("noise_multiplier", nm);
            binding = "noise multiplier fixed by you; the group guarantee follows from it";
        }
        RdpCurve rdpCurve = new RdpCurve(q, nm, steps);
        ConversionResult per = rdpCurve.epsilon(split.delta1());
        if (!Double.isFinite(per.epsilon())) {
            throw new IllegalArgumentException("noise_multiplier must be large enough for a finite epsilon (got " + nm + ")");
        }
        double groupEps = k * per.epsilon();
        double groupDelta = p.noiseMultiplier() == null ? split.groupDeltaStandard()
                : GroupPrivacySplit.groupDelta(per.epsilon(), split.delta1(), k);
        if (!(groupDelta < 1)) {
            String reason = "the group delta for k = " + k + " points reaches 1 at this noise multiplier, so there is no "
                    + "guarantee; increase noise_multiplier or forget fewer points";
            return new Calculation(key(), false, reason, steps, p.clipNorm() * nm, null, null, null, null, null,
                    null, binding, List.of("Increase the noise multiplier."), null, figures,
                    GuaranteeText.noGuarantee(reason), assumptions(p), List.of(), accountant);
        }
        figures.add(new Figure("noise_multiplier", "noise multiplier (noise std / clip norm)", nm, true));
        figures.add(new Figure("noise_std", "noise std per summed gradient = C * noise multiplier", p.clipNorm() * nm, true));
        figures.add(new Figure("eps1_achieved", "achieved per-example epsilon", per.epsilon(), true));
        if (p.rule() == GroupPrivacySplit.Rule.CODE) {
            warnings.add("The authors' group rule (discrepancy A-3) gives a real group delta of "
                    + fmt(split.groupDeltaStandard()) + " instead of " + fmt(p.delta()) + "; use the standard rule.");
        }
        warnings.add("The accountant assumes Poisson sampling with rate q (A-4): the workbench's DP-SGD training "
                + "samples every example independently with probability q.");
        List<Curve> curves = new ArrayList<>();
        double[] xs = Curve.logGrid(1e-12, 1e-1, Curve.DELTA_CURVE_POINTS);
        double[] gx = new double[xs.length], gy = new double[xs.length];
        int m = 0;
        for (double d1 : xs) {
            double e1 = rdpCurve.epsilon(d1).epsilon();
            double gd = GroupPrivacySplit.groupDelta(e1, d1, k);
            if (Double.isFinite(e1) && Double.isFinite(gd) && gd < 1) {
                gx[m] = gd;
                gy[m] = k * e1;
                m++;
            }
        }
        curves.add(new Curve("epsilon_delta", "group delta", "group epsilon", true, false,
                Arrays.copyOf(gx, m), Arrays.copyOf(gy, m)));
        return new Calculation(key(), true, null, steps, p.clipNorm() * nm, null, null, groupEps, groupDelta, null,
                null, binding, warnings, null, figures, GuaranteeText.statement(groupEps, groupDelta), assumptions(p),
                curves, accountant).requireFinite();
    }

    private static List<String> assumptions(DpSgdParams p) {
        return List.of("The model was trained with DP-SGD: per-example gradients clipped to C = " + fmt(p.clipNorm())
                        + ", Gaussian noise of std C * noise multiplier added to their sum, Poisson sampling with rate q.",
                "Group privacy over the k = " + p.forgetCount() + " forgotten points; unlearning itself is the identity "
                        + "and fine-tuning afterwards uses only the retained data.",
                "Certifying algorithm: the same DP-SGD training on the retained data.");
    }

    /** A ledger for a run planned as {@code plan} (its noise multiplier and S steps). */
    @Override
    public DpSgdLedger ledger(DpSgdParams p, Calculation plan) {
        if (!plan.feasible()) {
            throw new IllegalArgumentException("DP-SGD is infeasible: " + plan.reason());
        }
        double nm = plan.figure("noise_multiplier").orElseThrow().value();
        return new DpSgdLedger(p, GroupPrivacySplit.of(p.epsilon(), p.delta(), p.forgetCount(), p.rule()),
                plan.steps(), nm, p.noiseMultiplier() == null);
    }

    @Override
    public Map<String, VectorKind> vectorKinds() {
        Map<String, VectorKind> m = new LinkedHashMap<>();
        m.put("group_privacy_split", in -> {
            GroupPrivacySplit g = GroupPrivacySplit.of(in.num("eps"), in.num("delta"), in.integer("k"),
                    in.choice(GroupPrivacySplit.Rule.class, "rule", "standard"));
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("eps1", g.eps1());
            o.put("delta1", g.delta1());
            o.put("group_delta_standard", g.groupDeltaStandard());
            return o;
        });
        m.put("sgm_rdp", in -> Map.of("rdp",
                SubsampledGaussianRdp.rdp(in.num("q"), in.num("noise_multiplier"), in.array("orders"))));
        m.put("dpsgd_epsilon", in -> {
            ConversionResult r = DpSgdAccountant.epsilon(in.num("q"), in.num("noise_multiplier"),
                    in.integer("steps"), in.num("delta"), in.has("orders") ? in.array("orders") : null);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("eps", r.epsilon());
            o.put("alpha", r.alpha());
            return o;
        });
        m.put("dpsgd_noise_multiplier", in -> {
            var nm = DpSgdAccountant.noiseMultiplier(in.num("eps"), in.num("delta"), in.num("q"), in.integer("steps"));
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("noise_multiplier", nm.isPresent() ? nm.getAsDouble() : null);
            return o;
        });
        m.put("dpsgd_group_pipeline", in -> {
            DpSgdAccountant.Sizes sz = DpSgdAccountant.Sizes.of(in.integer("n_total"), in.num("val_split"),
                    in.num("forget_split"), in.integer("batch_size"), in.integer("epochs"));
            DpSgdAccountant.Pipeline p = DpSgdAccountant.pipeline(in.num("eps"), in.num("delta"), sz,
                    in.choice(GroupPrivacySplit.Rule.class, "rule", "standard"));
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("n_train", sz.nTrain());
            o.put("k", sz.k());
            o.put("q", sz.q());
            o.put("steps", sz.steps());
            o.put("eps1", p.split().eps1());
            o.put("delta1", p.split().delta1());
            o.put("noise_multiplier", p.noiseMultiplier());
            return o;
        });
        return m;
    }
}
