package org.unlearning.workbench.app.fx;

import javafx.application.Application;
import org.unlearning.workbench.engine.io.SerialFilter;
import org.unlearning.workbench.engine.model.Backend;
import org.unlearning.workbench.engine.model.BlasCoreSelection;

/**
 * Plain main class: a class extending {@link Application} cannot be the main class when JavaFX is
 * on the classpath (not the module path), so {@code mvn javafx:run} and the jar start here.
 */
public final class WorkbenchLauncher {
    private WorkbenchLauncher() {}

    public static void main(String[] args) {
        SerialFilter.install();     // first: no object stream may ever build an object
        BlasCoreSelection.apply(); // before anything loads ND4J/OpenBLAS
        var backend = Backend.select(); // CPU or CUDA, decided before ND4J loads; the status bar shows it
        if (backend.cudaInBuild()) {
            System.err.println(backend.line());
        }
        Application.launch(WorkbenchApp.class, args);
    }
}
