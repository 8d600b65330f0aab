package org.unlearning.workbench.engine.verify;

import com.fasterxml.jackson.databind.JsonNode;
import org.unlearning.workbench.accounting.method.Calculation;
import org.unlearning.workbench.accounting.method.GuaranteeText;
import org.unlearning.workbench.accounting.method.MethodAccountant;
import org.unlearning.workbench.accounting.registry.MethodRegistry;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The achieved (ε, δ) recomputed independently: the certificate's recorded method parameters go
 * through the method's schema and accountant (the route of {@code accountant calc}, theory.md
 * §4–§9), not through the run's ledger, and the result must equal what the certificate claims
 * (relative tolerance {@value #TOLERANCE}); so must the planned T and a constant σ when both sides
 * state them.
 */
public final class GuaranteeCheck implements ReleaseCheck {
    /** Relative tolerance between recomputed and recorded values (the same double arithmetic). */
    public static final double TOLERANCE = 1e-9;

    @Override
    public String name() {
        return "guarantee";
    }

    @Override
    public CheckResult check(ReleaseUnderCheck r) {
        MethodAccountant<?> method;
        try {
            method = MethodRegistry.get(r.text("method"));
        } catch (IllegalArgumentException e) {
            return CheckResult.fail(name(), "unknown method '" + r.text("method") + "'");
        }
        JsonNode recorded = r.certificate().path("method_parameters");
        String from = "method_parameters";
        if (!recorded.isObject()) {
            recorded = r.certificate().path("accountant_inputs");
            from = "accountant_inputs";
        }
        if (!recorded.isObject()) {
            return CheckResult.fail(name(), "the certificate records no method parameters: the guarantee cannot be "
                    + "recomputed");
        }
        Calculation c;
        try {
            c = MethodRegistry.calculate(build(method, parameters(method, recorded)));
        } catch (IllegalArgumentException e) {
            return CheckResult.fail(name(), "the recorded " + from + " are not valid for " + method.key() + ": "
                    + e.getMessage());
        }
        Double eps = r.number("epsilon");
        Double delta = r.number("delta");
        String recomputed = c.feasible() && c.epsilon() != null
                ? "(ε, δ) = (" + fmt(c.epsilon()) + ", " + fmt(c.delta()) + ")" : "no guarantee (" + c.reason() + ")";
        if (eps == null && delta == null) {
            return CheckResult.pass(name(), "the certificate claims no guarantee; the accountant gives " + recomputed
                    + " for its recorded parameters");
        }
        List<String> wrong = new ArrayList<>();
        if (!c.feasible() || c.epsilon() == null || c.delta() == null) {
            wrong.add("the accountant gives no guarantee for the recorded parameters (" + c.reason() + ")");
        } else {
            compare("ε", eps, c.epsilon(), wrong);
            compare("δ", delta, c.delta(), wrong);
            Double t = r.number("planned_noisy_steps");
            if (t != null && c.steps() != null) {
                compare("T", t, c.steps().doubleValue(), wrong);
            }
            Double sigma = r.number("sigma");
            if (sigma != null && c.sigma() != null) {
                compare("σ", sigma, c.sigma(), wrong);
            }
        }
        String claimed = "(ε, δ) = (" + fmt(eps) + ", " + fmt(delta) + ")";
        if (!wrong.isEmpty()) {
            return CheckResult.fail(name(), "the certificate claims " + claimed + " but " + String.join("; ", wrong)
                    + " (" + c.accountant() + ")");
        }
        return CheckResult.pass(name(), "recomputed " + recomputed + " from the recorded " + from + " with the "
                + c.accountant() + "; the certificate claims the same");
    }

    private static void compare(String what, Double claimed, double recomputed, List<String> wrong) {
        if (claimed == null || !close(claimed, recomputed)) {
            wrong.add("the accountant gives " + what + " = " + fmt(recomputed) + " (certificate: "
                    + (claimed == null ? "none" : fmt(claimed)) + ")");
        }
    }

    static boolean close(double a, double b) {
        return a == b || Math.abs(a - b) <= TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
    }

    private static String fmt(Double v) {
        return v == null ? "none" : GuaranteeText.fmt(v);
    }

    /** The recorded values the method's schema knows, as plain Java values. */
    private static Map<String, Object> parameters(MethodAccountant<?> m, JsonNode recorded) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = recorded.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (m.schema().parameter(e.getKey()).isEmpty()) {
                continue;
            }
            JsonNode v = e.getValue();
            Object value;
            if (v.isNull()) {
                value = null;
            } else if (v.isIntegralNumber()) {
                value = v.longValue();
            } else if (v.isNumber()) {
                value = v.doubleValue();
            } else if (v.isBoolean()) {
                value = v.booleanValue();
            } else if (v.isTextual()) {
                value = v.asText();
            } else {
                throw new IllegalArgumentException(e.getKey() + " is not a single value");
            }
            out.put(e.getKey(), value);
        }
        return out;
    }

    private static <P extends Record> P build(MethodAccountant<P> m, Map<String, Object> values) {
        return m.schema().build(values);
    }
}
