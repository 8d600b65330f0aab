package org.unlearning.workbench.accounting.outputpert;

import org.unlearning.workbench.accounting.GaussianMechanism;
import org.unlearning.workbench.accounting.Require;
import org.unlearning.workbench.accounting.method.Calculation;
import org.unlearning.workbench.accounting.method.Curve;
import org.unlearning.workbench.accounting.method.Figure;
import org.unlearning.workbench.accounting.method.Guarantee;
import org.unlearning.workbench.accounting.method.GuaranteeText;
import org.unlearning.workbench.accounting.method.Ledger;
import org.unlearning.workbench.accounting.method.MethodAccountant;
import org.unlearning.workbench.accounting.method.NoiseRange;
import org.unlearning.workbench.accounting.method.ParameterSchema;
import org.unlearning.workbench.accounting.method.VectorKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.unlearning.workbench.accounting.method.GuaranteeText.fmt;

/**
 * Output perturbation ("dp-baseline", theory.md §6) as a method: the Gaussian mechanism with
 * sensitivity 2 C0 on the clipped model, σ by the exact calibration θ_ε(2C0/σ) ≤ δ.
 */
public final class OutputPerturbationMethod implements MethodAccountant<OutputPerturbationParams> {
    private static final ParameterSchema<OutputPerturbationParams> SCHEMA =
            ParameterSchema.of(OutputPerturbationParams.class, "output_perturbation");
    private static final String CLIP_ASSUMPTION = "Clipping is global L2 clipping over all parameters "
            + "(every weight and bias flattened into one vector), not per layer.";

    @Override
    public String key() {
        return "output_perturbation";
    }

    @Override
    public String title() {
        return "Output perturbation (clip the model, add noise once)";
    }

    @Override
    public String summary() {
        return "Clip the trained model, add Gaussian noise once, fine-tune on the retained data.";
    }

    @Override
    public ParameterSchema<OutputPerturbationParams> schema() {
        return SCHEMA;
    }

    @Override
    public Calculation plan(OutputPerturbationParams p) {
        Require.positive("epsilon", p.epsilon());
        Require.probability("delta", p.delta());
        Require.positive("C0", p.c0());
        double sens = 2 * p.c0();
        List<Figure> figures = new ArrayList<>();
        double classical = GaussianMechanism.classicalSigma(sens, p.epsilon(), p.delta());
        double sigma;
        double eps;
        String binding;
        if (p.sigma() != null) {
            Require.positive("sigma", p.sigma());
            sigma = p.sigma();
            eps = GaussianMechanism.exactEpsilon(sens, sigma, p.delta());
            binding = "sigma fixed by you; epsilon is the exact epsilon of the Gaussian mechanism at this delta";
        } else {
            sigma = GaussianMechanism.exactSigma(sens, p.epsilon(), p.delta());
            eps = p.epsilon();
            binding = "sensitivity 2 C0 = " + fmt(sens) + " (the diameter of the clipping ball)";
        }
        figures.add(new Figure("sigma_classical", "classical sigma 2 C0 sqrt(2 ln(1.25/delta)) / epsilon (authors' code"
                + (p.epsilon() < 1 ? ")" : "; the classical theorem needs epsilon < 1)"), classical, p.epsilon() < 1));
        figures.add(new Figure("exact_delta_classical", "exact delta of the classical sigma",
                GaussianMechanism.exactDelta(sens, classical, p.epsilon()), false));
        double achievedDelta = Math.min(p.delta(), GaussianMechanism.exactDelta(sens, sigma, eps));
        final double s = sigma;
        return new Calculation(key(), true, null, null, sigma, new NoiseRange(sigma, sigma, sigma, sigma), null, eps,
                p.delta(), null, null, binding, List.of(), null, figures, GuaranteeText.statement(eps, p.delta()),
                List.of(CLIP_ASSUMPTION, "The trained model is clipped to radius C0 = " + fmt(p.c0())
                                + " and N(0, sigma^2) noise is added to every parameter once; fine-tuning afterwards uses only the retained data.",
                        "Certifying algorithm: the same clip-and-noise applied to any model inside the ball of radius C0.",
                        "sigma is calibrated with the exact Gaussian-mechanism relation theta_eps(2 C0 / sigma) <= delta."),
                List.of(Curve.epsilonDelta(d -> GaussianMechanism.exactEpsilon(sens, s, d))),
                "output perturbation: Gaussian mechanism with sensitivity 2·C0, exact calibration (theory.md §6)")
                .withDelta(achievedDelta).requireFinite();
    }

    @Override
    public DrawLedger ledger(OutputPerturbationParams p, Calculation plan) {
        return new DrawLedger(plan);
    }

    /** Records the single Gaussian draw; certifies the plan's (ε, δ) when it ran with the planned σ. */
    public static final class DrawLedger implements Ledger {
        private final Calculation plan;
        private int draws;
        private double sigma = Double.NaN;

        DrawLedger(Calculation plan) {
            this.plan = plan;
        }

        /** The clipped model received one draw of N(0, σ²I). */
        public synchronized void recordDraw(double sigma) {
            draws++;
            this.sigma = sigma;
        }

        @Override
        public synchronized int steps() {
            return draws;
        }

        @Override
        public Double privacyState() {
            return null;
        }

        @Override
        public synchronized Guarantee guarantee() {
            if (draws != 1) {
                return Guarantee.none("the clipped model received " + draws + " Gaussian draws instead of one");
            }
            if (sigma != plan.sigma()) {
                return Guarantee.none("the draw used sigma " + sigma + " instead of the calibrated " + plan.sigma());
            }
            return Guarantee.of(plan.epsilon(), plan.delta());
        }

        @Override
        public Map<String, Object> outputs() {
            return Map.of();
        }
    }

    @Override
    public Map<String, VectorKind> vectorKinds() {
        return Map.of("output_perturbation", in -> {
            double sigma = GaussianMechanism.outputPerturbationSigma(in.num("eps"), in.num("delta"), in.num("C0"));
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("sigma", sigma);
            o.put("exact_delta", GaussianMechanism.exactDelta(2 * in.num("C0"), sigma, in.num("eps")));
            o.put("sigma_exact", GaussianMechanism.exactSigma(2 * in.num("C0"), in.num("eps"), in.num("delta")));
            return o;
        });
    }
}
