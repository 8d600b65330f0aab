package org.unlearning.workbench.app.cli;

import org.nd4j.linalg.api.buffer.DataType;
import org.unlearning.workbench.engine.data.DatasetSplit;
import org.unlearning.workbench.engine.model.Architecture;
import org.unlearning.workbench.engine.model.ComputeThreads;
import org.unlearning.workbench.engine.model.Evaluation;
import org.unlearning.workbench.engine.model.ModelMetadata;
import org.unlearning.workbench.engine.model.ModelSpec;
import org.unlearning.workbench.engine.model.ModelStore;
import org.unlearning.workbench.engine.model.WorkbenchModel;
import org.unlearning.workbench.engine.train.EpochMetrics;
import org.unlearning.workbench.engine.train.LearningRateSchedule;
import org.unlearning.workbench.engine.train.Trainer;
import org.unlearning.workbench.engine.train.TrainingConfig;
import org.unlearning.workbench.engine.train.TrainingListener;
import org.unlearning.workbench.engine.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import org.unlearning.workbench.engine.io.OutputFolder;
import org.unlearning.workbench.engine.io.RunStatus;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Trains an original model with plain SGD and saves it with its metadata into a new (or empty)
 * folder, locked while it trains; {@code status.json} says in-progress, then completed, cancelled
 * (Ctrl-C / SIGTERM: no model is saved) or failed.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train an original model (plain SGD) and save model.zip + model.json to --out; "
                + "prints a JSON summary with test_accuracy.")
public final class TrainCommand implements Callable<Integer> {
    @Mixin DataOptions dataOptions = new DataOptions();

    @Option(names = "--model", paramLabel = "ARCH", description = "mlp-5, mlp-20, mlp-32x32, cnn-small, mlp-head (default: ${DEFAULT-VALUE}).")
    String model = "mlp-5";

    @Option(names = "--hidden", paramLabel = "SIZES", split = ",", description = "Hidden layer sizes for MLPs, e.g. 32,32 (default: the architecture's).")
    List<Integer> hidden;

    @Option(names = "--epochs", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs = 60;

    @Option(names = "--batch-size", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batchSize = 128;

    @Option(names = "--lr", description = "Learning rate (peak rate for one-cycle; default: ${DEFAULT-VALUE}).")
    double lr = 0.1;

    @Option(names = "--schedule", description = "constant, cosine or one-cycle (default: ${DEFAULT-VALUE}).")
    String schedule = "constant";

    @Option(names = "--momentum", description = "Heavy-ball momentum in [0,1) (default: ${DEFAULT-VALUE}).")
    double momentum = 0;

    @Option(names = "--weight-decay", description = "λ, adds λ·x to the gradient (default: ${DEFAULT-VALUE}).")
    double weightDecay = 0;

    @Option(names = "--projection-radius", paramLabel = "C", description = "Project onto ‖x‖ ≤ C after every step (default: none).")
    Double projectionRadius;

    @Option(names = "--seed", description = "Seed of initialisation and minibatch order (default: ${DEFAULT-VALUE}).")
    long seed = 0;

    @Option(names = "--dtype", description = "float32 or float64 (default: ${DEFAULT-VALUE}).")
    String dtype = "float32";

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "New (or empty) folder to write model.zip and model.json to.")
    Path out;

    @Option(names = "--overwrite", description = "If --out already holds files, move them aside to DIR.replaced-<time> first.")
    boolean overwrite;

    @Option(names = "--quiet", description = "No per-epoch progress on stderr.")
    boolean quiet;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        ComputeThreads.configureDefault(1);
        Architecture arch = Architecture.fromName(model);
        TrainingConfig config = new TrainingConfig(epochs, batchSize, lr, LearningRateSchedule.fromName(schedule),
                momentum, weightDecay, projectionRadius == null ? Double.POSITIVE_INFINITY : projectionRadius, seed);
        DataType type = parseDtype(dtype);
        AtomicBoolean cancel = new AtomicBoolean();
        try (OutputFolder folder = OutputFolder.prepare(out, overwrite, "--out", "train");
             CancelOnSignal signals = CancelOnSignal.install(() -> cancel.set(true), CancelOnSignal.DEFAULT_GRACE, System.err)) {
            folder.movedAside().ifPresent(p -> System.err.println("moved the old content of " + out + " to " + p));
            RunStatus.begin(folder.dir(), "train");
            try {
                Integer code = train(arch, config, type, cancel, signals);
                signals.finished();
                return code;
            } catch (Exception | Error e) {
                if (!folder.discardIfUnused()) {
                    RunStatus.finish(folder.dir(), RunStatus.State.FAILED, CliSupport.message(e) + " — no model saved");
                }
                signals.finished();
                throw e;
            }
        }
    }

    private Integer train(Architecture arch, TrainingConfig config, DataType type, AtomicBoolean cancel,
                          CancelOnSignal signals) throws Exception {
        DatasetSplit data = dataOptions.load();
        ModelSpec spec = ModelSpec.forData(arch, data.train()).withDataType(type);
        if (hidden != null) {
            spec = spec.withHiddenSizes(hidden);
        }
        WorkbenchModel m = WorkbenchModel.create(spec, seed);
        if (!quiet) {
            System.err.printf(Locale.ROOT, "training %s on %s%n", m, data.describe());
        }
        TrainingListener progress = new TrainingListener() {
            @Override
            public void onEpoch(EpochMetrics e) {
                if (!quiet) {
                    System.err.printf(Locale.ROOT, "epoch %3d  lr %.4g  train acc %.4f loss %.4f  test acc %.4f loss %.4f  (%.1fs)%n",
                            e.epoch(), e.learningRate(), e.trainAccuracy(), e.trainLoss(), e.testAccuracy(), e.testLoss(), e.seconds());
                }
            }
        };
        TrainingResult r = new Trainer(config).train(m, data.train(), data.test(), progress, cancel::get);
        if (cancel.get()) {
            String why = "cancelled after " + r.history().size() + " of " + config.epochs() + " epochs — no model saved";
            RunStatus.finish(out, RunStatus.State.CANCELLED, why);
            System.err.println("train " + why + "; " + out + " holds only " + RunStatus.FILE);
            return signals.signalled() ? signals.exitCode() : CliSupport.EXIT_CHECK_FAILED;
        }
        EpochMetrics last = r.last();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("train_accuracy", last.trainAccuracy());
        metrics.put("train_loss", last.trainLoss());
        metrics.put("test_accuracy", last.testAccuracy());
        metrics.put("test_loss", last.testLoss());
        if (data.hasValidation()) {
            Evaluation v = m.evaluate(data.validation(), 1000);
            metrics.put("val_accuracy", v.accuracy());
            metrics.put("val_loss", v.loss());
        }
        Map<String, Object> hp = hyperparameters(config);
        hp.put("standardize", dataOptions.standardize);
        ModelMetadata md = ModelStore.metadata(m, data.name(), data.sha256(), dataOptions.splitSeedOrNull(), seed, hp, metrics);
        ModelStore.save(m, md, out);
        RunStatus.finish(out, RunStatus.State.COMPLETED, "model saved");

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("model", arch.cliName());
        summary.put("num_params", m.numParams());
        summary.put("dataset", data.name());
        summary.put("dataset_sha256", data.sha256());
        summary.put("train_size", data.train().size());
        summary.put("test_size", data.test().size());
        summary.putAll(metrics);
        summary.put("epochs", r.history().size());
        summary.put("steps", r.steps());
        summary.put("seconds", Math.round(r.seconds() * 100) / 100.0);
        summary.put("hyperparameters", hp);
        summary.put("out", out.toAbsolutePath().toString());
        System.out.println(Json.write(summary));
        return CliSupport.EXIT_OK;
    }

    static Map<String, Object> hyperparameters(TrainingConfig c) {
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("optimizer", c.momentum() > 0 ? "sgd-momentum" : "sgd");
        hp.put("epochs", c.epochs());
        hp.put("batch_size", c.batchSize());
        hp.put("learning_rate", c.learningRate());
        hp.put("schedule", c.schedule().cliName());
        hp.put("momentum", c.momentum());
        hp.put("weight_decay", c.weightDecay());
        hp.put("projection_radius", c.projects() ? c.projectionRadius() : null);
        hp.put("seed", c.seed());
        return hp;
    }

    static DataType parseDtype(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "float32", "float", "f32" -> DataType.FLOAT;
            case "float64", "double", "f64" -> DataType.DOUBLE;
            default -> throw new IllegalArgumentException("--dtype must be float32 or float64, got '" + s + "'");
        };
    }
}
