package org.unlearning.workbench.app.fx.data;

import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.unlearning.workbench.app.fx.controls.ParameterControl;
import org.unlearning.workbench.app.fx.controls.ParameterSpec;
import org.unlearning.workbench.engine.data.DatasetLoader;

import java.io.File;
import java.util.List;

/** Dataset, forget set, original model and run budget, bound to a {@link DataViewModel}. */
public final class DataPane extends VBox {
    private static final String BUNDLED = "Bundled MNIST (8,000 / 2,000 digits)";
    private static final String FASHION = "Fashion-MNIST (60,000 / 10,000 clothing images)";
    private static final String FOLDER = "IDX or CIFAR-10 folder…";
    private static final String CSV = "CSV file…";
    private final DataViewModel vm;
    private final ComboBox<String> dataset = new ComboBox<>();
    private boolean showingSource; // the combo follows the source without acting on it
    private final ParameterControl fraction;
    private final ParameterControl requests;
    private final ParameterControl trainEpochs;
    private final ParameterControl fineTuneEpochs;

    public DataPane(DataViewModel vm) {
        this.vm = vm;
        setSpacing(4);
        setPadding(new Insets(6));

        Label dataTitle = title("Data");
        dataset.setItems(FXCollections.observableArrayList(List.of(BUNDLED, FASHION, FOLDER, CSV)));
        dataset.setId("dataset");
        dataset.setMaxWidth(Double.MAX_VALUE);
        dataset.setTooltip(new Tooltip("MNIST ships with the workbench; Fashion-MNIST comes from the Debian package "
                + "dataset-fashion-mnist; other data: an IDX folder (train-images-idx3-ubyte …), a CIFAR-10 binary "
                + "folder, or a CSV file (label in the first column)."));
        showSource(vm.sourceProperty().get());
        vm.sourceProperty().addListener((o, a, b) -> showSource(b));
        dataset.setOnAction(e -> chooseDataset());
        Label sizes = note("data-sizes");
        sizes.textProperty().bind(vm.dataSizesProperty());
        javafx.scene.Node fashionOffer = fashionOffer();

        Label forgetTitle = title("Forget set");
        ComboBox<String> mode = new ComboBox<>(FXCollections.observableArrayList(
                DataViewModel.FRACTION, DataViewModel.CLASSES, DataViewModel.INDICES));
        mode.setId("forget-mode");
        mode.valueProperty().bindBidirectional(vm.forgetModeProperty());
        mode.setTooltip(new Tooltip("Which training examples must be forgotten: a random fraction, whole classes, "
                + "or the indices listed in a file."));
        fraction = new ParameterControl(ParameterSpec.log("forget_fraction", "", "Fraction to forget", "",
                0.0001, 0.9, 0.1, "Random share of the training part whose removal is requested (seeded)."));
        fraction.setValue(vm.forgetFractionProperty().get());
        fraction.valueProperty().bindBidirectional(vm.forgetFractionProperty());
        requests = new ParameterControl(ParameterSpec.integer("requests", "k", "Sequential requests", "", 1, 100, 1,
                "Deletion requests processed one after the other (disjoint random examples, the fraction above each); "
                        + "each is unlearned from the previous release and gets its own certificate. Releases of "
                        + "correlated estimates compose: an observer of k releases faces up to k·ε."));
        requests.setValue(vm.requestsProperty().get());
        requests.valueProperty().bindBidirectional(vm.requestsProperty());
        TextField classes = new TextField();
        classes.setId("forget-classes");
        classes.textProperty().bindBidirectional(vm.forgetClassesProperty());
        classes.setPromptText("e.g. 3 or 3,7");
        TextField indexFile = new TextField();
        indexFile.setEditable(false);
        indexFile.textProperty().bind(vm.forgetIndexFileProperty());
        Button browseIdx = new Button("Index file…");
        browseIdx.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Indices to forget (whitespace or comma separated)");
            File f = fc.showOpenDialog(getScene().getWindow());
            if (f != null) {
                vm.forgetIndexFileProperty().set(f.getAbsolutePath());
            }
        });
        HBox classRow = row(new Label("Classes"), classes);
        HBox fileRow = row(browseIdx, indexFile);
        Runnable modeRows = () -> {
            String m = vm.forgetModeProperty().get();
            show(fraction, DataViewModel.FRACTION.equals(m));
            show(requests, DataViewModel.FRACTION.equals(m));
            show(classRow, DataViewModel.CLASSES.equals(m));
            show(fileRow, DataViewModel.INDICES.equals(m));
        };
        vm.forgetModeProperty().addListener((o, a, b) -> modeRows.run());
        modeRows.run();
        Label forgetSizes = note("forget-sizes");
        forgetSizes.textProperty().bind(vm.forgetSizesProperty());
        Label problem = note("data-problem");
        problem.getStyleClass().add("reason");
        problem.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> vm.problemProperty().get() != null ? vm.problemProperty().get() : vm.modelProblemProperty().get(),
                vm.problemProperty(), vm.modelProblemProperty()));

        Label modelTitle = title("Original model and budget");
        TextField modelPath = new TextField();
        modelPath.setPromptText("none: train an mlp-5 here before unlearning");
        modelPath.setId("model-path");
        modelPath.textProperty().bindBidirectional(vm.modelPathProperty());
        Button sample = new Button();
        sample.setId("sample-model");
        Runnable sampleFits = () -> {
            String name = DataViewModel.sampleNameFor(vm.sourceProperty().get());
            sample.setText(name == null ? "Sample model" : "Sample " + name.replace("fashion-", ""));
            sample.setDisable(name == null || DataViewModel.sampleModel(name) == null);
            sample.setTooltip(new Tooltip(name == null ? "No sample model is shipped for this dataset"
                    : "The trained original shipped in sample-models/" + name + " for this dataset (no training needed)"));
        };
        vm.sourceProperty().addListener((o, a, b) -> sampleFits.run());
        sampleFits.run();
        sample.setOnAction(e -> {
            String name = DataViewModel.sampleNameFor(vm.sourceProperty().get());
            java.nio.file.Path p = name == null ? null : DataViewModel.sampleModel(name);
            if (p != null) {
                vm.modelPathProperty().set(p.toString());
            }
        });
        Button trainHere = new Button("At run start");
        trainHere.setTooltip(new Tooltip("Train the original mlp-5 on all training data (forget set included) at the "
                + "start of the run, for the number of epochs below"));
        trainHere.setOnAction(e -> vm.modelPathProperty().set(""));
        Button train = new Button("Train original…");
        train.setId("train-original");
        train.setTooltip(new Tooltip("Train an mlp-5 on all training data (forget set included) now, in the "
                + "background, for the epochs below, save it and use it as the original"));
        train.setOnAction(e -> vm.trainOriginal());
        train.disableProperty().bind(vm.trainer().runningProperty());
        javafx.scene.control.ProgressBar trainProgress = new javafx.scene.control.ProgressBar();
        trainProgress.progressProperty().bind(vm.trainer().progressProperty());
        trainProgress.setPrefWidth(120);
        Label trainMessage = note("train-message");
        trainMessage.textProperty().bind(vm.trainer().messageProperty());
        Button cancelTrain = new Button("Cancel");
        cancelTrain.setOnAction(e -> vm.cancelTraining());
        HBox trainRow = new HBox(6, trainProgress, cancelTrain, trainMessage);
        trainRow.setAlignment(Pos.CENTER_LEFT);
        trainRow.visibleProperty().bind(vm.trainer().runningProperty());
        trainRow.managedProperty().bind(vm.trainer().runningProperty());
        Button browseModel = new Button("Saved model…");
        browseModel.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Saved model (model.zip of the workbench's train command)");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Model (model.zip)", "*.zip"));
            File f = fc.showOpenDialog(getScene().getWindow());
            if (f != null) {
                vm.modelPathProperty().set(f.getAbsolutePath());
            }
        });
        trainEpochs = new ParameterControl(ParameterSpec.integer("train_epochs", "", "Original: epochs", "",
                1, 100, 10, "Epochs of the original training on all data (forget set included) when no saved "
                        + "model is chosen; the paper's recipe: SGD, one-cycle max 0.06, weight decay 5e-4."));
        trainEpochs.setValue(vm.trainEpochsProperty().get());
        // a chosen (saved or sample) model is not trained here: its epochs are not an input
        trainEpochs.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> vm.modelPathProperty().get() != null && !vm.modelPathProperty().get().isBlank(),
                vm.modelPathProperty()));
        trainEpochs.valueProperty().bindBidirectional(vm.trainEpochsProperty());
        fineTuneEpochs = new ParameterControl(ParameterSpec.integer("fine_tune_epochs", "", "Fine-tune epochs", "",
                0, 100, 10, "Noise-free fine-tuning on the retained data after the noisy phase (free "
                        + "post-processing); also the retraining budget."));
        fineTuneEpochs.setValue(vm.fineTuneEpochsProperty().get());
        fineTuneEpochs.valueProperty().bindBidirectional(vm.fineTuneEpochsProperty());
        CheckBox retrain = new CheckBox("Also retrain from scratch (baseline, compute savings)");
        retrain.setId("retrain-baseline");
        retrain.selectedProperty().bindBidirectional(vm.retrainBaselineProperty());

        getChildren().addAll(dataTitle, dataset, fashionOffer, sizes, forgetTitle, mode, fraction, requests, classRow, fileRow, forgetSizes,
                modelTitle, flow(sample, trainHere, train, browseModel), trainRow, modelPath, trainEpochs, fineTuneEpochs, retrain, problem);
    }

    /**
     * Under the dataset box: "Use Fashion-MNIST" (one click: the data and its sample cnn-small) while
     * another dataset is chosen and the package is installed; how to install it when it is not.
     */
    private javafx.scene.Node fashionOffer() {
        Button use = new Button("Use Fashion-MNIST + sample cnn-small");
        use.setId("use-fashion-mnist");
        use.setTooltip(new Tooltip("One click: Fashion-MNIST (60,000 train / 10,000 test clothing images, the "
                + "realistic dataset) and its trained original sample-models/fashion-cnn-small"));
        use.setOnAction(e -> vm.useFashionMnist());
        Label install = new Label("Fashion-MNIST (60,000 / 10,000) is not installed: " + DataViewModel.FASHION_INSTALL);
        install.setId("fashion-install");
        install.setWrapText(true);
        install.getStyleClass().add("chart-readout");
        install.setTooltip(new Tooltip("Debian/Ubuntu package dataset-fashion-mnist (30 MB, IDX files under "
                + DatasetLoader.FASHION_MNIST_DIR + "); elsewhere download the four IDX files and choose their folder"));
        Button recheck = new Button("Check again");
        recheck.setId("fashion-recheck");
        recheck.setTooltip(new Tooltip("Look for " + DatasetLoader.FASHION_MNIST_DIR + " again (after installing)"));
        recheck.setOnAction(e -> vm.recheckFashionMnist());
        HBox absent = new HBox(6, install, recheck);
        absent.setId("fashion-absent");
        absent.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(install, Priority.ALWAYS);
        Runnable update = () -> {
            boolean installed = vm.fashionInstalledProperty().get();
            boolean chosen = DataViewModel.FASHION_MNIST.equals(vm.sourceProperty().get());
            show(use, installed && !chosen);
            show(absent, !installed);
        };
        vm.fashionInstalledProperty().addListener((o, a, b) -> update.run());
        vm.sourceProperty().addListener((o, a, b) -> update.run());
        update.run();
        return new VBox(4, use, absent);
    }

    /** Shows the current source in the dataset box (also when settings or the one-click offer set it). */
    private void showSource(String src) {
        showingSource = true;
        try {
            dataset.setValue(DatasetLoader.BUNDLED.equals(src) || "mnist".equals(src) ? BUNDLED
                    : DataViewModel.FASHION_MNIST.equals(src) ? FASHION
                    : src != null && src.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? CSV : FOLDER);
        } finally {
            showingSource = false;
        }
    }

    private void chooseDataset() {
        String v = dataset.getValue();
        if (showingSource || v == null) {
            return;
        }
        if (BUNDLED.equals(v)) {
            vm.chooseSource(DatasetLoader.BUNDLED);
        } else if (FASHION.equals(v)) {
            vm.recheckFashionMnist();
            vm.chooseSource(DataViewModel.FASHION_MNIST); // when absent, the load fails with how to install it
        } else if (FOLDER.equals(v)) {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("IDX or CIFAR-10 binary folder");
            File f = dc.showDialog(getScene().getWindow());
            if (f != null) {
                vm.chooseSource(f.getAbsolutePath());
            } else {
                showSource(vm.sourceProperty().get());
            }
        } else if (CSV.equals(v)) {
            FileChooser fc = new FileChooser();
            fc.setTitle("CSV file (label first, then features)");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
            File f = fc.showOpenDialog(getScene().getWindow());
            if (f != null) {
                vm.chooseSource(f.getAbsolutePath());
            } else {
                showSource(vm.sourceProperty().get());
            }
        }
    }

    private static Label title(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("section-title");
        return l;
    }

    private static Label note(String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.getStyleClass().add("chart-readout");
        return l;
    }

    private static HBox row(javafx.scene.Node a, javafx.scene.Node b) {
        HBox h = new HBox(6, a, b);
        h.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(b, Priority.ALWAYS);
        return h;
    }

    private static javafx.scene.layout.FlowPane flow(javafx.scene.Node... nodes) {
        javafx.scene.layout.FlowPane f = new javafx.scene.layout.FlowPane(6, 4, nodes);
        f.setPrefWrapLength(420);
        return f;
    }

    private static void show(javafx.scene.Node n, boolean on) {
        n.setVisible(on);
        n.setManaged(on);
    }

    public ParameterControl fineTuneEpochsControl() {
        return fineTuneEpochs;
    }

    public ParameterControl requestsControl() {
        return requests;
    }

    public ParameterControl trainEpochsControl() {
        return trainEpochs;
    }
}
