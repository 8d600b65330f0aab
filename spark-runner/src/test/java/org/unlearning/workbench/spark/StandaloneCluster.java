package org.unlearning.workbench.spark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark standalone cluster on 127.0.0.1: a master and a worker, each its own JVM started
 * from Spark's main classes ({@code org.apache.spark.deploy.master.Master},
 * {@code org.apache.spark.deploy.worker.Worker}) on the jars of {@code sparkHome/jars}, which is
 * also the SPARK_HOME the worker starts its executors from. {@link #close()} stops the worker's
 * executors, the worker and the master (a JVM shutdown hook does the same if the tests die first).
 */
final class StandaloneCluster implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path sparkHome;
    private final Path logs;
    private final List<String> javaOptions;
    private final List<Process> processes = new ArrayList<>();
    private final List<ProcessHandle> everyProcess = new ArrayList<>();
    private final Thread hook = new Thread(this::stopAll, "standalone-cluster-stop");
    private String masterUrl;

    /**
     * @param sparkHome   a folder whose {@code jars/} holds Spark and its dependencies
     * @param logs        where the master, worker and executor logs and the worker's work folder go
     * @param javaOptions JVM options of every process (Spark's Java 17 module options)
     */
    StandaloneCluster(Path sparkHome, Path logs, List<String> javaOptions) {
        this.sparkHome = sparkHome.toAbsolutePath();
        this.logs = logs.toAbsolutePath();
        this.javaOptions = List.copyOf(javaOptions);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts the master, then one worker with {@code cores} cores and {@code memory} (e.g. 1536m) for executors. */
    void start(int cores, String memory) throws IOException, InterruptedException {
        Files.createDirectories(logs);
        int port = freePort();
        masterUrl = "spark://" + LOOPBACK + ":" + port;
        Path masterLog = logs.resolve("master.log");
        spawn("org.apache.spark.deploy.master.Master", masterLog,
                "--host", LOOPBACK, "--port", String.valueOf(port), "--webui-port", "0");
        await(masterLog, "I have been elected leader");
        Path workerLog = logs.resolve("worker.log");
        spawn("org.apache.spark.deploy.worker.Worker", workerLog,
                "--host", LOOPBACK, "--port", "0", "--webui-port", "0", "--cores", String.valueOf(cores),
                "--memory", memory, "--work-dir", logs.resolve("work").toString(), masterUrl);
        await(workerLog, "Successfully registered with master");
    }

    String masterUrl() {
        return masterUrl;
    }

    /** The java command of a JVM with the cluster's options and Spark's jars on its class path. */
    List<String> javaCommand(String heap, String mainClass) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.addAll(javaOptions);
        cmd.add("-cp");
        cmd.add(sparkHome.resolve("jars") + "/*");
        cmd.add(mainClass);
        return cmd;
    }

    /**
     * The driver command {@code spark-submit} would run: SparkSubmit with the packaged jar, the
     * {@code --jars} of {@code target/spark-jars.txt}, 1 GB executors with {@code cores} cores in
     * all, everything on 127.0.0.1, then the driver's arguments.
     */
    List<String> submitCommand(Path target, String master, int cores, String... driverArgs) throws IOException {
        List<String> cmd = javaCommand("1g", "org.apache.spark.deploy.SparkSubmit");
        cmd.addAll(List.of("--master", master, "--deploy-mode", "client",
                "--class", SparkSweepMain.class.getName(),
                "--jars", Files.readString(target.resolve("spark-jars.txt")).trim(),
                "--executor-memory", "1g", "--total-executor-cores", String.valueOf(cores),
                "--conf", "spark.driver.host=" + LOOPBACK, "--conf", "spark.driver.bindAddress=" + LOOPBACK,
                "--conf", "spark.ui.enabled=false",
                target.resolve("unlearning-spark-runner.jar").toAbsolutePath().toString()));
        cmd.addAll(Arrays.asList(driverArgs));
        return cmd;
    }

    /** The environment of every process: SPARK_HOME, the Scala version of its jars, loopback only. */
    void environment(Map<String, String> env) {
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.13"); // no Spark build folders to infer it from
        env.put("SPARK_LOCAL_IP", LOOPBACK);
        env.put("OMP_NUM_THREADS", "1");
    }

    /** Starts a process of this cluster's kind (stopped with the cluster), output to {@code log}. */
    Process spawn(String mainClass, Path log, String... args) throws IOException {
        List<String> cmd = javaCommand("256m", mainClass);
        cmd.addAll(Arrays.asList(args));
        return spawn(cmd, log);
    }

    Process spawn(List<String> cmd, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        environment(pb.environment());
        Process p = pb.start();
        synchronized (this) {
            processes.add(p);
            everyProcess.add(p.toHandle());
        }
        return p;
    }

    /** Waits until {@code log} shows {@code marker}; fails with the log's end if the process died or time ran out. */
    private void await(Path log, String marker) throws IOException, InterruptedException {
        Process p = processes.get(processes.size() - 1);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(marker)) {
                return;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException(log.getFileName() + ": process exited with " + p.exitValue()
                        + " before '" + marker + "':\n" + tail(log));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(log.getFileName() + ": no '" + marker + "' within " + START_TIMEOUT
                + ":\n" + tail(log));
    }

    static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Every process this cluster started, and their descendants (executors), that are still alive. */
    synchronized List<ProcessHandle> alive() {
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle h : everyProcess) {
            h.descendants().forEach(all::add);
            all.add(h);
        }
        return all.stream().filter(ProcessHandle::isAlive).toList();
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // the JVM is shutting down: the hook runs anyway
        }
    }

    /** Executors and other descendants first, then the processes in reverse start order (worker before master). */
    private synchronized void stopAll() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            List<ProcessHandle> children = p.descendants().toList();
            children.forEach(ProcessHandle::destroy);
            p.destroy();
            for (ProcessHandle h : children) {
                stop(h);
            }
            stop(p.toHandle());
        }
    }

    private static void stop(ProcessHandle h) {
        try {
            h.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            h.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return s.getLocalPort();
        }
    }
}
