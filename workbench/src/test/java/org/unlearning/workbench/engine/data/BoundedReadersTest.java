package org.unlearning.workbench.engine.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearning.workbench.engine.io.HostileFiles;
import org.unlearning.workbench.engine.io.InputFileException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every size a data file declares is checked against the file before anything is allocated
 * (issue #12, defect 4). The heap bound itself (a child CLI at -Xmx512m) is in HostileInputsTest.
 */
class BoundedReadersTest {
    @TempDir Path tmp;

    @Test
    void idxCountsAndDimensionsMustFitTheFile() throws IOException {
        Path labels = Files.write(tmp.resolve("labels"), HostileFiles.idxLabels(Integer.MAX_VALUE, 10));
        assertEquals(18, Files.size(labels));
        assertEquals(labels + ": header promises 2147483647 bytes of data, the file holds 10 (truncated, or a lying header)",
                assertThrows(InputFileException.class, () -> IdxReader.readLabels(labels)).getMessage());
        Path images = Files.write(tmp.resolve("images"), HostileFiles.idxImages(1, 46340, 46340, 10));
        assertEquals(26, Files.size(images));
        assertEquals(images + ": header promises 2147395600 bytes of data, the file holds 10 (truncated, or a lying header)",
                assertThrows(InputFileException.class, () -> IdxReader.readImages(images)).getMessage());
        Path wide = Files.write(tmp.resolve("wide"), HostileFiles.idxImages(60000, 60000, 60000, 10));
        assertTrue(assertThrows(IOException.class, () -> IdxReader.readImages(wide)).getMessage()
                .contains("image data too large"));
    }

    @Test
    void gzipHeadersMayNotPromiseMoreThanTheFileCanInflateTo() throws IOException {
        Path lying = Files.write(tmp.resolve("lying.gz"), HostileFiles.gzip(HostileFiles.idxImages(1_000_000, 28, 28, 1000)));
        String m = assertThrows(InputFileException.class, () -> IdxReader.readImages(lying)).getMessage();
        assertTrue(m.startsWith(lying + ": header promises 784000000 bytes of data, more than 100× the size of this "), m);
        // a real gzip bomb: 64 MB of zero pixels in ~64 KB
        byte[] bomb = HostileFiles.gzipBomb(HostileFiles.idxImages(81_633, 28, 28, 0), 81_633L * 784);
        assertTrue(bomb.length < 100_000, "bomb of " + bomb.length + " bytes");
        Path b = Files.write(tmp.resolve("bomb.gz"), bomb);
        assertTrue(assertThrows(InputFileException.class, () -> IdxReader.readImages(b)).getMessage()
                .contains("(a lying header or a gzip bomb)"));
        // within the limit, but the data is not there: the buffer grows with what is read, then EOF
        Path shortData = Files.write(tmp.resolve("short.gz"), HostileFiles.gzip(
                Arrays.copyOf(noisyImages(100, 28, 28), 16 + 5000)));
        assertEquals(shortData + ": truncated (header promises 78400 bytes, found 5000)",
                assertThrows(InputFileException.class, () -> IdxReader.readImages(shortData)).getMessage());
        byte[] whole = HostileFiles.gzip(noisyImages(200, 28, 28));
        Path cut = Files.write(tmp.resolve("cut.gz"), Arrays.copyOf(whole, whole.length / 2));
        String c = assertThrows(InputFileException.class, () -> IdxReader.readImages(cut)).getMessage();
        assertTrue(c.startsWith(cut + ": truncated (header promises 156800 bytes, found "), c);
    }

    @Test
    void cifarAndCsvFilesLargerThanMemoryAreRefusedBeforeReading() throws IOException {
        Path cifar = tmp.resolve("cifar");
        Files.createDirectories(cifar);
        HostileFiles.sparse(cifar.resolve("data_batch_1.bin"), new byte[0], 3073L * 500_000);
        for (String n : new String[] {"data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin",
                "test_batch.bin"}) {
            Files.write(cifar.resolve(n), new byte[3073]);
        }
        String m = assertThrows(InputFileException.class, () -> DatasetLoader.load(cifar)).getMessage();
        assertTrue(m.matches("cifar-10-train \\(500004 images in 5 files\\) needs 7,3\\d\\d MB of memory, more than this JVM "
                + "has free \\(.*; raise -Xmx\\)"), m);
        Path csv = tmp.resolve("huge.csv");
        HostileFiles.sparse(csv, "a,label\n".getBytes(StandardCharsets.US_ASCII), 2L << 30);
        String c = assertThrows(InputFileException.class, () -> DatasetLoader.load(csv)).getMessage();
        assertTrue(c.startsWith(csv + " needs 24,576 MB of memory"), c);
    }

    @Test
    void spreadsheetCsvQuirksAreHandledOrNamed() throws IOException {
        Path bom = Files.writeString(tmp.resolve("bom.csv"), "\uFEFFx,label\n0.5,0\n0.25,1\n0.1,0\n0.2,1\n0.3,0\n");
        assertEquals(2, DatasetLoader.load(bom).numClasses(), "a byte-order mark is not part of the first cell");
        Path semi = Files.writeString(tmp.resolve("semi.csv"), "x;label\n0.5;1\n0.25;0\n");
        assertEquals(semi + ": need at least one feature column and a label column (columns are separated by commas, "
                + "this file uses ';')", assertThrows(IllegalArgumentException.class, () -> DatasetLoader.load(semi)).getMessage());
        Path decimal = Files.writeString(tmp.resolve("decimal.csv"), "0,5;1\n0,25;0\n");
        assertEquals(decimal + ": line 1, column 2: '5;1' is not a number (columns are separated by commas, this file "
                + "uses ';')", assertThrows(IllegalArgumentException.class, () -> DatasetLoader.load(decimal)).getMessage());
    }

    @Test
    void csvClaimsOfHugeClassCountsAreRefused() throws IOException {
        Path csv = Files.writeString(tmp.resolve("classes.csv"), "x,label\n0.5,0\n0.25,99999999\n");
        assertEquals(csv + ": line 3, column 2: label '99999999' is not a non-negative integer below 100000",
                assertThrows(IllegalArgumentException.class, () -> DatasetLoader.load(csv)).getMessage());
    }

    /** IDX images with random pixels (they do not compress). */
    private static byte[] noisyImages(int n, int rows, int cols) {
        byte[] b = HostileFiles.idxImages(n, rows, cols, n * rows * cols);
        byte[] px = new byte[n * rows * cols];
        new java.util.Random(1).nextBytes(px);
        System.arraycopy(px, 0, b, 16, px.length);
        return b;
    }

    @Test
    void forgetIndexFilesAreCappedByTheTrainingSetSize() throws IOException {
        Dataset train = new Dataset("t", new float[40], new int[] {0, 1, 0, 1}, 2, new int[] {10});
        Path f = tmp.resolve("forget.txt");
        HostileFiles.sparse(f, "1\n".getBytes(StandardCharsets.US_ASCII), 64L << 20);
        assertEquals(f + " is too large (67108864 bytes; at most 1048576 expected)",
                assertThrows(IOException.class, () -> ForgetSet.fromFile(train, f)).getMessage());
        assertEquals(tmp + " is a folder, expected a file",
                assertThrows(IOException.class, () -> ForgetSet.fromFile(train, tmp)).getMessage());
        Files.writeString(f, "root:$6$secrethashvalue:20228:0:99999:7:::\n");
        assertEquals(f + ": line 1: 'root:$6$secr…' is not an integer index",
                assertThrows(IllegalArgumentException.class, () -> ForgetSet.fromFile(train, f)).getMessage(),
                "an error quotes little of a file that was never meant to be read");
        ByteBuffer ok = ByteBuffer.wrap("# forget\n1, 3\n".getBytes(StandardCharsets.US_ASCII));
        Files.write(f, ok.array());
        assertEquals(2, ForgetSet.fromFile(train, f).size());
    }
}
