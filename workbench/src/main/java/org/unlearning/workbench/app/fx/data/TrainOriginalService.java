package org.unlearning.workbench.app.fx.data;

import javafx.concurrent.Service;
import javafx.concurrent.Task;
import org.unlearning.workbench.engine.data.DatasetLoader;
import org.unlearning.workbench.engine.data.DatasetSplit;
import org.unlearning.workbench.engine.model.Architecture;
import org.unlearning.workbench.engine.model.ModelSpec;
import org.unlearning.workbench.engine.model.ModelStore;
import org.unlearning.workbench.engine.model.WorkbenchModel;
import org.unlearning.workbench.engine.train.EpochMetrics;
import org.unlearning.workbench.engine.train.LearningRateSchedule;
import org.unlearning.workbench.engine.train.Trainer;
import org.unlearning.workbench.engine.train.TrainingConfig;
import org.unlearning.workbench.engine.train.TrainingListener;
import org.unlearning.workbench.engine.train.TrainingResult;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * "Train original…": trains an mlp-5 on the whole training part (forget set included) with the
 * paper's base recipe (§10.1: SGD, one-cycle max 0.06, weight decay 5e-4, batch 128) in the
 * background, with progress and cancel, and saves it under {@code <home>/models/mlp-5/<time>/}.
 * The value is the saved {@code model.zip}; a cancelled training saves nothing.
 */
public final class TrainOriginalService extends Service<Path> {
    private volatile String source = DatasetLoader.BUNDLED;
    private volatile int epochs = 10;
    private volatile Path modelsDir;

    public void configure(String source, int epochs, Path modelsDir) {
        this.source = source;
        this.epochs = epochs;
        this.modelsDir = modelsDir;
    }

    @Override
    protected Task<Path> createTask() {
        String src = source;
        int ep = epochs;
        Path out = modelsDir;
        return new Task<>() {
            @Override
            protected Path call() throws Exception {
                updateMessage("loading data…");
                DatasetSplit split = DatasetLoader.load(src).withValidation(DataViewModel.VALIDATION_FRACTION, 0L);
                WorkbenchModel model = WorkbenchModel.create(ModelSpec.forData(Architecture.fromName("mlp-5"),
                        split.train()), 0L);
                TrainingConfig cfg = TrainingConfig.sgd(ep, 128, 0.06, 0L)
                        .withSchedule(LearningRateSchedule.ONE_CYCLE).withWeightDecay(5e-4);
                TrainingListener l = new TrainingListener() {
                    @Override
                    public void onStep(long step, long totalSteps, double batchLoss) {
                        updateProgress(step, totalSteps);
                    }

                    @Override
                    public void onEpoch(EpochMetrics m) {
                        updateMessage(String.format(Locale.ROOT, "epoch %d of %d: test accuracy %.1f %%", m.epoch(),
                                ep, 100 * m.testAccuracy()));
                    }
                };
                TrainingResult r = new Trainer(cfg).train(model, split.train(), split.test(), l, this::isCancelled);
                if (isCancelled()) {
                    return null;
                }
                Map<String, Object> hp = new LinkedHashMap<>();
                hp.put("epochs", ep);
                hp.put("batch_size", 128);
                hp.put("learning_rate", 0.06);
                hp.put("schedule", "one-cycle");
                hp.put("weight_decay", 5e-4);
                Map<String, Double> metrics = new LinkedHashMap<>();
                var eval = model.evaluate(split.test(), 1000);
                metrics.put("test_accuracy", eval.accuracy());
                Path dir = out.resolve("mlp-5").resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
                ModelStore.save(model, ModelStore.metadata(model, split.name(), split.sha256(), 0L, 0L, hp, metrics), dir);
                updateMessage(String.format(Locale.ROOT, "saved %s (test accuracy %.1f %%)", dir, 100 * eval.accuracy()));
                return dir.resolve(ModelStore.MODEL_FILE);
            }
        };
    }
}
