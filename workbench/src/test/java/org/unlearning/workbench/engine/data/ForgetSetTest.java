package org.unlearning.workbench.engine.data;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unlearning.workbench.engine.data.ReadersTest.assertMessage;

class ForgetSetTest {
    static Dataset train;
    @TempDir Path tmp;

    @BeforeAll
    static void load() throws IOException {
        train = DatasetLoader.bundled().train();
    }

    @Test
    void randomFractionIsSeededSortedAndDistinct() {
        ForgetSet a = ForgetSet.randomFraction(train, 0.1, 1);
        ForgetSet b = ForgetSet.randomFraction(train, 0.1, 1);
        ForgetSet c = ForgetSet.randomFraction(train, 0.1, 2);
        assertEquals(800, a.size());
        assertArrayEquals(a.indices(), b.indices());
        assertEquals(a.sha256(), b.sha256());
        assertNotEquals(a.sha256(), c.sha256());
        int[] idx = a.indices();
        for (int i = 1; i < idx.length; i++) {
            assertTrue(idx[i] > idx[i - 1]);
        }
        int[] r = a.retainIndices();
        assertEquals(7200, r.length);
        Set<Integer> all = new HashSet<>();
        Arrays.stream(idx).forEach(all::add);
        Arrays.stream(r).forEach(i -> assertTrue(all.add(i), "retain overlaps forget at " + i));
        assertEquals(8000, all.size());
        assertTrue(a.contains(idx[5]));
        assertFalse(a.contains(r[5]));
    }

    @Test
    void hashIsOfTheSortedIndices() {
        ForgetSet x = ForgetSet.ofIndices(10, new int[] {7, 2, 5}, "x");
        ForgetSet y = ForgetSet.ofIndices(10, new int[] {2, 5, 7}, "y");
        assertEquals(x.sha256(), y.sha256());
        // SHA-256 of "2\n5\n7\n"
        assertEquals("4b1e3bc7d1e7d4dd8dc13ae6a5a8bd2bcc44df4d0a26e0d0f81c7a3c6f44ac39".length(), x.sha256().length());
        assertEquals(Dataset.sha256Of("2\n5\n7\n"), x.sha256());
    }

    @Test
    void wholeClasses() {
        ForgetSet f = ForgetSet.ofClasses(train, 3, 7);
        assertEquals(train.classCounts()[3] + train.classCounts()[7], f.size());
        for (int i : f.indices()) {
            int l = train.label(i);
            assertTrue(l == 3 || l == 7);
        }
        assertMessage(IllegalArgumentException.class, () -> ForgetSet.ofClasses(train, 10), "unknown class 10");
        assertMessage(IllegalArgumentException.class, () -> ForgetSet.ofClasses(train, -1), "unknown class -1");
        assertMessage(IllegalArgumentException.class, () -> ForgetSet.ofClasses(train, 2, 2), "given twice");
        assertMessage(IllegalArgumentException.class, () -> ForgetSet.ofClasses(train), "no class");
    }

    @Test
    void fractionOutsideOpenUnitIntervalIsRejected() {
        for (double f : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            assertMessage(IllegalArgumentException.class, () -> ForgetSet.randomFraction(train, f, 0), "forget fraction");
        }
        assertMessage(IllegalArgumentException.class, () -> ForgetSet.randomFraction(train, 1e-6, 0), "selects 0 examples");
    }

    @Test
    void indexFile() throws IOException {
        Path f = tmp.resolve("forget.txt");
        Files.writeString(f, "# forget these\n5, 3\n100 7\n\n");
        ForgetSet s = ForgetSet.fromFile(train, f);
        assertArrayEquals(new int[] {3, 5, 7, 100}, s.indices());
        Files.writeString(f, "1\n8000\n");
        assertMessage(IllegalArgumentException.class, () -> ForgetSet.fromFile(train, f), "index 8000 out of range", f.toString());
        Files.writeString(f, "1\n-2\n");
        assertMessage(IllegalArgumentException.class, () -> ForgetSet.fromFile(train, f), "index -2 out of range");
        Files.writeString(f, "1\n4\n1\n");
        assertMessage(IllegalArgumentException.class, () -> ForgetSet.fromFile(train, f), "index 1 is duplicated");
        Files.writeString(f, "1\nx\n");
        assertMessage(IllegalArgumentException.class, () -> ForgetSet.fromFile(train, f), "line 2", "'x' is not an integer");
        Files.writeString(f, "# nothing\n");
        assertMessage(IllegalArgumentException.class, () -> ForgetSet.fromFile(train, f), "no indices");
        assertMessage(NoSuchFileException.class, () -> ForgetSet.fromFile(train, tmp.resolve("missing.txt")), "missing.txt");
    }

    @Test
    void parseCommandLineSpecifications() throws IOException {
        assertEquals(800, ForgetSet.parse("0.1", train, 1).size());
        assertArrayEquals(ForgetSet.parse("random:0.1", train, 1).indices(), ForgetSet.randomFraction(train, 0.1, 1).indices());
        assertArrayEquals(ForgetSet.ofClasses(train, 3, 7).indices(), ForgetSet.parse("classes:3,7", train, 0).indices());
        Path f = tmp.resolve("idx.txt");
        Files.writeString(f, "4\n2\n");
        assertArrayEquals(new int[] {2, 4}, ForgetSet.parse("file:" + f, train, 0).indices());
        assertArrayEquals(new int[] {2, 4}, ForgetSet.parse(f.toString(), train, 0).indices());
        assertMessage(IllegalArgumentException.class, () -> ForgetSet.parse("random:x", train, 0), "not a number");
        assertMessage(IllegalArgumentException.class, () -> ForgetSet.parse("1.5", train, 0), "forget fraction");
        assertMessage(IllegalArgumentException.class, () -> ForgetSet.parse("classes:11", train, 0), "unknown class 11");
        assertMessage(NoSuchFileException.class, () -> ForgetSet.parse("nofile.txt", train, 0), "nofile.txt");
    }

    @Test
    void minibatchesCoverTheSubsetOncePerEpochInSeededOrder() {
        int[] subset = ForgetSet.randomFraction(train, 0.1, 1).retainIndices();
        Minibatches mb = new Minibatches(train, subset, 128, 9, DataType.FLOAT);
        Minibatches mb2 = new Minibatches(train, subset, 128, 9, DataType.FLOAT);
        assertEquals((subset.length + 127) / 128, mb.batchesPerEpoch());
        Set<Integer> seen = new HashSet<>();
        int total = 0;
        for (int b = 0; b < mb.batchesPerEpoch(); b++) {
            int n = mb.next();
            mb2.next();
            total += n;
            assertArrayEquals(mb.batchIndices(), mb2.batchIndices());
            assertEquals(n, mb.features().size(0));
            assertEquals(n, mb.labels().sumNumber().intValue());
            int[] bi = mb.batchIndices();
            assertEquals(train.label(bi[0]), mb.labels().getRow(0).argMax().getInt(0));
            assertEquals(train.features(new int[] {bi[n - 1]}, DataType.FLOAT).sumNumber().doubleValue(),
                    mb.features().getRow(n - 1).sumNumber().doubleValue(), 1e-3);
            for (int i : bi) {
                assertTrue(seen.add(i));
            }
        }
        assertEquals(subset.length, total);
        assertTrue(mb.epochDone());
        assertEquals(new HashSet<>(Arrays.stream(subset).boxed().toList()), seen);
    }
}
