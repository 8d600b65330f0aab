package org.unlearning.workbench.accounting.newton;

import org.unlearning.workbench.accounting.GaussianMechanism;
import org.unlearning.workbench.accounting.Require;
import org.unlearning.workbench.accounting.method.Calculation;
import org.unlearning.workbench.accounting.method.Curve;
import org.unlearning.workbench.accounting.method.Figure;
import org.unlearning.workbench.accounting.method.GuaranteeText;
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
 * Certified Newton unlearning with LiSSA (Paper B, theory.md §9) as a method: Δ = Δ_N (Theorem 3.4)
 * + Δ_LiSSA, σ by the exact Gaussian calibration of (Δ, ε, δ); one release per deletion request,
 * each accounted by {@link NewtonLedger}.
 */
public final class NewtonMethod implements MethodAccountant<NewtonParams> {
    private static final ParameterSchema<NewtonParams> SCHEMA = ParameterSchema.of(NewtonParams.class, "newton");
    /** Said next to every Newton guarantee (§9.4). */
    public static final String COMPOSITION_WARNING = "This is the guarantee of ONE release. Releases of correlated "
            + "estimates compose: an observer of k releases (sequential requests) faces up to k·ε.";

    @Override
    public String key() {
        return "newton";
    }

    @Override
    public String title() {
        return "Newton update with LiSSA + Gaussian noise (Paper B)";
    }

    @Override
    public String summary() {
        return "One Newton step towards the retrained model (LiSSA), then Gaussian noise covering its error.";
    }

    @Override
    public ParameterSchema<NewtonParams> schema() {
        return SCHEMA;
    }

    @Override
    public String privacyStateLabel() {
        return "ε after k releases (composed, k·ε)";
    }

    @Override
    public Calculation plan(NewtonParams p) {
        Require.positive("epsilon", p.epsilon());
        Require.probability("delta", p.delta());
        List<String> warnings = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        double bound;
        String binding;
        Double deltaN = null;
        String accountant = "Gaussian mechanism (exact theta_eps calibration) with Delta = Theorem 3.4 bound + Delta_LiSSA (§9.3)";
        if (p.errorBound() != null) {
            bound = Require.positive("Delta", p.errorBound());
            binding = "error bound Delta = " + fmt(bound) + " given by you";
        } else {
            NewtonAccountant.ErrorBound b = NewtonAccountant.errorBound(p.c(), p.m(), p.lambda(), p.lambdaMin());
            if (!b.valid()) {
                String reason = "lambda + lambda_min = " + fmt(p.lambda() + p.lambdaMin())
                        + " <= 0, so the local convex approximation has no error bound; increase lambda";
                return new Calculation(key(), false, reason, null, null, null, null, null, null, null, null,
                        "lambda + lambda_min must be > 0", List.of("Increase lambda above -lambda_min."), null, figures,
                        GuaranteeText.noGuarantee(reason), assumptions(), List.of(), accountant);
            }
            double lissa = Require.nonNegative("lissa_error", p.lissaError());
            deltaN = b.delta();
            figures.add(new Figure("Delta_N", "Theorem 3.4 bound 2C(MC + lambda)/(lambda + lambda_min)", b.delta(), false));
            bound = b.delta() + lissa;
            binding = "error bound Delta = Delta_N + Delta_LiSSA = " + fmt(bound);
            if (lissa == 0) {
                warnings.add("No LiSSA approximation error was added to Delta; the guarantee assumes an exact inverse-Hessian product.");
            }
        }
        figures.add(new Figure("Delta", "sensitivity bound Delta", bound, false));
        double sigma;
        double eps;
        if (p.sigma() != null) {
            sigma = Require.positive("sigma", p.sigma());
            eps = GaussianMechanism.exactEpsilon(bound, sigma, p.delta());
            figures.add(new Figure("epsilon_classical", "classical implied epsilon Delta sqrt(2 ln(1.25/delta)) / sigma",
                    GaussianMechanism.classicalEpsilon(bound, sigma, p.delta()), false));
            binding += "; sigma fixed by you";
        } else {
            sigma = GaussianMechanism.exactSigma(bound, p.epsilon(), p.delta());
            eps = p.epsilon();
            figures.add(new Figure("sigma_classical", "classical sigma (Theorem 2.3"
                    + (p.epsilon() < 1 ? ")" : "; needs epsilon < 1)"),
                    GaussianMechanism.classicalSigma(bound, p.epsilon(), p.delta()), p.epsilon() < 1));
        }
        if (deltaN != null) {
            binding = deltaSplit(deltaN, bound, sigma) + (p.sigma() != null ? " (sigma fixed by you)" : "");
        }
        if (bound > 100) {
            warnings.add("Delta = " + fmt(bound) + " is large, so the noise swamps the model; reduce C or increase lambda.");
        }
        warnings.add(COMPOSITION_WARNING);
        final double s = sigma;
        final double bd = bound;
        return new Calculation(key(), true, null, null, sigma, new NoiseRange(sigma, sigma, sigma, sigma), null,
                eps, p.delta(), null, null, binding, warnings, null, figures, GuaranteeText.statement(eps, p.delta()),
                assumptions(), List.of(Curve.epsilonDelta(d -> GaussianMechanism.exactEpsilon(bd, s, d))), accountant)
                .requireFinite();
    }

    /** "Δ = Δ_N + Δ_LiSSA = … → σ = …; Δ_N … dominates (97 % of Δ)". */
    private static String deltaSplit(double dn, double d, double sigma) {
        double lissa = d - dn;
        String which = dn >= lissa ? "Δ_N (Newton approximation, Theorem 3.4)" : "Δ_LiSSA (inverse-Hessian error budget)";
        return "Δ = Δ_N + Δ_LiSSA = " + fmt(dn) + " + " + fmt(lissa) + " = " + fmt(d) + " → σ = " + fmt(sigma)
                + "; " + which + " dominates (" + Math.round(100 * Math.max(dn, lissa) / d) + " % of Δ).";
    }

    static List<String> assumptions() {
        return List.of("Training kept the model inside the ball of radius C (norm constraint) and the Hessian is "
                        + "M-Lipschitz; the bound uses the local convex approximation with lambda + lambda_min > 0.",
                "Noise N(0, sigma^2) is added to every parameter of the Newton-updated model, once per release; "
                        + "several releases compose.",
                "Certifying algorithm: the same Newton update plus noise computed from the model retrained without your data.");
    }

    /** A ledger of one release planned as {@code plan}. */
    @Override
    public NewtonLedger ledger(NewtonParams p, Calculation plan) {
        return new NewtonLedger(p.epsilon(), p.delta());
    }

    @Override
    public Map<String, VectorKind> vectorKinds() {
        Map<String, VectorKind> m = new LinkedHashMap<>();
        m.put("newton_error_bound", in -> {
            NewtonAccountant.ErrorBound b = NewtonAccountant.errorBound(in.num("C"), in.num("M"), in.num("lam"),
                    in.num("lam_min"));
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("Delta", b.delta());
            o.put("valid", b.valid());
            return o;
        });
        m.put("lissa", in -> {
            Lissa.Result r = Lissa.run(in.matrix("A"), in.array("v"), in.num("scale"), (int) in.integer("depth"));
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("x", r.x());
            o.put("converges", r.converges());
            return o;
        });
        return m;
    }
}
