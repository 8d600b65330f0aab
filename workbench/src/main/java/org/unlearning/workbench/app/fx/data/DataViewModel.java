package org.unlearning.workbench.app.fx.data;

import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.unlearning.workbench.app.fx.ErrorDialogs;
import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.data.DatasetLoader;
import org.unlearning.workbench.engine.data.DatasetSplit;
import org.unlearning.workbench.engine.data.ForgetSet;
import org.unlearning.workbench.engine.unlearn.DataConfig;
import org.unlearning.workbench.engine.unlearn.ModelConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Data, forget set and original model of the next run. The dataset is loaded on a background
 * thread when the source changes, so the sizes (train / validation / test, forget / retain) are
 * shown before running; problems (missing folder, bad class list) become a one-line reason.
 */
public final class DataViewModel {
    public static final String FRACTION = "fraction";
    public static final String CLASSES = "classes";
    public static final String INDICES = "indices";
    static final double VALIDATION_FRACTION = 0.1;

    private final StringProperty source = new SimpleStringProperty(DatasetLoader.BUNDLED);
    private final StringProperty forgetMode = new SimpleStringProperty(FRACTION);
    private final DoubleProperty forgetFraction = new SimpleDoubleProperty(0.1);
    private final StringProperty forgetClasses = new SimpleStringProperty("3");
    private final StringProperty forgetIndexFile = new SimpleStringProperty("");
    private final StringProperty modelPath = new SimpleStringProperty("");
    private final DoubleProperty trainEpochs = new SimpleDoubleProperty(10);
    private final DoubleProperty fineTuneEpochs = new SimpleDoubleProperty(10);
    private final BooleanProperty retrainBaseline = new SimpleBooleanProperty(true);
    private final ReadOnlyStringWrapper dataSizes = new ReadOnlyStringWrapper("loading…");
    private final ReadOnlyStringWrapper forgetSizes = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dataset-loader");
        t.setDaemon(true);
        return t;
    });
    private final TrainOriginalService trainer = new TrainOriginalService();
    private Path modelsDir = Path.of(System.getProperty("java.io.tmpdir"), "unlearning-workbench-models");
    private volatile DatasetSplit split;
    private long generation;
    private long splitSeed;
    private final DatasetSource datasets;

    /** Where datasets come from (the engine's loader; tests substitute one that fails). */
    @FunctionalInterface
    interface DatasetSource {
        DatasetSplit load(String source) throws IOException;
    }

    public DataViewModel() {
        this(DatasetLoader::load);
    }

    DataViewModel(DatasetSource datasets) {
        this.datasets = datasets;
        source.addListener((o, a, b) -> reload());
        forgetMode.addListener((o, a, b) -> updateForget());
        forgetFraction.addListener((o, a, b) -> updateForget());
        forgetClasses.addListener((o, a, b) -> updateForget());
        forgetIndexFile.addListener((o, a, b) -> updateForget());
        trainer.setOnSucceeded(e -> {
            if (trainer.getValue() != null) {
                modelPath.set(trainer.getValue().toString());
            }
        });
        trainer.setOnFailed(e -> problem.set("Training the original failed: "
                + ErrorDialogs.messageOf(trainer.getException())));
        reload();
    }

    /** "Train original…": trains and saves an mlp-5 in the background; the result becomes the original. */
    public void trainOriginal() {
        if (!trainer.isRunning()) {
            trainer.configure(source.get(), (int) Math.round(trainEpochs.get()), modelsDir);
            trainer.restart();
        }
    }

    public void cancelTraining() {
        trainer.cancel();
    }

    public TrainOriginalService trainer() {
        return trainer;
    }

    public void setModelsDir(Path dir) {
        modelsDir = dir;
    }

    /** Loads the dataset in the background (FX thread call). */
    public void reload() {
        long gen = ++generation;
        String src = source.get();
        split = null;
        dataSizes.set("loading " + label(src) + "…");
        forgetSizes.set("");
        problem.set(null);
        loader.execute(() -> { // execute, not submit: anything uncaught reaches the uncaught-error dialog
            DatasetSplit s = null;
            String err = null;
            try {
                s = datasets.load(src).withValidation(VALIDATION_FRACTION, splitSeed);
            } catch (IOException | RuntimeException | Error e) {
                // every failure reaches the window, errors too (out of memory, a missing native library)
                err = "Dataset " + label(src) + ": " + ErrorDialogs.messageOf(e);
            }
            DatasetSplit loaded = s;
            String why = err;
            Platform.runLater(() -> {
                if (gen != generation) {
                    return;
                }
                split = loaded;
                if (why != null) {
                    dataSizes.set("not loaded");
                    problem.set(why);
                } else {
                    dataSizes.set(String.format(Locale.ROOT, "%s: train %,d · validation %,d · test %,d · %d classes",
                            loaded.name(), loaded.train().size(), loaded.validation().size(), loaded.test().size(),
                            loaded.numClasses()));
                    updateForget();
                }
            });
        });
    }

    private static String label(String src) {
        return DatasetLoader.BUNDLED.equals(src) ? "bundled MNIST" : src;
    }

    private void updateForget() {
        DatasetSplit s = split;
        if (s == null) {
            return;
        }
        try {
            ForgetSet f = forgetSet(s.train());
            forgetSizes.set(String.format(Locale.ROOT, "forget %,d · retain %,d (%s)", f.size(),
                    f.trainSize() - f.size(), f.description()));
            if (f.size() == f.trainSize()) {
                throw new IllegalArgumentException("the forget set covers the whole training set: nothing to retain");
            }
            problem.set(null);
        } catch (IOException | RuntimeException e) {
            forgetSizes.set("");
            problem.set("Forget set: " + ErrorDialogs.messageOf(e));
        }
    }

    private ForgetSet forgetSet(Dataset train) throws IOException {
        return switch (forgetMode.get()) {
            case CLASSES -> ForgetSet.ofClasses(train, classes(train.numClasses()));
            case INDICES -> {
                if (forgetIndexFile.get() == null || forgetIndexFile.get().isBlank()) {
                    throw new IllegalArgumentException("choose an index file");
                }
                yield ForgetSet.fromFile(train, Path.of(forgetIndexFile.get()));
            }
            default -> ForgetSet.randomFraction(train, forgetFraction.get(), splitSeed);
        };
    }

    private int[] classes(int numClasses) {
        String t = forgetClasses.get() == null ? "" : forgetClasses.get().trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("list the classes to forget, e.g. 3 or 3,7");
        }
        int[] c;
        try {
            c = Arrays.stream(t.split("[\\s,;]+")).mapToInt(Integer::parseInt).distinct().toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("classes must be whole numbers separated by commas (got \"" + t + "\")");
        }
        for (int k : c) {
            if (k < 0 || k >= numClasses) {
                throw new IllegalArgumentException("class " + k + " does not exist (0 … " + (numClasses - 1) + ")");
            }
        }
        return c;
    }

    /** The engine's data section; a class list becomes an index file in {@code runDir}. */
    public DataConfig dataConfig(Path runDir) throws IOException {
        String file = null;
        if (INDICES.equals(forgetMode.get())) {
            file = forgetIndexFile.get();
        } else if (CLASSES.equals(forgetMode.get())) {
            DatasetSplit s = split;
            if (s == null) {
                throw new IllegalStateException("the dataset is still loading");
            }
            ForgetSet f = ForgetSet.ofClasses(s.train(), classes(s.numClasses()));
            Files.createDirectories(runDir);
            Path p = runDir.resolve("forget-classes-" + forgetClasses.get().trim().replaceAll("[^0-9]+", "-") + ".txt");
            Files.writeString(p, "# classes " + forgetClasses.get().trim() + " of the training part\n"
                    + Arrays.stream(f.indices()).mapToObj(Integer::toString).collect(Collectors.joining("\n")) + "\n");
            file = p.toString();
        }
        return new DataConfig(source.get(), VALIDATION_FRACTION, forgetFraction.get(), file, splitSeed, null);
    }

    public ModelConfig modelConfig() {
        String p = modelPath.get();
        boolean none = p == null || p.isBlank();
        return new ModelConfig(none ? null : p, none ? "mlp-5" : architectureOf(Path.of(p)),
                (int) Math.round(trainEpochs.get()), 0L);
    }

    /** A saved model's architecture: the name of its folder when it is one (sample-models/cnn-small), else mlp-5. */
    static String architectureOf(Path modelZip) {
        Path dir = modelZip.toAbsolutePath().getParent();
        String name = dir == null ? "" : dir.getFileName().toString();
        try {
            return org.unlearning.workbench.engine.model.Architecture.fromName(name).cliName();
        } catch (IllegalArgumentException e) {
            return "mlp-5";
        }
    }

    /** {@code sample-models/<name>/model.zip} when shipped (system property {@code uw.sampleModels} moves the folder). */
    public static Path sampleModel(String name) {
        Path p = Path.of(System.getProperty("uw.sampleModels", "sample-models"), name, "model.zip");
        return Files.isRegularFile(p) ? p : null;
    }

    public StringProperty sourceProperty() { return source; }
    public StringProperty forgetModeProperty() { return forgetMode; }
    public DoubleProperty forgetFractionProperty() { return forgetFraction; }
    public StringProperty forgetClassesProperty() { return forgetClasses; }
    public StringProperty forgetIndexFileProperty() { return forgetIndexFile; }
    public StringProperty modelPathProperty() { return modelPath; }
    public DoubleProperty trainEpochsProperty() { return trainEpochs; }
    public DoubleProperty fineTuneEpochsProperty() { return fineTuneEpochs; }
    public BooleanProperty retrainBaselineProperty() { return retrainBaseline; }
    public ReadOnlyStringProperty dataSizesProperty() { return dataSizes.getReadOnlyProperty(); }
    public ReadOnlyStringProperty forgetSizesProperty() { return forgetSizes.getReadOnlyProperty(); }
    /** Why the data selection cannot run, or null. */
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
    public boolean loaded() { return split != null; }
}
