package org.unlearning.workbench.engine.unlearn;

/**
 * Which data and which examples to forget.
 *
 * @param source              {@code bundled}/{@code mnist} (default), or a folder/file path (CIFAR-10, IDX, CSV)
 * @param validationFraction  fraction of the training part held out for validation (seeded, stratified)
 * @param forgetFraction      random fraction of the training part to forget (default 0.1)
 * @param forgetFile          file of indices to forget instead of a random fraction
 * @param splitSeed           seed of the validation split and the random forget set
 * @param evaluationLimit     at most this many examples per set at evaluation points (seeded subset; null = all)
 * @param standardize         standardise features per channel with the training statistics (null = as the
 *                            saved original model was trained, per its metadata; false for originals trained here)
 */
public record DataConfig(String source, Double validationFraction, Double forgetFraction, String forgetFile,
                         Long splitSeed, Integer evaluationLimit, Boolean standardize) {
    public DataConfig(String source, Double validationFraction, Double forgetFraction, String forgetFile,
                      Long splitSeed, Integer evaluationLimit) {
        this(source, validationFraction, forgetFraction, forgetFile, splitSeed, evaluationLimit, null);
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
    }
}
