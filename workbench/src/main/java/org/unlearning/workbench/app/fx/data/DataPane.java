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
import java.util.ArrayList;
import java.util.List;

/** Dataset, forget set, original model and run budget, bound to a {@link DataViewModel}. */
public final class DataPane extends VBox {
    private static final String BUNDLED = "Bundled MNIST (8,000 / 2,000 digits)";
    private static final String FASHION = "Fashion-MNIST (installed)";
    private static final String FOLDER = "IDX or CIFAR-10 folder…";
    private static final String CSV = "CSV file…";
    private final DataViewModel vm;
    private final ComboBox<String> dataset = new ComboBox<>();
    private final ParameterControl fraction;
    private final ParameterControl requests;
    private final ParameterControl trainEpochs;
    private final ParameterControl fineTuneEpochs;

    public DataPane(DataViewModel vm) {
        this.vm = vm;
        setSpacing(4);
        setPadding(new Insets(6));

        Label dataTitle = title("Data");
        List<String> sources = new ArrayList<>(List.of(BUNDLED));
        if (DatasetLoader.fashionMnistAvailable()) {
            sources.add(FASHION);
        }
        sources.addAll(List.of(FOLDER, CSV));
        dataset.setItems(FXCollections.observableArrayList(sources));
        dataset.setId("dataset");
        dataset.setMaxWidth(Double.MAX_VALUE);
        dataset.setValue(BUNDLED);
        dataset.setTooltip(new Tooltip("MNIST ships with the workbench; other data: an IDX folder "
                + "(train-images-idx3-ubyte …), a CIFAR-10 binary folder, or a CSV file (label in the first column)."));
        dataset.setOnAction(e -> chooseDataset());
        Label sizes = note("data-sizes");
        sizes.textProperty().bind(vm.dataSizesProperty());

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
        Button sample = new Button("Sample mlp-5");
        sample.setTooltip(new Tooltip("The trained original shipped in sample-models/mlp-5 (no training needed)"));
        sample.setDisable(DataViewModel.sampleModel("mlp-5") == null);
        sample.setOnAction(e -> {
            java.nio.file.Path p = DataViewModel.sampleModel("mlp-5");
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
        trainEpochs.valueProperty().bindBidirectional(vm.trainEpochsProperty());
        fineTuneEpochs = new ParameterControl(ParameterSpec.integer("fine_tune_epochs", "", "Fine-tune epochs", "",
                0, 100, 10, "Noise-free fine-tuning on the retained data after the noisy phase (free "
                        + "post-processing); also the retraining budget."));
        fineTuneEpochs.setValue(vm.fineTuneEpochsProperty().get());
        fineTuneEpochs.valueProperty().bindBidirectional(vm.fineTuneEpochsProperty());
        CheckBox retrain = new CheckBox("Also retrain from scratch (baseline, compute savings)");
        retrain.setId("retrain-baseline");
        retrain.selectedProperty().bindBidirectional(vm.retrainBaselineProperty());

        getChildren().addAll(dataTitle, dataset, sizes, forgetTitle, mode, fraction, requests, classRow, fileRow, forgetSizes,
                modelTitle, flow(sample, trainHere, train, browseModel), trainRow, modelPath, trainEpochs, fineTuneEpochs, retrain, problem);
    }

    private void chooseDataset() {
        String v = dataset.getValue();
        if (BUNDLED.equals(v)) {
            vm.sourceProperty().set(DatasetLoader.BUNDLED);
        } else if (FASHION.equals(v)) {
            vm.sourceProperty().set("fashion-mnist");
        } else if (FOLDER.equals(v)) {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("IDX or CIFAR-10 binary folder");
            File f = dc.showDialog(getScene().getWindow());
            if (f != null) {
                vm.sourceProperty().set(f.getAbsolutePath());
            }
        } else if (CSV.equals(v)) {
            FileChooser fc = new FileChooser();
            fc.setTitle("CSV file (label first, then features)");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
            File f = fc.showOpenDialog(getScene().getWindow());
            if (f != null) {
                vm.sourceProperty().set(f.getAbsolutePath());
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
