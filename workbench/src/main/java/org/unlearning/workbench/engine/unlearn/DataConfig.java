package org.unlearning.workbench.engine.unlearn;

import org.unlearning.workbench.engine.audit.CanarySet;
import org.unlearning.workbench.engine.audit.CanarySpec;

/**
 * Which data and which examples to forget.
 *
 * @param source              {@code bundled}/{@code mnist} (default), or a folder/file path (CIFAR-10, IDX, CSV)
 * @param validationFraction  fraction of the training part held out for validation (seeded, stratified)
 * @param forgetFraction      random fraction of the training part to forget (default 0.1); per request
 *                            when {@code requests} is given
 * @param forgetFile          file of indices to forget instead of a random fraction
 * @param splitSeed           seed of the validation split and the random forget sets
 * @param evaluationLimit     at most this many examples per set at evaluation points (seeded subset; null = all)
 * @param standardize         standardise features per channel with the training statistics (null = as the
 *                            saved original model was trained, per its metadata; false for originals trained here)
 * @param requests            sequential deletion requests: this many disjoint random requests of
 *                            {@code forget_fraction} each, processed one after the other, each unlearned
 *                            from the previous release (null = one request: the forget fraction or file)
 * @param needs               a preset's note of the data it needs ({@code --data} required), or null
 * @param canaries            audit canaries (theory.md §15.4) planted in the training part
 *                            ({@link CanarySet#plant}); the forget set is then exactly the canaries
 *                            (forget_fraction/forget_file/requests do not apply), or null
 */
public record DataConfig(String source, Double validationFraction, Double forgetFraction, String forgetFile,
                         Long splitSeed, Integer evaluationLimit, Boolean standardize, Integer requests,
                         String needs, CanarySpec canaries) {
    public DataConfig(String source, Double validationFraction, Double forgetFraction, String forgetFile,
                      Long splitSeed, Integer evaluationLimit) {
        this(source, validationFraction, forgetFraction, forgetFile, splitSeed, evaluationLimit, null, null, null);
    }

    public DataConfig(String source, Double validationFraction, Double forgetFraction, String forgetFile,
                      Long splitSeed, Integer evaluationLimit, Boolean standardize, Integer requests, String needs) {
        this(source, validationFraction, forgetFraction, forgetFile, splitSeed, evaluationLimit, standardize, requests,
                needs, null);
    }

    public DataConfig {
        source = source == null || source.isBlank() ? "bundled" : source;
        validationFraction = validationFraction == null ? 0.1 : validationFraction;
        forgetFraction = forgetFraction == null ? 0.1 : forgetFraction;
        splitSeed = splitSeed == null ? 0L : splitSeed;
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("data.validation_fraction must be in [0, 1), got " + validationFraction);
        }
        if (forgetFile == null && !(forgetFraction > 0 && forgetFraction < 1)) {
            throw new IllegalArgumentException("data.forget_fraction must be in (0, 1), got " + forgetFraction);
        }
        if (evaluationLimit != null && evaluationLimit < 1) {
            throw new IllegalArgumentException("data.evaluation_limit must be >= 1, got " + evaluationLimit);
        }
        if (canaries != null && (requests != null || forgetFile != null)) {
            throw new IllegalArgumentException("data.canaries makes the canaries the forget set: remove "
                    + (requests != null ? "data.requests" : "data.forget_file"));
        }
        if (requests != null) {
            if (requests < 1) {
                throw new IllegalArgumentException("data.requests must be >= 1, got " + requests);
            }
            if (forgetFile != null) {
                throw new IllegalArgumentException("data.requests draws random requests: give forget_fraction, not forget_file");
            }
            if (forgetFraction * requests >= 1) {
                throw new IllegalArgumentException("data.requests × forget_fraction = " + requests * forgetFraction
                        + " would delete the whole training set");
            }
        }
    }

    /** Deletion requests this configuration processes. */
    public int requestCount() {
        return requests == null ? 1 : requests;
    }

    /** A copy with another source (a preset's data overridden by {@code --data}); the preset's note no longer applies. */
    public DataConfig withSource(String s) {
        return new DataConfig(s, validationFraction, forgetFraction, forgetFile, splitSeed, evaluationLimit, standardize,
                requests, null, canaries);
    }

    /** A copy with another forget fraction (per request) and request count (null = one request). */
    public DataConfig withRequests(Double fraction, Integer count) {
        return new DataConfig(source, validationFraction, fraction == null ? forgetFraction : fraction, forgetFile,
                splitSeed, evaluationLimit, standardize, count == null ? requests : count, needs, canaries);
    }
}
