package org.unlearning.workbench.engine.verify;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a release's forget set was drawn, as its certificate records it: a random fraction of the
 * training part (or request k of m disjoint random requests) drawn with the split seed after a
 * seeded validation split. Read from structured keys of the certificate's {@code data} record when
 * present ({@code forget_fraction}, {@code requests}), else from its {@code forget_set_rule} text.
 *
 * @param splitSeed          seed of the validation split and of the forget sets
 * @param validationFraction fraction held out for validation before the forget set is drawn
 * @param forgetFraction     fraction forgotten (per request)
 * @param requests           number of requests (null = a single one)
 * @param request            which request this release answers (1-based)
 */
public record ForgetRule(long splitSeed, double validationFraction, double forgetFraction, Integer requests,
                         int request) {
    private static final Pattern FRACTION = Pattern.compile("forget_fraction\\s+([0-9.eE+-]+)");
    private static final Pattern REQUEST = Pattern.compile("request\\s+(\\d+)\\s+of\\s+(\\d+)");

    /** The rule of the certificate {@code cert}; a one-line reason when it cannot be rebuilt. */
    public static ForgetRule of(JsonNode cert) {
        JsonNode data = cert.path("data");
        if (!data.isObject()) {
            throw new IllegalArgumentException("the certificate has no data record (split seed, validation fraction, "
                    + "forget-set rule): the forget set cannot be rebuilt");
        }
        Double seed = ReleaseUnderCheck.number(data, "split_seed");
        Double vf = ReleaseUnderCheck.number(data, "validation_fraction");
        if (seed == null || vf == null) {
            throw new IllegalArgumentException("the certificate's data record lacks split_seed or validation_fraction");
        }
        String rule = data.path("forget_set_rule").asText("");
        Double fraction = ReleaseUnderCheck.number(data, "forget_fraction");
        Double requests = ReleaseUnderCheck.number(data, "requests");
        int request = cert.path("request").asInt(1);
        if (fraction == null) {
            if (rule.startsWith("indices listed in")) {
                throw new IllegalArgumentException("the forget set was read from a file of indices (" + rule
                        + "), which a release does not contain: it cannot be rebuilt from the data");
            }
            Matcher f = FRACTION.matcher(rule);
            if (!f.find()) {
                throw new IllegalArgumentException("the forget-set rule '" + rule + "' names no forget_fraction");
            }
            fraction = Double.parseDouble(f.group(1));
            Matcher q = REQUEST.matcher(rule);
            if (requests == null && q.find()) {
                request = Integer.parseInt(q.group(1));
                requests = Double.parseDouble(q.group(2));
            }
        }
        return new ForgetRule(seed.longValue(), vf, fraction, requests == null ? null : requests.intValue(), request);
    }
}
