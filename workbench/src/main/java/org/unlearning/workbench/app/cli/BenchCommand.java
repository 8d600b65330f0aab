package org.unlearning.workbench.app.cli;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.data.DatasetSplit;
import org.unlearning.workbench.engine.data.Minibatches;
import org.unlearning.workbench.engine.model.Architecture;
import org.unlearning.workbench.engine.model.ComputeSettings;
import org.unlearning.workbench.engine.model.ComputeThreads;
import org.unlearning.workbench.engine.model.ModelSpec;
import org.unlearning.workbench.engine.model.WorkbenchModel;
import org.unlearning.workbench.engine.unlearn.NoiseSource;
import org.unlearning.workbench.engine.unlearn.ParameterOps;
import org.unlearning.workbench.engine.unlearn.UpdateRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * Throughput of the engine's hot loops at a fixed batch size (JSON): a plain SGD step (shuffled
 * minibatch, flat mean gradient, x ← x − η·g), the gradient-clipping noisy step (§4.1) and the
 * model-clipping noisy step (§5.1, noise after projection) through the unlearning engine's own
 * {@link UpdateRules} and {@link NoiseSource}, and evaluation (forward pass, accuracy and loss). The kinds are interleaved in short
 * chunks after a warm-up; each figure is a median over the chunks. {@code cnn-small-32x32x3} runs on seeded
 * random inputs of CIFAR-10's shape (timing does not depend on the pixel values).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Steps/s and samples/s of plain SGD, noisy gradient-clipping and model-clipping steps "
                + "and evaluation for each model (JSON).")
public final class BenchCommand implements Callable<Integer> {
    static final String CIFAR_SHAPED = "cnn-small-32x32x3";
    static final List<String> KINDS = List.of("sgd", "gradient-clipping", "model-clipping", "evaluation");

    @Mixin DataOptions dataOptions = new DataOptions();

    @Option(names = "--models", split = ",",
            description = "Models (default: mlp-5,mlp-20,cnn-small,cnn-small-32x32x3; any architecture name, "
                    + "or cnn-small-32x32x3 for CIFAR-shaped input).")
    List<String> models = List.of("mlp-5", "mlp-20", "cnn-small", CIFAR_SHAPED);

    @Option(names = "--kinds", split = ",",
            description = "Step kinds (default: sgd,gradient-clipping,model-clipping,evaluation).")
    List<String> kinds = KINDS;

    @Option(names = "--batch-size", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batchSize = 128;

    @Option(names = "--seconds", description = "Measured seconds per model and kind, in chunks of 0.25–1 s interleaved "
            + "round-robin with the other kinds (default: ${DEFAULT-VALUE}).")
    double seconds = 3;

    @Option(names = "--repeats", description = "Minimum number of chunks per kind; medians are reported (default: ${DEFAULT-VALUE}).")
    int repeats = 3;

    @Option(names = "--warmup", description = "Warm-up seconds per model and kind (default: ${DEFAULT-VALUE}).")
    double warmup = 1.5;

    @Option(names = "--threads",
            description = "Threads (default: chosen per model: 1 for dense models, every core for cnn-small).")
    Integer threads;

    @Option(names = "--engine", description = "auto (default: the engine's kernels where they apply) or dl4j "
            + "(DL4J's own MultiLayerNetwork path, for comparison).")
    String engine = "auto";

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (!(seconds > 0) || !(warmup >= 0) || batchSize < 1 || repeats < 1) {
            throw new IllegalArgumentException("--seconds must be > 0, --warmup ≥ 0, --batch-size ≥ 1, --repeats ≥ 1");
        }
        for (String k : kinds) {
            if (!KINDS.contains(k)) {
                throw new IllegalArgumentException("unknown --kinds value '" + k + "' (choose from " + String.join(", ", KINDS) + ")");
            }
        }
        String engineKey = engine.toLowerCase(Locale.ROOT);
        if (!engineKey.equals("auto") && !engineKey.equals("dl4j")) {
            throw new IllegalArgumentException("--engine must be auto or dl4j, got '" + engine + "'");
        }
        String kernelsBefore = System.getProperty("uw.kernels");
        if (engineKey.equals("dl4j")) {
            System.setProperty("uw.kernels", "dl4j");
        } else {
            System.clearProperty("uw.kernels");
        }
        try {
            return measureAll();
        } finally {
            ComputeSettings.fixThreads(null);
            if (kernelsBefore == null) {
                System.clearProperty("uw.kernels");
            } else {
                System.setProperty("uw.kernels", kernelsBefore);
            }
        }
    }

    private Integer measureAll() throws Exception {
        if (threads != null) {
            ComputeThreads.set(threads);
        }
        DatasetSplit data = null;
        List<Map<String, Object>> results = new ArrayList<>();
        for (String name : models) {
            Dataset train;
            Architecture arch;
            if (name.trim().equalsIgnoreCase(CIFAR_SHAPED)) {
                arch = Architecture.CNN_SMALL;
                train = cifarShaped(2048, 7);
            } else {
                arch = Architecture.fromName(name);
                if (data == null) {
                    data = dataOptions.load();
                }
                train = data.train();
            }
            WorkbenchModel m = WorkbenchModel.create(ModelSpec.forData(arch, train), 0);
            ComputeSettings cs = ComputeSettings.current();
            String modelName = name.trim().equalsIgnoreCase(CIFAR_SHAPED) ? CIFAR_SHAPED : arch.cliName();
            List<Map<String, Object>> perKind = measure(m, train);
            for (Map<String, Object> k : perKind) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("model", modelName);
                r.put("input", train.inputShape());
                r.put("data", train.name());
                r.put("num_params", m.numParams());
                r.put("batch_size", batchSize);
                r.putAll(k);
                r.put("threads", cs.threads());
                r.put("native_threads", cs.nativeThreads());
                r.put("compute_path", m.computePath());
                results.add(r);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("batch_size", batchSize);
        out.put("engine", engine);
        out.put("results", results);
        Map<String, Object> env = new LinkedHashMap<>(ComputeSettings.current().describe());
        env.remove("threads");
        env.remove("native_threads");
        env.remove("threads_reason");
        env.put("backend_choice", org.unlearning.workbench.engine.model.Backend.choice().line());
        out.put("environment", env);
        System.out.println(Json.write(out));
        return CliSupport.EXIT_OK;
    }

    /** Seeded uniform [0,1) images of CIFAR-10's shape, 10 balanced classes. */
    static Dataset cifarShaped(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * 3 * 32 * 32];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 10;
        }
        return new Dataset("random 3×32×32 (CIFAR-10 shape)", x, y, 10, new int[] {3, 32, 32});
    }

    /**
     * Measures every requested kind on one model, interleaved round-robin in short chunks so that
     * load from other processes hits all kinds alike. Per kind: median wall-clock rates over the
     * chunks, and the median process CPU time per step (robust on a shared machine), from which the
     * noisy steps' overhead over the plain step is reported.
     */
    private List<Map<String, Object>> measure(WorkbenchModel m, Dataset train) {
        INDArray x = m.params();
        INDArray start = x.dup();
        // the peer's defaults (torch_peer.py): η = 0.01, λ = 0.01, C1 = 10, σ = 0.01; C2 = 7 (its C0)
        double eta = 0.01, lambda = 0.01, c1 = 10, c2 = 7, sigma = 0.01;
        NoiseSource noise = NoiseSource.seeded(1);
        UpdateRules rules = new UpdateRules(m.numParams(), m.dataType(), noise);
        int nk = kinds.size();
        Step[] steps = new Step[nk];
        for (int k = 0; k < nk; k++) {
            Minibatches batches = new Minibatches(train, batchSize, k, m.dataType());
            steps[k] = switch (kinds.get(k)) {
                case "sgd" -> () -> {
                    int n = batches.next();
                    ParameterOps.axpy(-eta, m.meanGradient(batches.features(), batches.labels()), x);
                    return n;
                };
                case "gradient-clipping" -> () -> {
                    int n = batches.next();
                    rules.gradientClipping(x, m.meanGradient(batches.features(), batches.labels()), eta, lambda, c1, sigma);
                    return n;
                };
                case "model-clipping" -> () -> {
                    int n = batches.next();
                    rules.modelClippingAfterProjection(x, m.meanGradient(batches.features(), batches.labels()), eta,
                            lambda, c2, sigma);
                    return n;
                };
                default -> () -> {
                    int n = batches.next();
                    m.evaluate(batches.features(), batches.labels(), batchSize);
                    return n;
                };
            };
        }
        try {
            double slowest = 0;
            for (Step st : steps) {
                long[] c = new long[3];
                slowest = Math.max(slowest, run(st, warmup / nk, c) / c[0]);
            }
            // chunks of ≥ 10 steps of the slowest kind (process CPU time ticks are coarse), 0.25–1 s
            double chunk = Math.min(seconds, Math.max(0.25, Math.min(1.0, 10 * slowest)));
            int rounds = Math.max(repeats, (int) Math.ceil(seconds / chunk));
            List<List<double[]>> chunks = new ArrayList<>();
            for (int k = 0; k < nk; k++) {
                chunks.add(new ArrayList<>());
            }
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < nk; k++) {
                    long[] c = new long[3];
                    double secs = run(steps[k], chunk, c);
                    chunks.get(k).add(new double[] {c[0] / secs, c[1] / secs, c[2] / 1e6 / c[0], c[0]});
                }
            }
            List<Map<String, Object>> out = new ArrayList<>();
            double plainCpu = Double.NaN;
            for (int k = 0; k < nk; k++) {
                List<double[]> ch = chunks.get(k);
                double cpuMs = median(ch, 2);
                if (kinds.get(k).equals("sgd")) {
                    plainCpu = cpuMs;
                }
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("kind", kinds.get(k));
                r.put("steps_per_second", round(median(ch, 0)));
                r.put("samples_per_second", round(median(ch, 1)));
                r.put("cpu_ms_per_step", round3(cpuMs));
                r.put("steps", (long) ch.stream().mapToDouble(v -> v[3]).sum());
                out.add(r);
            }
            for (int k = 0; k < nk; k++) {
                String kind = kinds.get(k);
                if (!Double.isNaN(plainCpu) && (kind.equals("gradient-clipping") || kind.equals("model-clipping"))) {
                    out.get(k).put("cpu_overhead_vs_sgd_percent", round(100 * (median(chunks.get(k), 2) / plainCpu - 1)));
                }
            }
            return out;
        } finally {
            m.setParams(start);
            noise.close();
        }
    }

    @FunctionalInterface
    private interface Step {
        int run();
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /**
     * Runs {@code step} for at least {@code secs} seconds (and at least 2 steps); adds steps,
     * samples and process CPU nanoseconds to {@code counts}; returns the elapsed wall time.
     */
    private static double run(Step step, double secs, long[] counts) {
        long t0 = System.nanoTime();
        long c0 = OS.getProcessCpuTime();
        long deadline = t0 + (long) (secs * 1e9);
        long now;
        long n = 0;
        do {
            counts[1] += step.run();
            n++;
            now = System.nanoTime();
        } while (now < deadline || n < 2);
        counts[0] += n;
        counts[2] += OS.getProcessCpuTime() - c0;
        return (now - t0) / 1e9;
    }

    private static double median(List<double[]> rows, int col) {
        double[] v = rows.stream().mapToDouble(r -> r[col]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
