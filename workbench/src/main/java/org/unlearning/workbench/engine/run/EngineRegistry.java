package org.unlearning.workbench.engine.run;

import org.unlearning.workbench.engine.unlearn.MethodEngine;
import org.unlearning.workbench.engine.unlearn.dpsgd.DpSgdEngine;
import org.unlearning.workbench.engine.unlearn.gradclip.GradientClippingEngine;
import org.unlearning.workbench.engine.unlearn.modelclip.ModelClippingEngine;
import org.unlearning.workbench.engine.unlearn.newton.NewtonEngine;
import org.unlearning.workbench.engine.unlearn.outputpert.OutputPerturbationEngine;
import org.unlearning.workbench.engine.unlearn.retrain.RetrainEngine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine side of every method the pipeline can run, by method key: the one place an engine is
 * added. A method listed in the accountants' registry but not here is calculator-only.
 */
public final class EngineRegistry {
    private static final Map<String, MethodEngine<?>> ENGINES = new LinkedHashMap<>();

    static {
        for (MethodEngine<?> e : List.<MethodEngine<?>>of(
                new GradientClippingEngine(),
                new ModelClippingEngine(),
                new OutputPerturbationEngine(),
                new RetrainEngine(),
                new DpSgdEngine(),
                new NewtonEngine())) {
            ENGINES.put(e.accountant().key(), e);
        }
    }

    private EngineRegistry() {}

    /** Whether the engine runs this method (else it is calculator-only). */
    public static boolean runs(String method) {
        return ENGINES.containsKey(method);
    }

    /** The engine of a method; explains which methods run when it has none. */
    public static MethodEngine<?> engine(String method) {
        MethodEngine<?> e = ENGINES.get(method);
        if (e == null) {
            throw new IllegalArgumentException("the engine runs " + String.join(", ", ENGINES.keySet()) + "; "
                    + method + " is calculator-only");
        }
        return e;
    }

    /** Keys of the methods the engine runs, in display order. */
    public static List<String> keys() {
        return List.copyOf(ENGINES.keySet());
    }
}
