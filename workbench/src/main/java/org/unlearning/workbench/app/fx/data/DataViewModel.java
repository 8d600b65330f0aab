package org.unlearning.workbench.app.fx.data;

import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
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
import org.unlearning.workbench.engine.model.Architecture;
import org.unlearning.workbench.engine.unlearn.DataConfig;
import org.unlearning.workbench.engine.unlearn.ModelConfig;
import org.unlearning.workbench.engine.unlearn.UnlearningConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
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
    /** The Debian Fashion-MNIST package, the realistic dataset beside the bundled MNIST. */
    public static final String FASHION_MNIST = "fashion-mnist";
    public static final String FASHION_INSTALL = "sudo apt-get install dataset-fashion-mnist";
    static final double VALIDATION_FRACTION = 0.1;

    private final StringProperty source = new SimpleStringProperty(DatasetLoader.BUNDLED);
    private final StringProperty forgetMode = new SimpleStringProperty(FRACTION);
    private final DoubleProperty forgetFraction = new SimpleDoubleProperty(0.1);
    private final DoubleProperty requests = new SimpleDoubleProperty(1);
    private final StringProperty forgetClasses = new SimpleStringProperty("3");
    private final StringProperty forgetIndexFile = new SimpleStringProperty("");
    private final StringProperty modelPath = new SimpleStringProperty("");
    private final DoubleProperty trainEpochs = new SimpleDoubleProperty(10);
    private final DoubleProperty fineTuneEpochs = new SimpleDoubleProperty(10);
    private final BooleanProperty retrainBaseline = new SimpleBooleanProperty(true);
    private final ReadOnlyStringWrapper dataSizes = new ReadOnlyStringWrapper("loading…");
    private final ReadOnlyStringWrapper forgetSizes = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper modelProblem = new ReadOnlyStringWrapper();
    private final BooleanSupplier fashionProbe;
    private final ReadOnlyBooleanWrapper fashionInstalled = new ReadOnlyBooleanWrapper();
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
        this(DatasetLoader::fashionMnistAvailable, DatasetLoader::load);
    }

    /** {@code fashionProbe}: is the Debian Fashion-MNIST package installed (tests stand in for it). */
    DataViewModel(BooleanSupplier fashionProbe) {
        this(fashionProbe, DatasetLoader::load);
    }

    /** {@code datasets}: the loader (tests stand in a failing one). */
    DataViewModel(BooleanSupplier fashionProbe, DatasetSource datasets) {
        this.datasets = datasets;
        this.fashionProbe = fashionProbe;
        fashionInstalled.set(fashionProbe.getAsBoolean());
        source.addListener((o, a, b) -> reload());
        forgetMode.addListener((o, a, b) -> updateForget());
        forgetFraction.addListener((o, a, b) -> updateForget());
        forgetClasses.addListener((o, a, b) -> updateForget());
        forgetIndexFile.addListener((o, a, b) -> updateForget());
        modelPath.addListener((o, a, b) -> checkModel());
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

    /**
     * The user chose a dataset: sets the source and, when the original is a sample model (made for
     * another dataset), switches to this dataset's sample ({@link #sampleNameFor}) or to none (train
     * at run start). A model of the user's own stays chosen.
     */
    public void chooseSource(String src) {
        String model = modelPath.get();
        if (model != null && !model.isBlank() && isSampleModel(Path.of(model))) {
            String sample = sampleNameFor(src);
            Path p = sample == null ? null : sampleModel(sample);
            modelPath.set(p == null ? "" : p.toString());
        }
        source.set(src);
    }

    /**
     * One click: Fashion-MNIST with its sample original. Returns false (and changes nothing) when the
     * package is not installed; the pane then shows {@link #FASHION_INSTALL}.
     */
    public boolean useFashionMnist() {
        if (!recheckFashionMnist()) {
            return false;
        }
        chooseSource(FASHION_MNIST);
        return true;
    }

    /** Looks again for the Debian package (after the user installed it); returns whether it is there. */
    public boolean recheckFashionMnist() {
        fashionInstalled.set(fashionProbe.getAsBoolean());
        return fashionInstalled.get();
    }

    /** The sample original shipped for a dataset: mlp-5 for the bundled MNIST, fashion-cnn-small for Fashion-MNIST. */
    public static String sampleNameFor(String source) {
        if (source == null || source.equals(DatasetLoader.BUNDLED) || source.equals("mnist")) {
            return "mlp-5";
        }
        return source.equals(FASHION_MNIST) ? "fashion-cnn-small" : null;
    }

    static boolean isSampleModel(Path model) {
        Path root = Path.of(System.getProperty("uw.sampleModels", "sample-models")).toAbsolutePath().normalize();
        return model.toAbsolutePath().normalize().startsWith(root);
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
        return DatasetLoader.BUNDLED.equals(src) ? "bundled MNIST" : FASHION_MNIST.equals(src) ? "Fashion-MNIST" : src;
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

    /** Why the chosen original cannot be used (its folder or file does not exist), or null. */
    private void checkModel() {
        String p = modelPath.get();
        modelProblem.set(p == null || p.isBlank() || Files.exists(Path.of(p.trim())) ? null
                : "original model " + p.trim() + " not found");
    }

    /**
     * Takes a run configuration's data, model and budget (a preset): forget fraction and requests,
     * the original (a {@code sample-models/…} path is looked up like {@link #sampleModel}), epochs and
     * the retrain baseline.
     */
    public void apply(UnlearningConfig c) {
        forgetFraction.set(c.data().forgetFraction());
        requests.set(c.data().requestCount());
        fineTuneEpochs.set(c.fineTune().epochs());
        trainEpochs.set(c.model().trainEpochs());
        retrainBaseline.set(c.retrainBaseline());
        String p = c.model().path();
        if (p == null) {
            modelPath.set("");
        } else {
            Path path = Path.of(p);
            Path sample = path.getNameCount() == 2 && path.getName(0).toString().equals("sample-models")
                    ? sampleModel(path.getName(1).toString()) : null;
            modelPath.set(sample != null ? sample.toString() : p);
        }
    }

    /**
     * The engine's data section: {@code base}'s (a preset's validation split, evaluation limit, …) with
     * this pane's source, forget set and requests; a class list becomes an index file in {@code runDir}.
     */
    public DataConfig dataConfig(DataConfig base, Path runDir) throws IOException {
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
        int n = (int) Math.round(requests.get());
        Integer count = file == null && (n > 1 || base.requests() != null) ? n : null;
        return new DataConfig(source.get(), base.validationFraction(), forgetFraction.get(), file, splitSeed,
                base.evaluationLimit(), base.standardize(), count, null);
    }

    /** The original model: the chosen saved model, or {@code base}'s architecture trained here (or none when {@code trainsItsOwn}). */
    public ModelConfig modelConfig(ModelConfig base, boolean trainsItsOwn) {
        String p = modelPath.get();
        boolean none = trainsItsOwn || p == null || p.isBlank();
        return new ModelConfig(none ? null : p, none ? base.architecture() : architectureOf(Path.of(p), base.architecture()),
                (int) Math.round(trainEpochs.get()), base.trainSeed());
    }

    /**
     * A saved model's architecture: from its model.json when there is one, else the name of its folder
     * (sample-models/cnn-small), else {@code fallback}.
     */
    static String architectureOf(Path model, String fallback) {
        return org.unlearning.workbench.engine.unlearn.ModelFiles.architecture(model).orElseGet(() -> {
            Path dir = model.toAbsolutePath().getParent();
            try {
                return Architecture.fromName(
                        dir == null ? "" : dir.getFileName().toString()).cliName();
            } catch (IllegalArgumentException e) {
                return fallback;
            }
        });
    }

    /** {@code sample-models/<name>/model.zip} when shipped (system property {@code uw.sampleModels} moves the folder). */
    public static Path sampleModel(String name) {
        Path p = Path.of(System.getProperty("uw.sampleModels", "sample-models"), name, "model.zip");
        return Files.isRegularFile(p) ? p : null;
    }

    public StringProperty sourceProperty() { return source; }
    public StringProperty forgetModeProperty() { return forgetMode; }
    public DoubleProperty forgetFractionProperty() { return forgetFraction; }
    /** Sequential deletion requests (1 = one forget set). */
    public DoubleProperty requestsProperty() { return requests; }
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
    /** Why the chosen original model cannot be used, or null. */
    public ReadOnlyStringProperty modelProblemProperty() { return modelProblem.getReadOnlyProperty(); }
    /** The Debian Fashion-MNIST package is installed (as of the last check). */
    public ReadOnlyBooleanProperty fashionInstalledProperty() { return fashionInstalled.getReadOnlyProperty(); }
    public boolean loaded() { return split != null; }
}
