package org.unlearning.workbench.engine.unlearn;

import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.unlearning.workbench.engine.model.ModelSpec;
import org.unlearning.workbench.engine.model.WorkbenchModel;

import java.util.Map;

/**
 * A fresh model whose initialisation depends on the seed only. ND4J 1.0.0-M2.1 treats a native
 * seed of 0 as "from the clock" (observed: {@code WorkbenchModel.create(spec, 0)} twice gives
 * different weights), which would make "same seed" retraining irreproducible. This re-draws every weight tensor from He-normal
 * N(0, 2/fan_in) with a generator seeded by {@code seed}, and sets biases to 0 — the same scheme
 * the configuration asks for ({@code WeightInit.RELU}, bias 0).
 */
final class SeededInit {
    private SeededInit() {}

    static WorkbenchModel fresh(ModelSpec spec, long seed) {
        WorkbenchModel model = WorkbenchModel.create(spec, NoiseSource.nativeSeed(seed));
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(NoiseSource.nativeSeed(~seed));
        try {
            for (Layer layer : model.network().getLayers()) {
                for (Map.Entry<String, INDArray> e : layer.paramTable().entrySet()) {
                    INDArray p = e.getValue();
                    if (e.getKey().equals("W")) {
                        long fanIn = p.rank() == 4 ? p.size(1) * p.size(2) * p.size(3) : p.size(0);
                        Nd4j.getExecutioner().exec(new GaussianDistribution(p, 0.0, Math.sqrt(2.0 / fanIn)), rng);
                    } else {
                        p.assign(0);
                    }
                }
            }
        } finally {
            try {
                rng.close();
            } catch (Exception ignored) {
                // native generator release
            }
        }
        return model;
    }
}
