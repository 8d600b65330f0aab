package org.unlearning.workbench.engine.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Resolves a data source to a {@link DatasetSplit}. Image pixels are scaled to [0, 1]
 * ({@link DatasetSplit#standardized()} optionally standardises them); CSV features are used as given.
 * <ul>
 *   <li>{@code null}, {@code ""}, {@code bundled} or {@code mnist}: the bundled 8,000/2,000 MNIST
 *       subset (classpath {@code /assets/mnist/}, else the {@code uw.assets} folder, else {@code ./assets});</li>
 *   <li>{@code fashion-mnist}: {@value #FASHION_MNIST_DIR} (Debian package {@code dataset-fashion-mnist});</li>
 *   <li>a folder of MNIST-format IDX files ({@code train-images-idx3-ubyte[.gz]}, {@code train-labels-idx1-ubyte},
 *       {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte});</li>
 *   <li>a CIFAR-10 ({@code data_batch_1..5.bin}, {@code test_batch.bin}) or CIFAR-100 ({@code train.bin},
 *       {@code test.bin}) binary folder (or its parent);</li>
 *   <li>a CSV file (split 80/20 stratified with seed {@value #CSV_SPLIT_SEED}) or a folder holding
 *       {@code train.csv} and {@code test.csv}.</li>
 * </ul>
 */
public final class DatasetLoader {
    public static final String BUNDLED = "bundled";
    public static final String FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";
    public static final long CSV_SPLIT_SEED = 0;
    public static final double CSV_TEST_FRACTION = 0.2;
    private static final String RESOURCE_DIR = "/assets/mnist/";
    private static final String[] IDX_NAMES = {
            "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    private DatasetLoader() {}

    public static DatasetSplit load(String source) throws IOException {
        if (source == null || source.isBlank() || source.equalsIgnoreCase(BUNDLED) || source.equalsIgnoreCase("mnist")) {
            return bundled();
        }
        if (source.equalsIgnoreCase("fashion-mnist")) {
            Path p = Path.of(FASHION_MNIST_DIR);
            if (!Files.isDirectory(p)) {
                throw new NoSuchFileException(FASHION_MNIST_DIR, null,
                        "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)");
            }
            return load(p);
        }
        return load(Path.of(source));
    }

    /** True when the Debian Fashion-MNIST package is installed. */
    public static boolean fashionMnistAvailable() {
        return findIdx(Path.of(FASHION_MNIST_DIR)) != null;
    }

    /** The bundled MNIST subset (no set-up needed). */
    public static DatasetSplit bundled() throws IOException {
        if (DatasetLoader.class.getResource(RESOURCE_DIR + IDX_NAMES[0] + ".gz") != null) {
            Dataset train = idxDataset("mnist-train", RESOURCE_DIR + IDX_NAMES[0] + ".gz", RESOURCE_DIR + IDX_NAMES[1] + ".gz");
            Dataset test = idxDataset("mnist-test", RESOURCE_DIR + IDX_NAMES[2] + ".gz", RESOURCE_DIR + IDX_NAMES[3] + ".gz");
            return DatasetSplit.of("mnist (bundled)", train, test);
        }
        Path dir = Path.of(System.getProperty("uw.assets", "assets")).resolve("mnist");
        if (findIdx(dir) == null) {
            throw new NoSuchFileException(dir.toString(), null, "bundled MNIST not found on the classpath or here");
        }
        DatasetSplit s = load(dir);
        return new DatasetSplit("mnist (bundled)", s.train(), null, s.test(), s.sha256());
    }

    public static DatasetSplit load(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "data path not found");
        }
        if (Files.isRegularFile(path)) {
            String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".csv")) {
                return csvFile(path);
            }
            throw new IllegalArgumentException(path + ": not a data folder or a .csv file");
        }
        Path[] idx = findIdx(path);
        if (idx != null) {
            String name = path.getFileName() == null ? "idx" : path.getFileName().toString();
            Dataset train = idxDataset(name + "-train", idx[0], idx[1]);
            Dataset test = idxDataset(name + "-test", idx[2], idx[3]);
            return DatasetSplit.of(name, train, test);
        }
        for (Path dir : List.of(path, path.resolve("cifar-10-batches-bin"), path.resolve("cifar-100-binary"))) {
            if (Files.isRegularFile(dir.resolve("data_batch_1.bin"))) {
                List<Path> trainFiles = new ArrayList<>();
                for (int b = 1; b <= 5; b++) {
                    trainFiles.add(dir.resolve("data_batch_" + b + ".bin"));
                }
                return DatasetSplit.of("cifar-10",
                        CifarReader.read(trainFiles, CifarReader.Variant.CIFAR10, "cifar-10-train"),
                        CifarReader.read(List.of(dir.resolve("test_batch.bin")), CifarReader.Variant.CIFAR10, "cifar-10-test"));
            }
            if (Files.isRegularFile(dir.resolve("train.bin"))) {
                return DatasetSplit.of("cifar-100",
                        CifarReader.read(List.of(dir.resolve("train.bin")), CifarReader.Variant.CIFAR100, "cifar-100-train"),
                        CifarReader.read(List.of(dir.resolve("test.bin")), CifarReader.Variant.CIFAR100, "cifar-100-test"));
            }
        }
        if (Files.isRegularFile(path.resolve("train.csv"))) {
            Dataset train = CsvFeatureReader.read(path.resolve("train.csv"), "csv-train", 0);
            Dataset test = CsvFeatureReader.read(path.resolve("test.csv"), "csv-test", train.numClasses());
            return DatasetSplit.of(path.getFileName().toString(), train, test);
        }
        throw new IllegalArgumentException(path + ": no dataset found (expected IDX files "
                + IDX_NAMES[0] + "[.gz] …, CIFAR binary batches, or train.csv/test.csv)");
    }

    private static DatasetSplit csvFile(Path file) throws IOException {
        Dataset all = CsvFeatureReader.read(file, file.getFileName().toString(), 0);
        Random rnd = new Random(CSV_SPLIT_SEED);
        int[] perm = all.allIndices();
        Shuffle.shuffle(perm, rnd);
        int[] quota = all.classCounts();
        for (int c = 0; c < quota.length; c++) {
            quota[c] = (int) Math.round(quota[c] * CSV_TEST_FRACTION);
        }
        List<Integer> tr = new ArrayList<>();
        List<Integer> te = new ArrayList<>();
        for (int i : perm) {
            if (quota[all.label(i)] > 0) {
                quota[all.label(i)]--;
                te.add(i);
            } else {
                tr.add(i);
            }
        }
        if (tr.isEmpty() || te.isEmpty()) {
            throw new IllegalArgumentException(file + ": too few rows (" + all.size() + ") to split into train and test");
        }
        int[] trIdx = tr.stream().mapToInt(Integer::intValue).sorted().toArray();
        int[] teIdx = te.stream().mapToInt(Integer::intValue).sorted().toArray();
        return new DatasetSplit(file.getFileName().toString(), all.subset(trIdx, all.name() + "-train"), null,
                all.subset(teIdx, all.name() + "-test"), all.sha256());
    }

    /** The four IDX files in {@code dir} (plain, .gz, or with a '.' before "idx"), or null. */
    static Path[] findIdx(Path dir) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        Path[] found = new Path[4];
        for (int i = 0; i < 4; i++) {
            String base = IDX_NAMES[i];
            String dotted = base.replace("-idx", ".idx");
            for (String cand : new String[] {base, base + ".gz", dotted, dotted + ".gz"}) {
                if (Files.isRegularFile(dir.resolve(cand))) {
                    found[i] = dir.resolve(cand);
                    break;
                }
            }
            if (found[i] == null) {
                return null;
            }
        }
        return found;
    }

    static Dataset idxDataset(String name, Path images, Path labels) throws IOException {
        return idxDataset(name, IdxReader.readImages(images), IdxReader.readLabels(labels), images, labels);
    }

    private static Dataset idxDataset(String name, String imagesRes, String labelsRes) throws IOException {
        IdxReader.Images im;
        int[] lab;
        try (InputStream in = DatasetLoader.class.getResourceAsStream(imagesRes)) {
            im = IdxReader.readImages(in, "classpath:" + imagesRes);
        }
        try (InputStream in = DatasetLoader.class.getResourceAsStream(labelsRes)) {
            lab = IdxReader.readLabels(in, "classpath:" + labelsRes);
        }
        return idxDataset(name, im, lab, Path.of(imagesRes), Path.of(labelsRes));
    }

    private static Dataset idxDataset(String name, IdxReader.Images im, int[] labels, Path images, Path labelsFile)
            throws IOException {
        if (im.count() != labels.length) {
            throw new IOException(images + " has " + im.count() + " images but " + labelsFile + " has "
                    + labels.length + " labels");
        }
        int max = Arrays.stream(labels).max().orElse(0);
        if (max >= 10) {
            throw new IOException(labelsFile + ": label " + max + " out of range [0, 10)");
        }
        return new Dataset(name, im.pixels(), labels, 10, new int[] {1, im.rows(), im.cols()});
    }
}
