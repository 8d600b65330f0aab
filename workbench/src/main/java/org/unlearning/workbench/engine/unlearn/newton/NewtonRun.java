package org.unlearning.workbench.engine.unlearn.newton;

import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.data.DatasetLoader;
import org.unlearning.workbench.engine.data.DatasetSplit;
import org.unlearning.workbench.engine.model.ModelMetadata;
import org.unlearning.workbench.engine.model.ModelStore;
import org.unlearning.workbench.engine.model.WorkbenchModel;
import org.unlearning.workbench.engine.train.LearningRateSchedule;
import org.unlearning.workbench.engine.train.Trainer;
import org.unlearning.workbench.engine.train.TrainingConfig;
import org.unlearning.workbench.engine.train.TrainingResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * A whole Newton run from a {@link NewtonRunConfig}: loads the data and the norm-constrained
 * original, draws the deletion requests, processes them in order ({@link NewtonUnlearning}),
 * retrains the baseline on every retain set with the original's own training recipe (from its
 * {@code model.json}), and writes the run directory ({@link NewtonRunWriter}).
 */
public final class NewtonRun {

    /** Progress for a CLI or window (called on the run's thread). */
    public interface Listener extends NewtonUnlearning.Progress {
        default void onRelease(NewtonRelease release) {}

        @Override
        default void update(int request, NewtonUnlearning.Phase phase, double fraction) {}
    }

    /** The finished run. */
    public record Result(NewtonRunConfig config, NewtonConfig engineConfig, List<NewtonRelease> releases,
                         String stopReason, Path directory) {}

    private NewtonRun() {}

    /** Resolves the model path of a config: as given, or relative to {@code base} when that exists. */
    public static ModelStore.SavedModel loadOriginal(String model) throws IOException {
        Path p = Path.of(model);
        if (!p.toFile().exists()) {
            throw new java.nio.file.NoSuchFileException(model, null, "original model not found (train the sample model "
                    + "with the command in sample-models/mlp-32x32-newton/README.md, or pass --model DIR)");
        }
        return ModelStore.load(p);
    }

    public static Result run(NewtonRunConfig cfg, Path out, Listener listener, BooleanSupplier cancelled)
            throws IOException {
        return run(cfg, out, listener, cancelled, false);
    }

    /** @param secureNoise draw release noise from a SecureRandom-seeded generator (seed not recorded) */
    public static Result run(NewtonRunConfig cfg, Path out, Listener listener, BooleanSupplier cancelled,
                             boolean secureNoise) throws IOException {
        Listener l = listener == null ? new Listener() {} : listener;
        BooleanSupplier cancel = cancelled == null ? () -> false : cancelled;
        ModelStore.SavedModel saved = loadOriginal(cfg.model());
        DatasetSplit split = dataAsTrained(DatasetLoader.load(cfg.data()), saved.metadata());
        saved.requireCompatible(split.train());
        ModelMetadata md = saved.metadata();
        if (md.datasetSha256() != null && !md.datasetSha256().equals(split.sha256())) {
            throw new IllegalArgumentException("model " + cfg.model() + " was trained on dataset " + md.dataset()
                    + " (sha256 " + md.datasetSha256() + "), not on " + split.name());
        }
        Map<String, Object> hp = md.hyperparameters() == null ? Map.of() : md.hyperparameters();
        double trainingWd = number(hp.get("weight_decay"), 0);
        Double radius = hp.get("projection_radius") == null ? null : number(hp.get("projection_radius"), Double.NaN);
        NewtonConfig engine = cfg.newtonConfig(trainingWd);
        Dataset train = split.train();
        Retrainer retrainer = cfg.retrain() ? retrainer(saved, train, hp) : null;
        NewtonUnlearning timeline = new NewtonUnlearning(saved.model(), train, split.test(), engine, retrainer)
                .trainedWithNormConstraint(radius).withSecureNoise(secureNoise);
        List<int[]> requests = requests(train.size(), cfg.requests(), cfg.forgetFraction(), cfg.seed());
        NewtonRunWriter writer = NewtonRunWriter.create(out, cfg, engine, saved, split);
        List<NewtonRelease> releases = new ArrayList<>();
        for (int[] forget : requests) {
            NewtonRelease r;
            try {
                r = timeline.request(forget, cancel, l);
            } catch (java.util.concurrent.CancellationException e) {
                String why = "cancelled during request " + (releases.size() + 1) + " (" + e.getMessage() + ")";
                writer.cancelled(releases, why, requests.size());
                throw e;
            }
            releases.add(r);
            writer.release(r, forget);
            l.onRelease(r);
            if (timeline.stopReason() != null) {
                break;
            }
        }
        writer.finish(releases, timeline.stopReason(), requests.size());
        return new Result(cfg, engine, releases, timeline.stopReason(), out);
    }

    /** The data as the original saw it in training (standardised when its metadata says so). */
    static DatasetSplit dataAsTrained(DatasetSplit raw, ModelMetadata md) {
        Object std = md.hyperparameters() == null ? null : md.hyperparameters().get("standardize");
        boolean standardised = Boolean.TRUE.equals(std)
                || (md.dataset() != null && md.dataset().endsWith("(standardised)"));
        return standardised ? raw.standardized() : raw;
    }

    /** {@code count} disjoint random requests of round(fraction·n) examples each (seeded). */
    public static List<int[]> requests(int n, int count, double fraction, long seed) {
        int size = Math.max(1, (int) Math.round(fraction * n));
        if ((long) size * count >= n) {
            throw new IllegalArgumentException(count + " requests of " + size + " examples would delete all " + n);
        }
        int[] order = java.util.stream.IntStream.range(0, n).toArray();
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        List<int[]> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int[] r = Arrays.copyOfRange(order, k * size, (k + 1) * size);
            Arrays.sort(r);
            out.add(r);
        }
        return out;
    }

    /** Retrains with the original's recipe (epochs, batch, rate, schedule, decay, projection, seeds). */
    static Retrainer retrainer(ModelStore.SavedModel saved, Dataset train, Map<String, Object> hp) {
        if (hp.get("epochs") == null || hp.get("learning_rate") == null || hp.get("batch_size") == null) {
            throw new IllegalArgumentException("the original's model.json lacks its training recipe (epochs, batch_size, "
                    + "learning_rate), so the retraining baseline cannot be reproduced; use --no-retrain");
        }
        Object schedule = hp.get("schedule");
        Object radius = hp.get("projection_radius");
        TrainingConfig tc = new TrainingConfig((int) number(hp.get("epochs"), 1), (int) number(hp.get("batch_size"), 1),
                number(hp.get("learning_rate"), 0.1),
                LearningRateSchedule.fromName(schedule == null ? "constant" : schedule.toString()),
                number(hp.get("momentum"), 0), number(hp.get("weight_decay"), 0),
                radius == null ? Double.POSITIVE_INFINITY : number(radius, Double.POSITIVE_INFINITY),
                (long) number(hp.get("seed"), 0));
        long initSeed = saved.metadata().initSeed() == null ? tc.seed() : saved.metadata().initSeed();
        return (retain, cancelled) -> {
            WorkbenchModel m = WorkbenchModel.create(saved.model().spec(), initSeed);
            TrainingResult r = new Trainer(tc).train(m, train, retain, null, null, cancelled);
            return new Retrainer.Trained(m, r.seconds(), r.steps() == 0 ? 0 : (long) r.history().size() * retain.length);
        };
    }

    private static double number(Object o, double fallback) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }
}
