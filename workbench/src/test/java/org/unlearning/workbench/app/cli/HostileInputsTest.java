package org.unlearning.workbench.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearning.workbench.engine.io.FolderLock;
import org.unlearning.workbench.engine.io.HostileFiles;
import org.unlearning.workbench.engine.io.HostileGadget;
import org.unlearning.workbench.engine.io.RunStatus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile corpus against the CLI as a child process with {@code -Xmx512m} (issue #12): every
 * file here is under 100 KB on disk (sparse files claim gigabytes), and every case must end with
 * exit 2 and one line naming the file and what is wrong — refused by a check, not by running out
 * of memory, and no stack trace.
 */
class HostileInputsTest {
    static final Path SAMPLES = Path.of(System.getProperty("uw.sampleModels", "sample-models")).toAbsolutePath();
    static final long MAX_FILE = 100_000;

    @TempDir
    static Path tmp;

    /** @param expected a part of the one-line error; null for a case that must succeed */
    record Case(String name, List<String> args, String expected) {}

    static final List<Case> CASES = new ArrayList<>();
    /** Files that claim more than they occupy (written by HostileFiles.sparse: a few bytes on disk). */
    static final java.util.Set<Path> SPARSE = new java.util.HashSet<>();
    static Map<String, JsonNode> results;
    static JsonNode gadgetInitialised;

    @BeforeAll
    static void runTheCorpusInOneSmallJvm() throws Exception {
        corpus();
        for (Case c : CASES) {
            for (String a : c.args()) {
                String f = a.startsWith("file:") ? a.substring(5) : a;
                Path p = Path.of(f);
                if (f.startsWith(tmp.toString()) && Files.exists(p) && !SPARSE.contains(p)) {
                    try (var files = Files.walk(p)) {
                        for (Path x : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                            assertTrue(SPARSE.contains(x) || Files.size(x) < MAX_FILE, c.name() + ": " + x + " has "
                                    + Files.size(x) + " bytes");
                        }
                    }
                }
            }
        }
        Path casesFile = tmp.resolve("cases.json");
        ObjectMapper json = new ObjectMapper();
        List<Map<String, Object>> list = new ArrayList<>();
        for (Case c : CASES) {
            list.add(Map.of("name", c.name(), "args", c.args()));   // expected stays here
        }
        json.writeValue(casesFile.toFile(), list);
        Path out = tmp.resolve("results.json");
        Process p = javaProcess("-Xmx512m", HostileCliRunner.class.getName(), casesFile.toString(), out.toString())
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "the corpus run hung");
        assertEquals(0, p.exitValue(), "the runner itself failed");
        results = new LinkedHashMap<>();
        JsonNode all = json.readTree(out.toFile());
        for (JsonNode r : all.get("cases")) {
            results.put(r.get("name").asText(), r);
        }
        gadgetInitialised = all.get("gadget_initialised");
    }

    @Test
    void everyHostileInputIsOneLineAndExit2() {
        List<String> bad = new ArrayList<>();
        for (Case c : CASES) {
            if (c.expected() == null) {
                continue; // a case that must succeed, checked on its own
            }
            JsonNode r = results.get(c.name());
            String err = r.get("err").asText();
            List<String> lines = err.lines().toList();
            String why = null;
            if (r.get("code").asInt() != 2) {
                why = "exit " + r.get("code").asInt();
            } else if (lines.size() != 1 || !lines.get(0).startsWith("error: ")) {
                why = "not one error line";
            } else if (err.contains("\tat ") || err.contains("Exception")) {
                why = "stack trace or exception name";
            } else if (err.contains("out of memory")) {
                why = "refused by running out of memory, not by a check";
            } else if (!err.contains(c.expected())) {
                why = "message lacks '" + c.expected() + "'";
            }
            if (why != null) {
                bad.add(c.name() + ": " + why + " — " + err.strip());
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void theGadgetNamedByModelFilesIsNeverInitialisedInTheChild() {
        // the runner JVM has HostileGadget on its class path; its static initialiser sets a system property
        assertTrue(gadgetInitialised.isNull(), "HostileGadget was initialised: " + gadgetInitialised);
    }

    @Test
    void compareRunsReportsAnInterruptedRunAsNotCertified() {
        JsonNode r = results.get("compare-runs interrupted");
        assertEquals(0, r.get("code").asInt(), r.get("err").asText());
        String out = r.get("out").asText();
        assertTrue(out.contains("| interrupted (gradient_clipping) | interrupted, not certified (unlearn started "), out);
        assertFalse(out.contains("| certified |"), out);
    }

    /** Builds the files and the cases. */
    static void corpus() throws IOException {
        // ---- model files (defect 1): every load path
        Path gadget = model("pre-gadget", e -> put(e, "preprocessor.bin", HostileFiles.objectStream(HostileGadget.class.getName())));
        Path laughs = model("pre-laughs", e -> put(e, "preprocessor.bin", HostileFiles.nestedHashSets(100)));
        String refused = "entry 'preprocessor.bin' holds a serialized Java object, which is never read";
        add("evaluate preprocessor gadget", refused, "evaluate", gadget.toString());
        add("evaluate billion laughs", refused, "evaluate", laughs.toString());
        add("info --model-dir gadget", refused, "info", "--model-dir", gadget.toString());
        add("unlearn --model gadget", refused, "unlearn", "--preset", "mnist-gradclip", "--model", gadget.toString(),
                "--out", tmp.resolve("u1").toString(), "--quiet");
        add("newton --model laughs", refused, "newton", "--preset", "mnist-newton", "--model", laughs.toString(),
                "--out", tmp.resolve("n1").toString(), "--quiet");
        add("evaluate @class gadget", "does not describe the mlp-5 of model.json: confs[0].layer.activationFn.@class",
                "evaluate", model("conf-gadget", e -> put(e, "configuration.json", new String(e.get("configuration.json"),
                        StandardCharsets.UTF_8).replace("org.nd4j.linalg.activations.impl.ActivationReLU",
                        HostileGadget.class.getName()).getBytes(StandardCharsets.UTF_8))).toString());
        Path lying = model("lying-2gb", e -> e);
        HostileFiles.patchDeclaredSize(lying.resolve("model.zip"), "coefficients.bin", Integer.MAX_VALUE);
        add("evaluate zip claims 2 GB", "coefficients.bin declares 2147483647 bytes", "evaluate", lying.toString());
        Path bomb = HostileFiles.zipBombModel(SAMPLES.resolve("mlp-5"), tmp.resolve("models/zip-bomb"));
        add("evaluate zip bomb", "inflates to more than", "evaluate", bomb.toString());
        Path dup = model("dup-meta", x -> x);
        Files.writeString(dup.resolve("model.json"), Files.readString(dup.resolve("model.json"))
                .replace("\"numClasses\" : 10,", "\"numClasses\" : 10, \"numClasses\" : 100,"));
        add("evaluate duplicate key", "spec.numClasses: duplicate key", "evaluate", dup.toString());
        Path nul = model("null-meta", x -> x);
        Files.writeString(nul.resolve("model.json"), "null");
        add("evaluate model.json null", "model.json: empty or null", "evaluate", nul.toString());
        Path noise = model("not-a-zip", x -> x);
        byte[] junk = new byte[5000];
        new Random(1).nextBytes(junk);
        Files.write(noise.resolve("model.zip"), junk);
        add("evaluate not a zip", "not a readable zip archive", "evaluate", noise.toString());
        add("evaluate zip path traversal", "unexpected entry '../../evil.sh'", "evaluate",
                model("traversal", x -> put(x, "../../evil.sh", "rm -rf ~".getBytes(StandardCharsets.UTF_8))).toString());
        Path running = model("in-progress", x -> x);
        RunStatus.begin(running, "train");
        add("evaluate interrupted train", "not a finished model (status.json: interrupted, not certified", "evaluate",
                running.toString());

        // ---- data files (defect 4)
        Path idx1 = idxFolder("idx-labels", HostileFiles.idxLabels(Integer.MAX_VALUE, 10), null);
        add("info IDX labels claim 2^31", "header promises 2147483647 bytes of data, the file holds 10", "info", "--data", idx1.toString());
        Path idx2 = idxFolder("idx-images", null, HostileFiles.idxImages(1, 46340, 46340, 10));
        add("info IDX images 26 bytes", "header promises 2147395600 bytes of data", "info", "--data", idx2.toString());
        Path idx3 = idxFolder("idx-gzip-lying", null, null);
        Files.write(idx3.resolve("train-images-idx3-ubyte.gz"), HostileFiles.gzip(HostileFiles.idxImages(1_000_000, 28, 28, 1000)));
        Files.delete(idx3.resolve("train-images-idx3-ubyte"));
        add("info IDX gzip lying header", "more than 100× the size of this", "info", "--data", idx3.toString());
        Path idx4 = idxFolder("idx-gzip-bomb", null, null);
        Files.write(idx4.resolve("train-images-idx3-ubyte.gz"),
                HostileFiles.gzipBomb(HostileFiles.idxImages(100_000, 28, 28, 0), 100_000L * 784));
        Files.delete(idx4.resolve("train-images-idx3-ubyte"));
        add("info IDX gzip bomb", "(a lying header or a gzip bomb)", "info", "--data", idx4.toString());
        Path idx5 = idxFolder("idx-gzip-cut", null, null);
        byte[] px = HostileFiles.idxImages(20, 28, 28, 20 * 784);
        byte[] noisePx = new byte[20 * 784];
        new Random(2).nextBytes(noisePx);
        System.arraycopy(noisePx, 0, px, 16, noisePx.length);
        byte[] gz = HostileFiles.gzip(px);
        Files.write(idx5.resolve("train-images-idx3-ubyte.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        Files.delete(idx5.resolve("train-images-idx3-ubyte"));
        add("info IDX truncated gzip", "truncated (header promises 15680 bytes", "info", "--data", idx5.toString());
        Path cifar = Files.createDirectories(tmp.resolve("cifar"));
        sparse(cifar.resolve("data_batch_1.bin"), new byte[0], 3073L * 400_000);
        for (String n : new String[] {"data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"}) {
            Files.write(cifar.resolve(n), new byte[3073]);
        }
        add("info CIFAR sparse 1.2 GB", "cifar-10-train (400004 images in 5 files) needs", "info", "--data", cifar.toString());
        Path csv = tmp.resolve("huge.csv");
        sparse(csv, "a,label\n".getBytes(StandardCharsets.US_ASCII), 1L << 30);
        add("info CSV sparse 1 GB", "huge.csv needs 12,288 MB of memory", "info", "--data", csv.toString());
        Path classes = Files.writeString(tmp.resolve("classes.csv"), "x,label\n0.5,0\n0.25,99999999\n");
        add("info CSV claims 10^8 classes", "label '99999999' is not a non-negative integer below 100000", "info",
                "--data", classes.toString());
        Path forget = tmp.resolve("forget.txt");
        sparse(forget, "1\n".getBytes(StandardCharsets.US_ASCII), 1L << 30);
        add("evaluate --forget sparse file", "forget.txt is too large (1073741824 bytes", "evaluate",
                SAMPLES.resolve("mlp-5").toString(), "--forget", "file:" + forget);

        // ---- strict parsing and messages (defects 5, 6)
        Path vectors = Files.writeString(tmp.resolve("vectors.json"),
                "[{\"id\": \"a\", \"method\": \"gaussian\", \"inputs\": {\"sigma\": 1, \"sigma\": 100}, \"expected\": {}}]");
        add("accountant check duplicate key", "vectors.json:1:66: [0].inputs.sigma: duplicate key", "accountant", "check", vectors.toString());
        Path badMetrics = runDir("bad-metrics", "certified", "abc");
        add("compare-runs bad metrics.csv", "metrics.csv:3:" + (List.of(org.unlearning.workbench.engine.run.MetricsCsvWriter.HEADER).indexOf("test_accuracy") + 1)
                + ": test_accuracy: \"abc\" is not a number", "compare-runs",
                badMetrics.toString());
        Path leftover = runDir("leftover", "certified", "0.9");
        Files.writeString(leftover.resolve("retrain-metrics.csv"), "kind,examples_processed,test_accuracy\n");
        add("compare-runs leftover retrain file", "summary.json has no retrain section (a file left from another run?)",
                "compare-runs", leftover.toString());
        add("train --out /proc/x", "--out /proc/x: cannot create the folder in /proc", "train", "--epochs", "1", "--out", "/proc/x");
        add("train --out \"\"", "--out is empty", "train", "--epochs", "1", "--out", "");
        add("train --data \"\"", "--data is empty", "train", "--epochs", "1", "--data", "", "--out",
                tmp.resolve("t-empty-data").toString());
        add("train --out a used model folder", "already holds model.json, model.zip; choose a new folder, or add --overwrite",
                "train", "--epochs", "1", "--out", model("used", x -> x).toString());
        // and one that must succeed: an interrupted run (in-progress, nobody holds its lock) next to a certified one
        Path interrupted = runDir("interrupted", "certified", "0.9");
        RunStatus.begin(interrupted, "unlearn");
        assertFalse(FolderLock.isHeld(interrupted));
        CASES.add(new Case("compare-runs interrupted", List.of("compare-runs", interrupted.toString()), null));
    }

    private static void sparse(Path file, byte[] head, long length) throws IOException {
        HostileFiles.sparse(file, head, length);
        SPARSE.add(file);
    }

    private static void add(String name, String expected, String... args) {
        CASES.add(new Case(name, List.of(args), expected));
    }

    private static Map<String, byte[]> put(Map<String, byte[]> e, String name, byte[] content) {
        e.put(name, content);
        return e;
    }

    /** A copy of the mlp-5 sample model with its zip entries edited. */
    static Path model(String name, UnaryOperator<Map<String, byte[]>> edit) throws IOException {
        return HostileFiles.editedModel(SAMPLES.resolve("mlp-5"), tmp.resolve("models").resolve(name), edit);
    }

    /** An IDX folder of 10 + 10 blank 28×28 images, with the given train labels / images instead. */
    static Path idxFolder(String name, byte[] trainLabels, byte[] trainImages) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        byte[] labels = HostileFiles.idxLabels(10, 10);
        byte[] images = HostileFiles.idxImages(10, 28, 28, 7840);
        Files.write(dir.resolve("train-labels-idx1-ubyte"), trainLabels != null ? trainLabels : labels);
        Files.write(dir.resolve("train-images-idx3-ubyte"), trainImages != null ? trainImages : images);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), labels);
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), images);
        return dir;
    }

    /** A run folder as 'unlearn' writes it, with the given certificate status and one evaluation's test accuracy. */
    static Path runDir(String name, String status, String testAccuracy) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("runs").resolve(name));
        Files.writeString(dir.resolve("certificate.json"), "{\"status\": \"" + status + "\", \"method\": \"gradient_clipping\", "
                + "\"epsilon\": 1.0, \"delta\": 1e-5, \"noisy_steps\": 10, \"sigma_first\": 0.5}");
        Files.writeString(dir.resolve("summary.json"), "{\"test_accuracy\": 0.9, \"retain_accuracy\": 0.9, "
                + "\"forget_accuracy\": 0.9, \"examples_processed\": 100, \"wall_seconds\": 1.0}");
        List<String> header = List.of(org.unlearning.workbench.engine.run.MetricsCsvWriter.HEADER);
        Files.writeString(dir.resolve("metrics.csv"), String.join(",", header) + "\n"
                + metricsRow(header, Map.of("kind", "step", "step", "1", "examples_processed", "10", "loss", "2.3"))
                + metricsRow(header, Map.of("kind", "eval", "examples_processed", "100", "test_accuracy", testAccuracy,
                        "releasable", "true")));
        return dir;
    }

    private static String metricsRow(List<String> header, Map<String, String> cells) {
        return String.join(",", header.stream().map(h -> cells.getOrDefault(h, "")).toList()) + "\n";
    }

    static ProcessBuilder javaProcess(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Duw.assets=" + System.getProperty("uw.assets", "assets"),
                "-Duw.sampleModels=" + SAMPLES));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb;
    }
}
