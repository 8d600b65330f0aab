package org.unlearning.workbench.accounting.calculator;

import org.unlearning.workbench.accounting.GroupPrivacySplit;
import org.unlearning.workbench.accounting.ModelClippingVariant;
import org.unlearning.workbench.accounting.NoiseSchedule;
import org.unlearning.workbench.accounting.SigmaFormula;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link MethodParams} from {@code key=value} text (CLI, saved settings). Keys are those
 * of {@link ParameterTable}; aliases: T → steps, Delta → error_bound, lam → lambda, eps → epsilon,
 * and keys are case-insensitive otherwise. Missing keys take the table's default; unknown keys and
 * malformed values raise {@link IllegalArgumentException} naming the key.
 */
public final class ParamsParser {
    private ParamsParser() {}

    public static MethodParams parse(Method method, Map<String, String> raw) {
        MethodDescription d = ParameterTable.describe(method);
        Map<String, String> v = new HashMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String k = normalise(e.getKey());
            if (d.parameter(k).isEmpty()) {
                StringBuilder allowed = new StringBuilder();
                d.parameters().forEach(p -> allowed.append(allowed.length() == 0 ? "" : ", ").append(p.key()));
                throw new IllegalArgumentException("unknown parameter '" + e.getKey() + "' for method " + method.key()
                        + (allowed.length() == 0 ? " (it takes none)" : "; allowed: " + allowed));
            }
            v.put(k, e.getValue().trim());
        }
        R r = new R(d, v);
        return switch (method) {
            case GRADIENT_CLIPPING -> new GradientClippingParams(r.num("epsilon"), r.num("delta"), r.num("c0"),
                    r.num("c1"), r.num("eta"), r.num("lambda"), r.choice(NoiseSchedule.class, "schedule"),
                    r.optNum("eps_renyi"), r.choice(SigmaFormula.class, "formula"), r.optInt("steps"), r.optNum("sigma"));
            case MODEL_CLIPPING -> new ModelClippingParams(r.num("epsilon"), r.num("delta"), r.num("sigma"), r.num("c2"),
                    r.choice(ModelClippingVariant.class, "variant"), r.optNum("c1"), r.optNum("eta"), r.optNum("c0"),
                    r.optNum("sigma0"), r.optLong("max_steps"), Boolean.valueOf(r.text("strict_first_step")),
                    r.optInt("steps"));
            case OUTPUT_PERTURBATION -> new OutputPerturbationParams(r.num("epsilon"), r.num("delta"), r.num("c0"),
                    r.optNum("sigma"));
            case RETRAIN -> new RetrainParams();
            case DP_SGD -> new DpSgdParams(r.num("epsilon"), r.num("delta"), r.lng("n_train"), r.lng("k"),
                    r.lng("batch_size"), r.lng("epochs"), r.num("clip_norm"),
                    r.choice(GroupPrivacySplit.Rule.class, "rule"), r.optNum("noise_multiplier"));
            case NEWTON -> new NewtonParams(r.num("epsilon"), r.num("delta"), r.optNum("error_bound"),
                    r.optNum("c"), r.optNum("m"), r.optNum("lambda"), r.optNum("lambda_min"), r.optNum("lissa_error"),
                    r.optNum("sigma"));
        };
    }

    /** Parses {@code key=value} items. */
    public static Map<String, String> pairs(Iterable<String> items) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : items) {
            int i = s.indexOf('=');
            if (i <= 0) {
                throw new IllegalArgumentException("--param must look like key=value (got '" + s + "')");
            }
            m.put(s.substring(0, i).trim(), s.substring(i + 1));
        }
        return m;
    }

    static String normalise(String key) {
        String k = key.trim();
        switch (k) {
            case "T":
                return "steps";
            case "Delta":
                return "error_bound";
            default:
                break;
        }
        k = k.toLowerCase(Locale.ROOT).replace('-', '_');
        return switch (k) {
            case "lam" -> "lambda";
            case "eps" -> "epsilon";
            case "lam_min" -> "lambda_min";
            case "c" -> "c";
            default -> k;
        };
    }

    private record R(MethodDescription d, Map<String, String> v) {
        String text(String key) {
            String s = v.get(key);
            if (s == null || s.isEmpty()) {
                ParameterDescription p = d.parameter(key).orElseThrow();
                if (p.defaultChoice() != null) {
                    return p.defaultChoice();
                }
                if (p.defaultValue() != null) {
                    return Double.toString(p.defaultValue());
                }
                return null;
            }
            return s;
        }

        /** Value, else the table's numeric default, else null ("not fixed"). */
        Double optNum(String key) {
            String s = v.get(key);
            if (s == null || s.isEmpty()) {
                return d.parameter(key).orElseThrow().defaultValue();
            }
            return parseNum(key, s);
        }

        double num(String key) {
            String s = text(key);
            if (s == null) {
                throw new IllegalArgumentException(key + " is required");
            }
            return parseNum(key, s);
        }

        long lng(String key) {
            double x = num(key);
            if (x != Math.rint(x) || Math.abs(x) > 9e15) {
                throw new IllegalArgumentException(key + " must be a whole number (got " + v.get(key) + ")");
            }
            return (long) x;
        }

        Integer optInt(String key) {
            Double x = optNum(key);
            if (x == null) {
                return null;
            }
            if (x != Math.rint(x) || Math.abs(x) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(key + " must be a whole number up to " + Integer.MAX_VALUE
                        + " (got " + v.get(key) + ")");
            }
            return (int) Math.round(x);
        }

        Long optLong(String key) {
            if (v.get(key) == null || v.get(key).isEmpty()) {
                return null;
            }
            return lng(key);
        }

        <E extends Enum<E>> E choice(Class<E> type, String key) {
            String s = text(key);
            try {
                return Enum.valueOf(type, s.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + " must be " + d.parameter(key).orElseThrow().range()
                        + " (got '" + s + "')");
            }
        }

        private static double parseNum(String key, String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a number (got '" + s + "')");
            }
        }
    }
}
