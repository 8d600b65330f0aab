package org.unlearning.workbench.engine.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadersTest {
    @TempDir Path tmp;

    @Test
    void bundledMnistLoadsWithNoSetUp() throws IOException {
        DatasetSplit s = DatasetLoader.load((String) null);
        assertEquals(8000, s.train().size());
        assertEquals(2000, s.test().size());
        assertArrayEquals(new int[] {1, 28, 28}, s.inputShape());
        assertEquals(10, s.numClasses());
        // stratified: every class has 20 % of its digits in test (PROVENANCE.md)
        assertArrayEquals(new int[] {200, 225, 198, 206, 196, 173, 203, 214, 189, 196}, s.test().classCounts());
        double[][] ms = s.standardized().train().channelMeanStd(); // standardised with the training statistics
        assertEquals(0, ms[0][0], 1e-4);
        assertEquals(1, ms[1][0], 1e-4);
        assertEquals(0, s.standardized().test().channelMeanStd()[0][0], 0.05);
        assertNotEquals(s.sha256(), s.standardized().sha256());
        IdxReader.Images raw = IdxReader.readImages(Path.of(System.getProperty("uw.assets", "assets"), "mnist",
                "train-images-idx3-ubyte.gz"));
        for (float v : raw.pixels()) {
            assertTrue(v >= 0 && v <= 1);
        }
        assertEquals(s.sha256(), DatasetLoader.bundled().sha256(), "hash is stable");
        assertEquals(64, s.sha256().length());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void idxFolderPlainOrGzip(boolean gz) throws IOException {
        DatasetSplit s = DatasetLoader.load(DataFiles.idxFolder(tmp.resolve("idx"), gz));
        assertEquals(20, s.train().size());
        assertEquals(10, s.test().size());
        assertArrayEquals(new int[] {1, 4, 4}, s.inputShape());
        assertEquals(3, s.train().label(13));
        String name = gz ? "train-images-idx3-ubyte.gz" : "train-images-idx3-ubyte";
        IdxReader.Images raw = IdxReader.readImages(tmp.resolve("idx").resolve(name));
        assertEquals(((16 * 31 + 1) & 0xff) / 255f, raw.pixels()[16], 0);
        float[] f = new float[16];
        s.train().copyFeatures(1, f, 0);
        assertEquals(raw.pixels()[16], f[0], 0);
    }

    @Test
    void idxBadInputs() throws IOException {
        Path dir = DataFiles.idxFolder(tmp.resolve("bad"), false);
        Path images = dir.resolve("train-images-idx3-ubyte");
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        // wrong magic
        byte[] raw = DataFiles.idxImages(20, 4, 4, 1);
        raw[3] = 0x01;
        Files.write(images, raw);
        assertMessage(IOException.class, () -> DatasetLoader.load(dir), "wrong magic number", images.toString());
        // truncated
        Files.write(images, Arrays.copyOf(DataFiles.idxImages(20, 4, 4, 1), 100));
        assertMessage(IOException.class, () -> DatasetLoader.load(dir), "truncated", images.toString());
        Files.write(images, new byte[2]);
        assertMessage(IOException.class, () -> DatasetLoader.load(dir), "truncated", images.toString());
        // count mismatch
        Files.write(images, DataFiles.idxImages(19, 4, 4, 1));
        assertMessage(IOException.class, () -> DatasetLoader.load(dir), "19 images but", labels.toString());
        // labels out of range
        Files.write(images, DataFiles.idxImages(20, 4, 4, 1));
        int[] l = DataFiles.seq(20);
        l[5] = 12;
        Files.write(labels, DataFiles.idxLabels(l));
        assertMessage(IOException.class, () -> DatasetLoader.load(dir), "label 12 out of range", labels.toString());
        // missing path
        assertMessage(NoSuchFileException.class, () -> DatasetLoader.load(tmp.resolve("nope").toString()), "nope");
        // folder with nothing recognisable
        Files.createDirectories(tmp.resolve("empty"));
        assertMessage(IllegalArgumentException.class, () -> DatasetLoader.load(tmp.resolve("empty")), "no dataset found");
    }

    @Test
    void cifar10And100() throws IOException {
        Path c10 = Files.createDirectories(tmp.resolve("cifar-10-batches-bin"));
        for (int b = 1; b <= 5; b++) {
            Files.write(c10.resolve("data_batch_" + b + ".bin"), DataFiles.cifar(1, b, 9));
        }
        Files.write(c10.resolve("test_batch.bin"), DataFiles.cifar(1, 0, 1, 2));
        DatasetSplit s = DatasetLoader.load(tmp); // parent folder also works
        assertEquals(10, s.train().size());
        assertEquals(3, s.test().size());
        assertArrayEquals(new int[] {3, 32, 32}, s.inputShape());
        assertEquals(10, s.numClasses());
        assertEquals(9, s.train().label(9));
        Dataset rawTest = CifarReader.read(java.util.List.of(c10.resolve("test_batch.bin")), CifarReader.Variant.CIFAR10, "t");
        float[] f = new float[3072];
        rawTest.copyFeatures(2, f, 0);
        assertEquals(2 / 255f, f[0], 0);
        assertEquals(((2 + 1024) & 0xff) / 255f, f[1024], 0); // G plane starts at 1024: [c, h, w]

        Path c100 = Files.createDirectories(tmp.resolve("c100"));
        Files.write(c100.resolve("train.bin"), DataFiles.cifar(2, 99, 5, 42));
        Files.write(c100.resolve("test.bin"), DataFiles.cifar(2, 7));
        DatasetSplit s100 = DatasetLoader.load(c100);
        assertEquals(100, s100.numClasses());
        assertArrayEquals(new int[] {99, 5, 42}, s100.train().labels(), "fine labels");
    }

    @Test
    void cifarBadInputs() throws IOException {
        Path c10 = Files.createDirectories(tmp.resolve("c10"));
        for (int b = 1; b <= 5; b++) {
            Files.write(c10.resolve("data_batch_" + b + ".bin"), DataFiles.cifar(1, 1, 2));
        }
        Files.write(c10.resolve("test_batch.bin"), Arrays.copyOf(DataFiles.cifar(1, 1), 3000));
        assertMessage(IOException.class, () -> DatasetLoader.load(c10), "truncated", "test_batch.bin");
        Files.write(c10.resolve("test_batch.bin"), DataFiles.cifar(1, 10));
        assertMessage(IOException.class, () -> DatasetLoader.load(c10), "label 10 of record 0 out of range", "test_batch.bin");
        Files.delete(c10.resolve("test_batch.bin"));
        assertMessage(NoSuchFileException.class, () -> DatasetLoader.load(c10), "test_batch.bin");
    }

    @Test
    void csvFeatureMatrix() throws IOException {
        Path f = tmp.resolve("feat.csv");
        StringBuilder sb = new StringBuilder("f1,f2,f3,label\n");
        for (int i = 0; i < 50; i++) {
            sb.append(i * 0.5).append(',').append(-i).append(",1e-3,").append(i % 3).append('\n');
        }
        Files.writeString(f, sb);
        DatasetSplit s = DatasetLoader.load(f.toString());
        // stratified 20 %: class counts 17, 17, 16 → 3 + 3 + 3 test rows
        assertEquals(41, s.train().size());
        assertEquals(9, s.test().size());
        assertArrayEquals(new int[] {3}, s.inputShape());
        assertEquals(3, s.numClasses());
        // label column in the middle, no header → last column is the label
        Path g = tmp.resolve("nohead.csv");
        Files.writeString(g, "1,2,0\n3,4,1\n5,6,1\n7,8,0\n9,10,1\n");
        Dataset d = CsvFeatureReader.read(g, "g", 0);
        assertEquals(5, d.size());
        assertEquals(2, d.featureLength());
        Path h = tmp.resolve("mid.csv");
        Files.writeString(h, "a,label,b\n1,0,2\n3,1,4\n");
        Dataset dh = CsvFeatureReader.read(h, "h", 0);
        assertArrayEquals(new int[] {0, 1}, dh.labels());
        float[] x = new float[2];
        dh.copyFeatures(1, x, 0);
        assertArrayEquals(new float[] {3, 4}, x);
    }

    @Test
    void csvBadInputs() throws IOException {
        Path f = tmp.resolve("bad.csv");
        Files.writeString(f, "");
        assertMessage(IllegalArgumentException.class, () -> CsvFeatureReader.read(f, "x", 0), "no data rows", f.toString());
        Files.writeString(f, "a,b,label\n");
        assertMessage(IllegalArgumentException.class, () -> CsvFeatureReader.read(f, "x", 0), "no data rows");
        Files.writeString(f, "1,2,0\n3,,1\n");
        assertMessage(IllegalArgumentException.class, () -> CsvFeatureReader.read(f, "x", 0), "line 2, column 2 is empty");
        Files.writeString(f, "1,2,0\n3,abc,1\n");
        assertMessage(IllegalArgumentException.class, () -> CsvFeatureReader.read(f, "x", 0), "'abc' is not a number");
        Files.writeString(f, "1,2,0\n3,4,1.5\n");
        assertMessage(IllegalArgumentException.class, () -> CsvFeatureReader.read(f, "x", 0), "not a non-negative integer");
        Files.writeString(f, "1,2,0\n3,4\n");
        assertMessage(IllegalArgumentException.class, () -> CsvFeatureReader.read(f, "x", 0), "has 2 columns");
        Files.writeString(f, "1,NaN,0\n3,4,1\n");
        assertMessage(IllegalArgumentException.class, () -> CsvFeatureReader.read(f, "x", 0), "not a finite number");
        Files.writeString(f, "1,2,0\n3,4,5\n");
        assertMessage(IllegalArgumentException.class, () -> CsvFeatureReader.read(f, "x", 3), "label 5 out of range");
        assertMessage(NoSuchFileException.class, () -> CsvFeatureReader.read(tmp.resolve("none.csv"), "x", 0), "none.csv");
    }

    @Test
    void fashionMnistIsPickedUpWhenInstalled() throws IOException {
        if (!DatasetLoader.fashionMnistAvailable()) {
            assertThrows(NoSuchFileException.class, () -> DatasetLoader.load("fashion-mnist"));
            return;
        }
        DatasetSplit s = DatasetLoader.load("fashion-mnist");
        assertEquals(60000, s.train().size());
        assertEquals(10000, s.test().size());
        assertNotEquals(DatasetLoader.bundled().sha256(), s.sha256());
    }

    @Test
    void validationSplitIsSeededAndStratified() throws IOException {
        DatasetSplit s = DatasetLoader.bundled();
        DatasetSplit a = s.withValidation(0.1, 3);
        DatasetSplit b = s.withValidation(0.1, 3);
        DatasetSplit c = s.withValidation(0.1, 4);
        assertEquals(800, a.validation().size());
        assertEquals(7200, a.train().size());
        assertEquals(a.validation().sha256(), b.validation().sha256());
        assertNotEquals(a.validation().sha256(), c.validation().sha256());
        int[] counts = a.validation().classCounts();
        int[] all = s.train().classCounts();
        for (int k = 0; k < 10; k++) {
            assertEquals(Math.round(all[k] * 0.1), counts[k]);
        }
        assertEquals(s.sha256(), a.sha256());
        assertThrows(IllegalArgumentException.class, () -> s.withValidation(0, 1));
        assertThrows(IllegalArgumentException.class, () -> s.withValidation(1, 1));
        assertThrows(IllegalArgumentException.class, () -> s.withValidation(Double.NaN, 1));
    }

    static <T extends Throwable> void assertMessage(Class<T> type, org.junit.jupiter.api.function.Executable ex,
                                                    String... parts) {
        T e = assertThrows(type, ex);
        String msg = e.getMessage();
        for (String p : parts) {
            assertTrue(msg != null && msg.contains(p), "message '" + msg + "' lacks '" + p + "'");
        }
        assertEquals(1, msg.lines().count(), "one-line message");
    }
}
