package org.unlearning.workbench.app.fx;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import org.unlearning.workbench.app.fx.calculator.CalculatorViewModel;
import org.unlearning.workbench.app.fx.data.DataViewModel;
import org.unlearning.workbench.app.fx.run.RunController;
import org.unlearning.workbench.app.fx.run.RunRecord;
import org.unlearning.workbench.engine.run.EngineRegistry;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Starting and cancelling runs: why Run is disabled (one reason, bound to the controls' state), and
 * the start of the one service with the experiment's run configuration.
 */
public final class RunLauncher {
    private final ExperimentViewModel experiment;
    private final CalculatorViewModel calculator;
    private final DataViewModel data;
    private final RunController runs;
    private final Path runsDir;
    private final StringBinding blocker;

    public RunLauncher(ExperimentViewModel experiment, CalculatorViewModel calculator, DataViewModel data,
                       RunController runs, Path runsDir) {
        this.experiment = experiment;
        this.calculator = calculator;
        this.data = data;
        this.runs = runs;
        this.runsDir = runsDir;
        this.blocker = Bindings.createStringBinding(this::whyNotRunnable, calculator.problemProperty(),
                calculator.readyProperty(), calculator.methodProperty(), data.problemProperty(),
                data.modelProblemProperty(), data.dataSizesProperty(), runs.runningProperty());
    }

    /** Why Run is disabled, or null when a run can start. */
    public StringBinding blockerBinding() {
        return blocker;
    }

    private String whyNotRunnable() {
        if (runs.runningProperty().get()) {
            return "a run is in progress";
        }
        if (calculator.problemProperty().get() != null) {
            return calculator.problemProperty().get();
        }
        if (!calculator.readyProperty().get()) {
            return "the calculator has no certified setting";
        }
        String key = calculator.methodProperty().get().key();
        if (!EngineRegistry.runs(key)) {
            return "the engine runs " + String.join(", ", EngineRegistry.keys()) + "; " + key + " is calculator-only";
        }
        if (data.problemProperty().get() != null) {
            return data.problemProperty().get();
        }
        if (!EngineRegistry.engine(key).trainsOriginal() && data.modelProblemProperty().get() != null) {
            return data.modelProblemProperty().get();
        }
        if (!data.loaded()) {
            return "the dataset is still loading";
        }
        return null;
    }

    /** Starts the run of the current experiment; null when one is going. */
    public RunRecord start() throws IOException {
        return runs.start(experiment.runConfig(runsDir.resolve("forget-sets")));
    }

    /** Asks the engine to stop before its next step. */
    public boolean cancel() {
        if (runs.runningProperty().get()) {
            runs.cancel();
            return true;
        }
        return false;
    }
}
