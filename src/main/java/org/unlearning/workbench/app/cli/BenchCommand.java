package org.unlearning.workbench.app.cli;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearning.workbench.engine.data.DatasetSplit;
import org.unlearning.workbench.engine.data.Minibatches;
import org.unlearning.workbench.engine.model.Architecture;
import org.unlearning.workbench.engine.model.ComputeThreads;
import org.unlearning.workbench.engine.model.ModelSpec;
import org.unlearning.workbench.engine.model.WorkbenchModel;
import org.unlearning.workbench.engine.unlearn.NoiseSource;
import org.unlearning.workbench.engine.unlearn.UpdateRules;
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
 * x ← x − η·g (what {@code train} does per step, without per-epoch evaluation); and the noisy steps of
 * the unlearning engine (gradient clipping, model clipping: clip/project, weight decay, Gaussian
 * noise on every parameter), measured round-robin with the plain step.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Training steps/s and samples/s at a fixed batch size for mlp-5 and cnn-small, and the noisy "
                + "unlearning steps (gradient clipping, model clipping) against the plain step (JSON).")
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
            // Plain, gradient-clipping and model-clipping steps measured round-robin in chunks, so
            // load on the machine affects all three alike (issue 4: noisy step vs plain step).
            UpdateRules rules = new UpdateRules(x.length(), m.dataType(), NoiseSource.seeded(1));
            long[] steps = new long[3];
            long[] samples = new long[3];
            long[] nanos = new long[3];
            long[] cpu = new long[3];
            List<List<Double>> chunkCpu = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int i = 0; i < Math.min(warmup, 3); i++) {
                noisyStep(m, batches, x, lr, rules, 0);
                noisyStep(m, batches, x, lr, rules, 1);
            }
            long t0 = System.nanoTime();
            long deadline = t0 + (long) (3 * seconds * 1e9);
            long now = t0;
            while (now < deadline) {
                for (int kind = 0; kind < 3; kind++) {
                    long s0 = System.nanoTime();
                    long c0 = mx.getCurrentThreadCpuTime();
                    int done = 0;
                    do {
                        samples[kind] += kind == 2 ? step(m, batches, x, lr) : noisyStep(m, batches, x, lr, rules, kind);
                        done++;
                        now = System.nanoTime();
                    } while (done < CHUNK && now - s0 < CHUNK_NANOS);
                    long used = mx.getCurrentThreadCpuTime() - c0;
                    cpu[kind] += used;
                    chunkCpu.get(kind).add((double) used / done);
                    nanos[kind] += now - s0;
                    steps[kind] += done;
                }
            }
            double secs = nanos[2] / 1e9;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("model", arch.cliName());
            r.put("num_params", m.numParams());
            r.put("batch_size", batches.batchSize());
            r.put("steps", steps[2]);
            r.put("seconds", round(secs));
            r.put("steps_per_second", round(steps[2] / secs));
            r.put("samples_per_second", round(samples[2] / secs));
            double plain = steps[2] / secs;
            double gc = steps[0] / (nanos[0] / 1e9);
            double mc = steps[1] / (nanos[1] / 1e9);
            r.put("gradient_clipping_steps_per_second", round(gc));
            r.put("model_clipping_steps_per_second", round(mc));
            // Overhead per step in thread CPU time (robust to other processes on a shared machine;
            // with one native thread all the work runs on this thread).
            // Median over chunks of the per-step CPU time: robust to bursts of contention.
            double plainCpu = median(chunkCpu.get(2));
            double gcCpu = median(chunkCpu.get(0));
            double mcCpu = median(chunkCpu.get(1));
            r.put("plain_step_cpu_ms", round3(plainCpu / 1e6));
            r.put("gradient_clipping_step_cpu_ms", round3(gcCpu / 1e6));
            r.put("model_clipping_step_cpu_ms", round3(mcCpu / 1e6));
            r.put("gradient_clipping_overhead_percent", round(100 * (gcCpu / plainCpu - 1)));
            r.put("model_clipping_overhead_percent", round(100 * (mcCpu / plainCpu - 1)));
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

    /** At most this many steps, or this much time, per chunk of the round-robin measurement. */
    private static final int CHUNK = 5;
    private static final long CHUNK_NANOS = 100_000_000L;

    /**
     * One noisy step as the unlearning engine runs it: mean gradient, then x ← x − η(Π_{C1}(g) + λx) + ξ
     * (kind 0, gradient clipping §4.1) or x ← Π_{C2}(x − η(g + λx)) + ξ (kind 1, model clipping §5.1).
     */
    private static int noisyStep(WorkbenchModel m, Minibatches batches, INDArray x, double lr, UpdateRules rules,
                                 int kind) {
        int n = batches.next();
        INDArray g = m.meanGradient(batches.features(), batches.labels());
        if (kind == 0) {
            rules.gradientClipping(x, g, lr, 1.0, 1.0, 1e-3);
        } else {
            rules.modelClippingAfterProjection(x, g, lr, 1.0, 10.0, 1e-3);
        }
        return n;
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        java.util.Collections.sort(s);
        int n = s.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
