package org.unlearning.workbench.app.cli;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearning.workbench.engine.data.DatasetSplit;
import org.unlearning.workbench.engine.data.Minibatches;
import org.unlearning.workbench.engine.model.Architecture;
import org.unlearning.workbench.engine.model.ComputeThreads;
import org.unlearning.workbench.engine.model.ModelSpec;
import org.unlearning.workbench.engine.model.WorkbenchModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Measures SGD training throughput: one step = load a shuffled minibatch, flat mean gradient,
 * x ← x − η·g (what {@code train} does per step, without per-epoch evaluation).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Training steps/s and samples/s at a fixed batch size for mlp-5 and cnn-small (JSON).")
public final class BenchCommand implements Callable<Integer> {
    @Mixin DataOptions dataOptions = new DataOptions();

    @Option(names = "--models", split = ",", description = "Architectures to measure (default: mlp-5,cnn-small).")
    List<String> models = List.of("mlp-5", "cnn-small");

    @Option(names = "--batch-size", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batchSize = 128;

    @Option(names = "--seconds", description = "Measuring time per model after warm-up (default: ${DEFAULT-VALUE}).")
    double seconds = 5;

    @Option(names = "--warmup", description = "Warm-up steps per model (default: ${DEFAULT-VALUE}).")
    int warmup = 30;

    @Option(names = "--threads", description = "ND4J/OpenMP threads (default: OMP_NUM_THREADS, else 1).")
    Integer threads;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (!(seconds > 0) || batchSize < 1 || warmup < 0) {
            throw new IllegalArgumentException("--seconds must be > 0, --batch-size ≥ 1, --warmup ≥ 0");
        }
        int t = threads == null ? ComputeThreads.configureDefault(1) : threads;
        ComputeThreads.set(t);
        DatasetSplit data = dataOptions.load();
        List<Map<String, Object>> results = new ArrayList<>();
        for (String name : models) {
            Architecture arch = Architecture.fromName(name);
            WorkbenchModel m = WorkbenchModel.create(ModelSpec.forData(arch, data.train()), 0);
            Minibatches batches = new Minibatches(data.train(), batchSize, 0, DataType.FLOAT);
            INDArray x = m.params();
            double lr = 0.01;
            for (int i = 0; i < warmup; i++) {
                step(m, batches, x, lr);
            }
            long steps = 0;
            long samples = 0;
            long t0 = System.nanoTime();
            long deadline = t0 + (long) (seconds * 1e9);
            long now;
            do {
                samples += step(m, batches, x, lr);
                steps++;
                now = System.nanoTime();
            } while (now < deadline);
            double secs = (now - t0) / 1e9;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("model", arch.cliName());
            r.put("num_params", m.numParams());
            r.put("batch_size", batches.batchSize());
            r.put("steps", steps);
            r.put("seconds", round(secs));
            r.put("steps_per_second", round(steps / secs));
            r.put("samples_per_second", round(samples / secs));
            results.add(r);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dataset", data.name());
        out.put("results", results);
        out.put("environment", ComputeThreads.describe());
        System.out.println(Json.write(out));
        return CliSupport.EXIT_OK;
    }

    private static int step(WorkbenchModel m, Minibatches batches, INDArray x, double lr) {
        int n = batches.next();
        INDArray g = m.meanGradient(batches.features(), batches.labels());
        x.subi(g.muli(lr));
        return n;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
